import { Heading, Paragraph } from '@amsterdam/design-system-react';
import { WACHTSTAPPEN } from '../../../common/monitoring';
import type { Rapportage } from '../../../api/rapportage/rapportageCijfers';
import { getal, Kengetaltabel } from '../Kengetaltabel';
import { datum, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';

/** Werkkader ch. 5's monitorgegevens: client flows with uitstroomkenmerk, waiting times per step, complaints. */
export function MonitoringSectie({ m }: { m: Rapportage['monitoring'] }) {
  const s = m.stromen;
  const k = m.klachten;
  return (
    <>
      <Kengetaltabel
        id="clientstromen"
        titel={`Cliëntstromen (trajecten; doorstroom: open op ${datum(m.stand)})`}
        kolom="Stroom"
        regels={[
          ['Instroom (aangemeld)', getal(s.instroom)],
          ['Doorstroom (open)', getal(s.doorstroom)],
          ['Uitstroom (afgesloten)', getal(s.uitstroom)],
          ['Instroom met ondersteuningsplan', getal(s.metOndersteuningsplan.instroom)],
          ['Doorstroom met ondersteuningsplan', getal(s.metOndersteuningsplan.doorstroom)],
          ['Uitstroom met ondersteuningsplan', getal(s.metOndersteuningsplan.uitstroom)],
        ]}
      />
      <Kengetaltabel
        id="uitstroom"
        titel="Uitstroom per uitstroomkenmerk"
        kolom="Uitstroomkenmerk"
        regels={Object.entries(s.uitstroomPerReden).map(([reden, n]) => [woorden(reden), getal(n)])}
      />
      <section aria-labelledby="wachttijden" className="dashboard-blok">
        <Heading level={2} size="level-3" id="wachttijden">
          Wachttijden in kalenderdagen
        </Heading>
        <Overzichtstabel
          data-testid="wachttijden"
          koppen={['Stap', 'Bereikt', 'Mediaan', '90e percentiel', 'Wachtend', 'Langst wachtend']}
          rijen={m.wachttijden.map((w) => ({
            sleutel: w.stap,
            cellen: [
              WACHTSTAPPEN.find((x) => x.stap === w.stap)?.label ?? w.stap,
              getal(w.bereikt),
              getal(w.dagen.mediaan),
              getal(w.dagen.p90),
              getal(w.wachtend.aantal),
              getal(w.wachtend.langste),
            ],
          }))}
          cijfers
          schuif={false}
        />
        <Paragraph size="small">
          Dagen na de vorige stap, van trajecten die de stap in de periode bereikten; wachtend: open op {datum(m.stand)}, vorige stap
          bereikt, deze nog niet.
        </Paragraph>
      </section>
      <Kengetaltabel
        id="klachten-aard"
        titel={`Klachten ontvangen (${getal(k.ontvangen)}), per aard`}
        kolom="Aard"
        regels={Object.entries(k.perAard).map(([aard, n]) => [woorden(aard), getal(n)])}
      />
      <Kengetaltabel
        id="klachten-afdoening"
        titel={`Klachten afgedaan (${getal(k.afgedaan)}), per wijze van afdoening`}
        kolom="Afdoening"
        regels={[
          ...Object.entries(k.perAfdoening).map(([wijze, n]): [string, string] => [woorden(wijze), getal(n)]),
          ['Doorlooptijd in dagen (mediaan)', getal(k.doorlooptijd.mediaan)],
        ]}
      />
      <Kengetaltabel
        id="klachten-open"
        titel={`Klachten open op ${datum(m.stand)}`}
        kolom="Aard, ontvangen"
        regels={k.open.map((o) => [`${woorden(o.aard)}, ${datum(o.ontvangen)}`, `${getal(o.dagenOpen)} dagen`])}
      />
    </>
  );
}
