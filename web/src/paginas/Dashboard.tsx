import { Heading, Paragraph } from '@amsterdam/design-system-react';
import { Laadstatus } from '../Laadstatus';
import { woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { AppLink } from '../router';
import { useLaden, useSessie } from '../sessie';
import { laatsteDag, resterendTekst, soortVanZaak, TermijnMarkering } from '../termijn';
import { zaakPad } from './Werkvoorraad';
import type { Overzicht, Zaakregel } from '../../../api/werkvoorraad/overzicht';

function Zaken({ id, titel, zaken, leeg }: { id: string; titel: string; zaken: Zaakregel[]; leeg: string }) {
  return (
    <section aria-labelledby={id} className="dashboard-blok" data-testid={id}>
      <Heading level={2} size="level-3" id={id}>
        {titel} ({zaken.length})
      </Heading>
      {zaken.length === 0 ? (
        <Paragraph>{leeg}</Paragraph>
      ) : (
        <ul className="zaaklijst">
          {zaken.map((z) => (
            <li key={z.zaakId}>
              <AppLink href={zaakPad(z.zaakId)} className="ams-link">
                {soortVanZaak(z.zaakId) === 'traject' ? 'Traject' : 'Melding'} {z.zaakId.slice(-8)}
              </AppLink>{' '}
              {z.termijnDatum && (
                <>
                  <TermijnMarkering verloopt={z.termijnDatum} soort={soortVanZaak(z.zaakId)} /> t/m {laatsteDag(z.termijnDatum)} (
                  {resterendTekst(z.termijnDatum)})
                </>
              )}
              {z.regievoerder && <span className="regievoerder"> · {z.regievoerder}</span>}
              {z.storing && <span> · {z.storing.join(' en ')} geweigerd, wordt opnieuw geprobeerd</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Telling({
  id,
  titel,
  kolom,
  aantallen,
  alsWoorden,
}: {
  id: string;
  titel: string;
  kolom: string;
  aantallen: Record<string, number>;
  /** Phases read as words; staff codes stay as they are. */
  alsWoorden: boolean;
}) {
  return (
    <section aria-labelledby={id} className="dashboard-blok">
      <Heading level={2} size="level-3" id={id}>
        {titel}
      </Heading>
      <Overzichtstabel
        koppen={[kolom, 'Zaken']}
        rijen={Object.entries(aantallen).map(([sleutel, aantal]) => ({
          sleutel,
          cellen: [alsWoorden ? woorden(sleutel) : sleutel, aantal],
        }))}
        cijfers
        schuif={false}
      />
    </section>
  );
}

/** The teamleider's view of a team: what is late or about to be, and where the cases are. */
export function Dashboard({ zoek }: { zoek: URLSearchParams }) {
  const { gebruiker } = useSessie();
  const team = zoek.get('team') ?? gebruiker.buurtteams[0];
  const laden = useLaden<Overzicht>(team ? `/teams/${team}/overzicht` : undefined);
  const o = laden.data;
  return (
    <>
      <Heading level={1}>Overzicht {team}</Heading>
      <Laadstatus laden={laden} />
      {o && (
        <div className="dashboard">
          <Zaken
            id="overschreden"
            titel="Beschikkingstermijn overschreden"
            zaken={o.termijnenOverschreden}
            leeg="Geen overschreden termijnen."
          />
          <Zaken id="in-gevaar" titel="Termijn in gevaar (binnen 2 weken)" zaken={o.termijnenInGevaar} leeg="Geen termijnen in gevaar." />
          <Zaken id="te-laat" titel="Huisbezoeken te laat" zaken={o.teLateBezoeken} leeg="Geen te late huisbezoeken." />
          <Zaken
            id="geweigerd"
            titel="Geweigerde leveringen"
            zaken={o.geweigerdeLeveringen}
            leeg="Alle meldingen en registraties zijn afgeleverd."
          />
          <Telling id="per-fase" titel="Zaken per fase" kolom="Fase" aantallen={o.perFase} alsWoorden />
          <Telling
            id="per-regievoerder"
            titel="Zaken per regievoerder"
            kolom="Regievoerder"
            aantallen={o.perRegievoerder}
            alsWoorden={false}
          />
        </div>
      )}
    </>
  );
}
