import { DescriptionList, Heading, Paragraph } from '@amsterdam/design-system-react';
import { ADVIES_PARTNERS, ADVIES_SOORTEN, ADVIES_UITKOMSTEN, GESPREK_VORMEN } from '../../../common/begrippen';
import { eindeVanDag } from '../../../common/kalender';
import type { AdviesStatus } from '../../../workflows/types';
import { api } from '../api';
import { Formulier, tekst } from '../formulier';
import { Laadstatus } from '../Laadstatus';
import { datum, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { AppLink, navigeer } from '../router';
import { Sectie } from '../Sectie';
import { useLaden } from '../sessie';
import { resterendTekst, TermijnMarkering } from '../termijn';
import { CrisisEnToestemming, crisisEnToestemming, DatumVeld, KeuzeVeld, TekstVeld } from '../velden';
import { useZaakActie } from '../zaakActie';

const GEEN_PARTNER = { waarde: '', label: 'de medewerker zelf' };

/** What was done: conversations and advice given, oldest first. */
function Verloop({ a }: { a: AdviesStatus }) {
  const regels = [
    ...a.gesprekken.map((g) => ({ datum: g.datum, wat: `gesprek (${woorden(g.vorm)})`, door: g.door })),
    ...a.adviezen.map((x) => ({
      datum: x.datum,
      wat: `${woorden(x.soort)}${x.partner ? ` met ${woorden(x.partner)}` : ''}`,
      door: x.door,
    })),
  ].sort((x, y) => x.datum.localeCompare(y.datum));
  if (regels.length === 0) return <Paragraph>Nog geen gesprek geregistreerd.</Paragraph>;
  return (
    <Overzichtstabel
      koppen={['Datum', 'Wat', 'Door']}
      rijen={regels.map((r, i) => ({ sleutel: i, cellen: [datum(r.datum), r.wat, r.door ?? '–'] }))}
      schuif={false}
    />
  );
}

/** The step up into Route 020 (werkkader §2.4.3): the BSN is asked only now; the traject's page opens after. */
function Opschaling({ a }: { a: AdviesStatus }) {
  return (
    <details>
      <summary>Opschalen naar een schuldhulptraject (Route 020)</summary>
      <Formulier
        id="opschaling"
        knop="Opschalen"
        onVerstuur={async (g) => {
          const status = await api<AdviesStatus>('POST', `/adviezen/${a.adviesId}/opschaling`, {
            aanmeldDatum: tekst(g, 'aanmeldDatum'),
            client: { naam: tekst(g, 'client.naam'), bsn: tekst(g, 'client.bsn') },
            ...crisisEnToestemming(g),
          });
          navigeer(`/app/trajecten/${status.afsluiting!.trajectId!}`);
        }}
      >
        <DatumVeld pad="aanmeldDatum" label="Aanmelddatum" />
        <TekstVeld
          pad="client.naam"
          label="Naam cliënt"
          leeg="Vul de naam van de cliënt in"
          defaultValue={a.client?.naam ?? ''}
          persoonsgegeven
        />
        <TekstVeld pad="client.bsn" label="BSN cliënt" inputMode="numeric" leeg="Vul het BSN van de cliënt in" persoonsgegeven />
        <CrisisEnToestemming />
      </Formulier>
    </details>
  );
}

/** An advies (informatie en advies, werkkader §2.4.2): light, about three months, no beschikking or beschikkingstermijn. */
export function Advies({ id }: { id: string }) {
  const laden = useLaden<AdviesStatus>(`/adviezen/${id}`);
  const actie = useZaakActie<AdviesStatus>(laden.zet);
  const a = laden.data;
  if (!a) return <Laadstatus laden={laden} />;
  const open = a.fase === 'lopend';
  const trajectId = a.afsluiting?.trajectId;
  const einde = eindeVanDag(a.uiterlijk).toISOString();

  return (
    <>
      <Heading level={1}>
        Advies {a.client?.naam ?? a.adviesId.slice(-8)} <span className="fase">({a.fase})</span>
      </Heading>
      <Paragraph>
        Informatie en advies bij buurtteam {a.buurtteam}, regievoerder {a.regievoerder ?? 'nog niemand'}, gestart op {datum(a.startDatum)}{' '}
        over {a.onderwerpen.map(woorden).join(', ')}. Geen beschikking en geen beschikkingstermijn.
      </Paragraph>
      <div className="kolommen">
        <Sectie id="verloop" titel="Gesprekken en adviezen">
          <Verloop a={a} />
        </Sectie>
        <div>
          <Sectie id="periode" titel="Periode">
            {open ? (
              <Paragraph>
                <TermijnMarkering verloopt={einde} soort="advies" /> Afronden of opschalen uiterlijk <strong>{datum(a.uiterlijk)}</strong> (
                {resterendTekst(einde)}).
              </Paragraph>
            ) : (
              <DescriptionList termsWidth="medium">
                <DescriptionList.Term>Uitkomst</DescriptionList.Term>
                <DescriptionList.Description>
                  {woorden(a.afsluiting!.uitkomst)} op {datum(a.afsluiting!.datum)}
                  {trajectId && (
                    <>
                      {' '}
                      naar{' '}
                      <AppLink href={`/app/trajecten/${trajectId}`} className="ams-link">
                        traject {trajectId.slice(-8)}
                      </AppLink>
                    </>
                  )}
                </DescriptionList.Description>
              </DescriptionList>
            )}
            {open && (
              // The same task the werkvoorraad lists for this case, so the medewerker sees what is next here too.
              <Paragraph>
                Open taak: <strong data-testid="open-taak">{a.openTaken.map(woorden).join(', ')}</strong>
              </Paragraph>
            )}
            <Paragraph size="small">
              Toestemming vastleggen: {a.toestemming.vastleggen ? 'ja' : 'nee'}, delen: {a.toestemming.delen ? 'ja' : 'nee'}.
            </Paragraph>
          </Sectie>
        </div>
      </div>
      {open && (
        <Sectie id="acties" titel="Registreren">
          <details>
            <summary>Gesprek registreren</summary>
            <Formulier
              id="gesprek"
              knop="Gesprek registreren"
              onVerstuur={(g) => actie(`/adviezen/${id}/gesprekken`, { datum: tekst(g, 'datum'), vorm: tekst(g, 'vorm') })}
            >
              <DatumVeld pad="datum" label="Datum" />
              <KeuzeVeld pad="vorm" label="Vorm" keuzes={GESPREK_VORMEN} />
            </Formulier>
          </details>
          <details>
            <summary>Gegeven advies registreren</summary>
            <Formulier
              id="gegeven-advies"
              knop="Advies registreren"
              onVerstuur={(g) =>
                actie(`/adviezen/${id}/gegeven-adviezen`, {
                  datum: tekst(g, 'datum'),
                  soort: tekst(g, 'soort'),
                  partner: tekst(g, 'partner'),
                })
              }
            >
              <DatumVeld pad="datum" label="Datum" />
              <KeuzeVeld pad="soort" label="Soort advies" keuzes={ADVIES_SOORTEN} />
              <KeuzeVeld pad="partner" label="Gegeven of geregeld door" keuzes={[GEEN_PARTNER, ...ADVIES_PARTNERS]} defaultValue="" />
            </Formulier>
          </details>
          <details>
            <summary>Advies afsluiten</summary>
            <Formulier
              id="afsluiting"
              knop="Afsluiten"
              onVerstuur={(g) => actie(`/adviezen/${id}/afsluiting`, { uitkomst: tekst(g, 'uitkomst'), datum: tekst(g, 'datum') })}
            >
              <KeuzeVeld pad="uitkomst" label="Uitkomst" keuzes={ADVIES_UITKOMSTEN.filter((u) => u !== 'opgeschaald')} />
              <DatumVeld pad="datum" label="Datum" />
            </Formulier>
          </details>
          <Opschaling a={a} />
        </Sectie>
      )}
    </>
  );
}
