import { Alert, Button, Field, Heading, Label, Paragraph } from '@amsterdam/design-system-react';
import { useState, type FormEvent } from 'react';
import { CONTACTPOGING_NORM_DAGEN } from '../../../common/normen';
import { apiBestand, NietAangemeld } from '../api';
import { aanmelden } from '../auth';
import { getal, Kengetaltabel as Tabel, procent } from '../Kengetaltabel';
import { Laadstatus } from '../Laadstatus';
import { TeamKeuze } from '../TeamKeuze';
import { datum, vandaag, woorden } from '../opmaak';
import { navigeer } from '../router';
import { useLaden, useSessie } from '../sessie';
import type { Rapportage as Cijfers } from '../../../api/rapportage/rapportageCijfers';
import { MonitoringSectie } from './MonitoringSectie';

/** The team's figures for the gemeente over a period, and the same as a CSV file for Excel. */
export function Rapportage({ zoek }: { zoek: URLSearchParams }) {
  const { gebruiker } = useSessie();
  const team = zoek.get('team') ?? gebruiker.buurtteams[0];
  const tot = zoek.get('tot') ?? vandaag();
  const van = zoek.get('van') ?? `${tot.slice(0, 8)}01`;
  const query = team ? new URLSearchParams({ buurtteam: team, van, tot }) : undefined;
  const laden = useLaden<Cijfers>(query ? `/rapportage?${query}` : undefined);
  const [downloadFout, zetDownloadFout] = useState<string>();

  if (!team) return <Paragraph>U hoort bij geen buurtteam; vraag uw beheerder om u toe te voegen.</Paragraph>;

  const tonen = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const g = new FormData(e.currentTarget);
    navigeer(
      `/app/rapportage?${new URLSearchParams({ team: String(g.get('team') ?? team), van: String(g.get('van')), tot: String(g.get('tot')) })}`,
    );
  };
  const download = async () => {
    zetDownloadFout(undefined);
    try {
      const bestand = await apiBestand(`/rapportage?${query}&formaat=csv`);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(bestand);
      a.download = `rapportage-${team}-${van}-${tot}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (fout) {
      if (fout instanceof NietAangemeld) void aanmelden(location.pathname + location.search);
      else zetDownloadFout((fout as Error).message);
    }
  };

  const r = laden.data;
  const m = r?.meldingen;
  return (
    <>
      <Heading level={1}>Rapportage {team}</Heading>
      <form className="filters" onSubmit={tonen} aria-label="Periode">
        <TeamKeuze id="rapportage-team" team={team} />
        <Field>
          <Label htmlFor="rapportage-van">Van</Label>
          <input id="rapportage-van" name="van" type="date" className="ams-date-input" defaultValue={van} required />
        </Field>
        <Field>
          <Label htmlFor="rapportage-tot">Tot en met</Label>
          <input id="rapportage-tot" name="tot" type="date" className="ams-date-input" defaultValue={tot} required />
        </Field>
        <Button type="submit" variant="secondary">
          Toon cijfers
        </Button>
      </form>
      <Laadstatus laden={laden} />
      {r && m && (
        <>
          <Paragraph>
            Periode {datum(r.van)} tot en met {datum(r.tot)}; stand van {datum(r.peilmoment)}. Lopende zaken kunnen de cijfers nog
            veranderen.
          </Paragraph>
          <Button variant="secondary" onClick={() => void download()}>
            Download als CSV (Excel)
          </Button>
          {downloadFout && (
            <Alert severity="error" heading="Download mislukt" headingLevel={2}>
              <Paragraph>{downloadFout}</Paragraph>
            </Alert>
          )}
          <div className="dashboard" data-testid="rapportage">
            <Tabel
              id="vroegsignalering"
              titel="Vroegsignalering"
              kolom="Kengetal"
              regels={[
                ['Signalen ontvangen', getal(m.signalen)],
                ['Meldingen', getal(m.aantal)],
                ['Lopend', getal(m.lopend)],
                ['Bereikt', getal(m.bereikt)],
                ['Niet bereikt', getal(m.nietBereikt)],
                ['Bereikt onbekend', getal(m.bereiktOnbekend)],
                ['Aandeel bereikt', procent(m.bereiktAandeel)],
                ['Dagen tot eerste contactpoging (gemiddeld)', getal(m.dagenTotEersteContactpoging.gemiddeld)],
                ['Dagen tot eerste contactpoging (mediaan)', getal(m.dagenTotEersteContactpoging.mediaan)],
                [
                  `Eerste contactpoging binnen ${CONTACTPOGING_NORM_DAGEN} dagen`,
                  `${getal(m.dagenTotEersteContactpoging.binnenNorm)} van ${getal(m.dagenTotEersteContactpoging.aantal)}`,
                ],
              ]}
            />
            <Tabel
              id="eindresultaten"
              titel="Eindresultaten (DDAS)"
              kolom="Eindresultaat"
              regels={Object.entries(m.eindresultaten).map(([k, n]) => [k, getal(n)])}
            />
            <Tabel
              id="crisis"
              titel="Meldingen met een crisissignaal (Wgs art. 4 lid 2)"
              kolom="Crisissignaal"
              regels={Object.entries(m.crisis).map(([soort, n]) => [woorden(soort), getal(n)])}
            />
            <Tabel
              id="te-laat-gemeld"
              titel="Afsluitsignalen te laat gemeld (minder dan 20 werkdagen vóór de afsluiting)"
              kolom="Energieleverancier"
              regels={Object.entries(m.teLaatGemeldeAfsluitsignalen).map(([leverancier, n]) => [leverancier, getal(n)])}
            />
            <Tabel
              id="trajecten"
              titel="Trajecten aangemeld, per fase nu"
              kolom="Fase"
              regels={Object.entries(r.trajecten.perFase).map(([fase, n]) => [woorden(fase), getal(n)])}
            />
            <Tabel
              id="adviezen"
              titel="Informatie en advies gestart, per uitkomst"
              kolom="Uitkomst"
              regels={Object.entries(r.adviezen.perUitkomst).map(([uitkomst, n]) => [woorden(uitkomst), getal(n)])}
            />
            <Tabel
              id="beschikkingen"
              titel="Beschikkingen"
              kolom="Kengetal"
              regels={[
                ['Afgegeven', getal(r.beschikkingen.afgegeven)],
                ['Binnen de termijn', getal(r.beschikkingen.opTijd)],
                ['Na de termijn', getal(r.beschikkingen.teLaat)],
                ['Aandeel op tijd', procent(r.beschikkingen.opTijdAandeel)],
              ]}
            />
            <MonitoringSectie m={r.monitoring} />
          </div>
        </>
      )}
    </>
  );
}
