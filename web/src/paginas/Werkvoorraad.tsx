import { Button, Field, Heading, Label, Paragraph, Select, TextInput } from '@amsterdam/design-system-react';
import type { FormEvent } from 'react';
import { AppLink, navigeer } from '../router';
import { useLaden, useSessie } from '../sessie';
import { laatsteDag, TermijnMarkering, resterendTekst, soortVanZaak } from '../termijn';
import { woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { Laadstatus } from '../Laadstatus';
import { TeamKeuze } from '../TeamKeuze';
import type { Taak } from '../../../api/werkvoorraad/werkvoorraad';
import type { Wie } from '../../../api/werkvoorraad/werkvoorraadWie';

interface WerkvoorraadAntwoord {
  buurtteam: string;
  /** `wie` only for the team's own medewerkers. */
  taken: (Taak & { wie?: Wie })[];
  /** Cursor of the next page, absent on the last page. */
  volgende?: string;
  /** Open cases per task for the team (and regievoerder), whatever the task filter and page. */
  perTaak: Record<string, number>;
  totaal: number;
}

export const PAGINAGROOTTE = 25;

const ZAAKPAD = { traject: 'trajecten', melding: 'meldingen', advies: 'adviezen' } as const;
const ZAAKNAAM = { traject: 'Traject', melding: 'Melding', advies: 'Advies' } as const;
export const zaakPad = (zaakId: string) => `/app/${ZAAKPAD[soortVanZaak(zaakId)]}/${zaakId}`;

/** The team's open cases, most urgent term first, with filters, counts per task and paging. */
export function Werkvoorraad({ zoek }: { zoek: URLSearchParams }) {
  const { gebruiker } = useSessie();
  const team = zoek.get('team') ?? gebruiker.buurtteams[0];
  const filter = new URLSearchParams();
  for (const sleutel of ['regievoerder', 'taak', 'cursor']) {
    const waarde = zoek.get(sleutel);
    if (waarde) filter.set(sleutel, waarde);
  }
  filter.set('limiet', String(PAGINAGROOTTE));
  const laden = useLaden<WerkvoorraadAntwoord>(team ? `/teams/${team}/taken?${filter}` : undefined);

  if (!team)
    return (
      <>
        <Heading level={1}>Werkvoorraad</Heading>
        <Paragraph>U hoort bij geen buurtteam; vraag uw beheerder om u toe te voegen.</Paragraph>
      </>
    );

  const naar = (wijziging: Record<string, string | undefined>) => {
    const nieuw = new URLSearchParams(zoek);
    for (const [k, v] of Object.entries(wijziging)) {
      if (v) nieuw.set(k, v);
      else nieuw.delete(k);
    }
    navigeer(`/app/?${nieuw}`);
  };
  const filteren = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const g = new FormData(e.currentTarget);
    naar({
      team: String(g.get('team') ?? team),
      regievoerder: String(g.get('regievoerder') ?? '').trim() || undefined,
      taak: String(g.get('taak') ?? '') || undefined,
      cursor: undefined,
    });
  };
  const data = laden.data;
  const taakSoorten = Object.keys(data?.perTaak ?? {}).sort();

  return (
    <>
      <Heading level={1}>Werkvoorraad {team}</Heading>
      <form className="filters" onSubmit={filteren} aria-label="Filters">
        <TeamKeuze id="filter-team" team={team} />
        <Field>
          <Label htmlFor="filter-regievoerder">Regievoerder</Label>
          <TextInput id="filter-regievoerder" name="regievoerder" defaultValue={zoek.get('regievoerder') ?? ''} size={14} />
        </Field>
        <Field>
          <Label htmlFor="filter-taak">Taak</Label>
          <Select id="filter-taak" name="taak" defaultValue={zoek.get('taak') ?? ''} key={taakSoorten.join()}>
            <Select.Option value="">Alle taken</Select.Option>
            {[...new Set([...taakSoorten, ...(zoek.get('taak') ? [zoek.get('taak')!] : [])])].map((t) => (
              <Select.Option key={t} value={t}>
                {woorden(t)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <Laadstatus laden={laden} />
      {data && (
        <>
          <Heading level={2} size="level-4">
            Open taken ({data.totaal} {data.totaal === 1 ? 'zaak' : 'zaken'})
          </Heading>
          <ul className="aantallen" aria-label="Aantal zaken per taak">
            {Object.entries(data.perTaak).map(([taak, aantal]) => (
              <li key={taak}>
                <AppLink href={`/app/?${new URLSearchParams({ team, taak })}`} className="ams-link">
                  {woorden(taak)}
                </AppLink>{' '}
                <span className="aantal">{aantal}</span>
              </li>
            ))}
          </ul>
          {data.taken.length === 0 ? (
            <Paragraph>Geen open taken{zoek.get('regievoerder') || zoek.get('taak') ? ' met deze filters' : ''}.</Paragraph>
          ) : (
            <Overzichtstabel
              className="werkvoorraad"
              bijschrift="Open zaken, meest urgente termijn eerst"
              koppen={['Zaak', 'Fase', 'Open taken', 'Regievoerder', 'Termijn']}
              rijen={data.taken.map((t) => ({
                sleutel: t.zaakId,
                cellen: [
                  <>
                    <AppLink href={zaakPad(t.zaakId)} className="ams-link">
                      {t.wie ? t.wie.naam : `${ZAAKNAAM[soortVanZaak(t.zaakId)]} ${t.zaakId.slice(-8)}`}
                    </AppLink>
                    {t.wie && (
                      <span className="zaak-wie">
                        {t.wie.adres ? `${t.wie.adres} · ` : ''}
                        {soortVanZaak(t.zaakId)} {t.zaakId.slice(-8)}
                      </span>
                    )}
                  </>,
                  t.fase ? woorden(t.fase) : '–',
                  t.openTaken.map(woorden).join(', '),
                  t.regievoerder ?? '–',
                  t.termijnDatum ? (
                    <>
                      <TermijnMarkering verloopt={t.termijnDatum} soort={soortVanZaak(t.zaakId)} />{' '}
                      <span className="termijn-tekst">
                        t/m {laatsteDag(t.termijnDatum)} ({resterendTekst(t.termijnDatum)})
                      </span>
                    </>
                  ) : (
                    'geen termijn'
                  ),
                ],
              }))}
            />
          )}
          <nav className="paginering" aria-label="Paginering">
            {zoek.get('cursor') && (
              <Button variant="secondary" onClick={() => naar({ cursor: undefined })}>
                Eerste pagina
              </Button>
            )}
            {data.volgende && (
              <Button variant="secondary" onClick={() => naar({ cursor: data.volgende })}>
                Volgende pagina
              </Button>
            )}
          </nav>
        </>
      )}
    </>
  );
}
