import { Alert, Badge, Checkbox, DescriptionList, Field, Heading, Paragraph } from '@amsterdam/design-system-react';
import {
  BEGELEIDING_STAPPEN,
  CONTACTPOGING_SOORTEN,
  DAGDELEN,
  HUISBEZOEK_UITKOMSTEN,
  ONBEREIKT_BESLUITREDENEN,
} from '../../../common/begrippen';
import { AVOND_VANAF_UUR, bezoekregelVoldaan, MINIMAAL_BEZOEKEN } from '../../../common/normen';
import { eindresultatenVoorFase } from '../../../workflows/eindresultaat';
import type { MeldingStatus } from '../../../workflows/types';
import { Formulier, tekst } from '../formulier';
import { Laadstatus } from '../Laadstatus';
import { Sectie } from '../Sectie';
import { Storingen } from '../Storingen';
import { alsTijdstip, bedrag, datum, datumTijd, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { AppLink } from '../router';
import { isTeamleider, magCasussenBewerken, useLaden, useSessie, type Gebruiker } from '../sessie';
import { laatsteDag, resterendTekst, TermijnMarkering } from '../termijn';
import { crisisEnToestemming, CrisisEnToestemming, DatumVeld, KeuzeVeld, TekstvakVeld, TekstVeld } from '../velden';
import { useZaakActie } from '../zaakActie';
import { WpiSectie } from './WpiSectie';

const STAPNAAM: Record<(typeof BEGELEIDING_STAPPEN)[number], string> = {
  budgetgesprek: 'Oriënterend budgetgesprek',
  inkomensherstel: 'Inkomensherstel',
  betalingsregeling: 'Betalingsregeling',
  budgetplan: 'Budgetplan',
};

/** Mirrors the workflow's visit rule (werkkader §2.8.2): two visits, one in the evening or weekend; short of it, niet-bereikt asks a besluitreden. */

/** Close reasons the workflow accepts in the current state; niet-bereikt is the teamleider's call (without the visits, with a besluitreden). */
function afsluitRedenen(m: MeldingStatus, g: Gebruiker): string[] {
  const redenen = ['schuld-voldaan', 'verhuisd'];
  if (m.fase === 'bereiken' && isTeamleider(g)) redenen.unshift('niet-bereikt');
  if (m.fase === 'begeleiding' && ['afsluiten-of-overdragen', 'wpi-afsluiten'].includes(m.openTaken[0]!)) redenen.unshift('afgerond');
  return redenen;
}

/** DDAS end results the team may choose now; "definitief geen contact" asks what niet-bereikt asks. */
function eindresultaten(m: MeldingStatus, g: Gebruiker) {
  const mag = afsluitRedenen(m, g).includes('niet-bereikt');
  const keuzes = eindresultatenVoorFase(m.fase).filter((e) => mag || e !== 'Definitief geen contact kunnen krijgen');
  return [{ waarde: '', label: 'volgt uit de reden' }, ...keuzes.map((e) => ({ waarde: e, label: e }))];
}

export function Melding({ id }: { id: string }) {
  const { gebruiker } = useSessie();
  const laden = useLaden<MeldingStatus>(`/meldingen/${id}`);
  const actie = useZaakActie<MeldingStatus>(laden.zet);
  const m = laden.data;
  if (!m) return <Laadstatus laden={laden} />;

  const open = m.fase === 'bereiken' || m.fase === 'begeleiding';
  const bewerken = open && magCasussenBewerken(gebruiker);
  const nogTeDoen = BEGELEIDING_STAPPEN.filter((s) => !m.stappen[s]);
  const stapKeuzes = m.stappen.budgetgesprek ? nogTeDoen : (['budgetgesprek'] as const);

  return (
    <>
      <Heading level={1}>
        Melding {m.schuldeiser.naam} <span className="fase">({woorden(m.fase)})</span>
      </Heading>
      {m.crisis && (
        <Alert heading={`Crisissignaal: ${woorden(m.crisis.soort)}`} headingLevel={2} severity="error">
          <Paragraph>
            Eerste contact uiterlijk <strong>{laatsteDag(m.crisis.eersteContactUiterlijk)}</strong> (
            {resterendTekst(m.crisis.eersteContactUiterlijk)}).
          </Paragraph>
        </Alert>
      )}
      <div className="kolommen">
        {/* The API gives name and address only while the melding is open (minimisation). */}
        {m.client && (
          <Sectie id="adres" titel="Te bezoeken adres">
            <address className="adres">
              {m.client.naam}
              <br />
              {m.client.adres.straat} {m.client.adres.huisnummer}
              <br />
              {m.client.adres.postcode} Amsterdam
            </address>
          </Sectie>
        )}
        <Sectie id="gegevens" titel="Melding">
          <DescriptionList termsWidth="medium">
            <DescriptionList.Term>Schuldeiser</DescriptionList.Term>
            <DescriptionList.Description>
              {m.schuldeiser.naam} ({m.schuldeiser.type}), referentie {m.referentie}
            </DescriptionList.Description>
            <DescriptionList.Term>Achterstand</DescriptionList.Term>
            <DescriptionList.Description>
              {bedrag(m.achterstand.bedragCent)} over {m.achterstand.maanden} maanden
            </DescriptionList.Description>
            <DescriptionList.Term>Melddatum</DescriptionList.Term>
            <DescriptionList.Description>{datum(m.meldDatum)}</DescriptionList.Description>
            <DescriptionList.Term>Eerste contactpoging</DescriptionList.Term>
            <DescriptionList.Description>
              {m.normen.eersteContactpoging
                ? datum(m.normen.eersteContactpoging)
                : `uiterlijk ${laatsteDag(m.normen.eersteContactpogingUiterlijk)}`}
            </DescriptionList.Description>
            <DescriptionList.Term>Eerste analyse</DescriptionList.Term>
            <DescriptionList.Description>
              {m.normen.eersteAnalyse ? datum(m.normen.eersteAnalyse) : `uiterlijk ${laatsteDag(m.normen.eersteAnalyseUiterlijk)}`}
            </DescriptionList.Description>
            <DescriptionList.Term>Buurtteam / regievoerder</DescriptionList.Term>
            <DescriptionList.Description>
              {m.buurtteam} / {m.regievoerder ?? 'nog niemand'}
            </DescriptionList.Description>
          </DescriptionList>
        </Sectie>
      </div>

      <WpiSectie m={m} bewerken={bewerken} stuur={(pad, body) => actie(`/meldingen/${id}/${pad}`, body)} />

      <Sectie id="signalen" titel={`Signalen (${m.signalen.length})`}>
        <Overzichtstabel
          koppen={['Melddatum', 'Schuldeiser', 'Soort', 'Achterstand', 'Opgepakt']}
          rijen={m.signalen.map((s) => ({
            sleutel: s.signaalId,
            cellen: [
              datum(s.meldDatum),
              s.schuldeiser.naam,
              <>
                {woorden(s.soort)} {s.crisis && <Badge color="red" label="crisis" />}
              </>,
              bedrag(s.achterstand.bedragCent),
              s.opgepakt ? 'ja' : `niet opgepakt: ${woorden(s.reden ?? '')}`,
            ],
          }))}
        />
      </Sectie>

      {m.volgendBezoek && (
        <Sectie id="volgend" titel="Volgend huisbezoek" className="volgend-bezoek">
          <Paragraph>
            <TermijnMarkering verloopt={m.volgendBezoek.uiterlijk} soort="melding" /> Uiterlijk{' '}
            <strong>{laatsteDag(m.volgendBezoek.uiterlijk)}</strong> ({resterendTekst(m.volgendBezoek.uiterlijk)}).{' '}
            {m.volgendBezoek.avondOfWeekend ? (
              <strong data-testid="soort-bezoek">Dit bezoek moet in de avond (vanaf {AVOND_VANAF_UUR}:00) of in het weekend.</strong>
            ) : (
              <span data-testid="soort-bezoek">Overdag, in de avond of in het weekend.</span>
            )}
          </Paragraph>
        </Sectie>
      )}

      <Sectie id="bezoeken" titel="Huisbezoeken">
        {m.bezoeken.length === 0 ? (
          <Paragraph>Nog geen huisbezoeken.</Paragraph>
        ) : (
          <Overzichtstabel
            koppen={['Tijdstip', 'Uitkomst', 'Medewerker', 'Notitie']}
            rijen={m.bezoeken.map((b) => ({
              sleutel: `${b.tijdstip}-${b.medewerker}`,
              cellen: [
                <>
                  {datumTijd(b.tijdstip)} {b.avondOfWeekend && <Badge color="purple" label="avond/weekend" />}
                </>,
                woorden(b.uitkomst),
                b.medewerker,
                b.notitie ?? '',
              ],
            }))}
          />
        )}
      </Sectie>

      <Sectie id="contactpogingen" titel="Contactpogingen">
        {m.contactpogingen.length === 0 ? (
          <Paragraph>Nog geen contactpogingen.</Paragraph>
        ) : (
          <Overzichtstabel
            koppen={['Datum', 'Dagdeel', 'Soort', 'Resultaat']}
            rijen={m.contactpogingen.map((c) => ({
              sleutel: `${c.soort}-${c.datum}-${c.dagdeel}-${String(c.bereikt)}`,
              cellen: [datum(c.datum), c.dagdeel, c.soort, c.bereikt ? 'contact' : 'geen contact'],
            }))}
          />
        )}
      </Sectie>

      {((m.fase === 'begeleiding' && !m.wpi) || Object.keys(m.stappen).length > 0) && (
        <Sectie id="begeleiding" titel="Begeleiding">
          <DescriptionList termsWidth="medium">
            {BEGELEIDING_STAPPEN.map((s) => (
              <DescriptionList.Section key={s}>
                <DescriptionList.Term>{STAPNAAM[s]}</DescriptionList.Term>
                <DescriptionList.Description>
                  {m.stappen[s] ? `${woorden(m.stappen[s].status)} op ${datum(m.stappen[s].datum)}` : 'open'}
                </DescriptionList.Description>
              </DescriptionList.Section>
            ))}
          </DescriptionList>
        </Sectie>
      )}

      {m.afsluiting && (
        <Alert heading={`Afgesloten: ${m.eindresultaat ?? woorden(m.afsluiting.reden ?? '')}`} headingLevel={2} severity="success">
          {'toelichting' in m.afsluiting && m.afsluiting.toelichting && <Paragraph>{m.afsluiting.toelichting}</Paragraph>}
        </Alert>
      )}
      {m.trajectId && (
        <Alert heading="Overgedragen aan een schuldhulptraject" headingLevel={2} severity="success">
          <Paragraph>
            <AppLink href={`/app/trajecten/${m.trajectId}`} className="ams-link">
              Naar het traject
            </AppLink>
          </Paragraph>
        </Alert>
      )}

      <Storingen
        storingen={m.storingen}
        magHerleveren={magCasussenBewerken(gebruiker)}
        herlever={() => actie(`/meldingen/${id}/herlevering`, {})}
      />

      {bewerken && (
        <Sectie id="acties" titel="Wat kan nu" className="acties">
          {m.fase === 'bereiken' && !m.wpi && (
            <details open>
              <summary>Huisbezoek registreren</summary>
              <Formulier
                id="huisbezoek"
                knop="Huisbezoek registreren"
                onVerstuur={(g) =>
                  actie(`/meldingen/${id}/huisbezoeken`, {
                    tijdstip: alsTijdstip(tekst(g, 'tijdstip') ?? ''),
                    uitkomst: tekst(g, 'uitkomst'),
                    medewerker: tekst(g, 'medewerker'),
                    notitie: tekst(g, 'notitie'),
                  })
                }
              >
                <DatumVeld pad="tijdstip" label="Tijdstip van het bezoek" metTijd />
                <KeuzeVeld pad="uitkomst" label="Uitkomst" keuzes={HUISBEZOEK_UITKOMSTEN} />
                <TekstVeld
                  pad="medewerker"
                  label="Medewerker"
                  hint="uw medewerkerscode, bijvoorbeeld mdw-0042"
                  defaultValue={medewerkerCode(gebruiker.sub)}
                />
                <TekstvakVeld pad="notitie" label="Notitie" />
              </Formulier>
            </details>
          )}
          <details>
            <summary>Contactpoging registreren</summary>
            <Formulier
              id="contactpoging"
              knop="Contactpoging registreren"
              onVerstuur={(g) =>
                actie(`/meldingen/${id}/contactpogingen`, {
                  soort: tekst(g, 'soort'),
                  datum: tekst(g, 'datum'),
                  dagdeel: tekst(g, 'dagdeel'),
                  bereikt: g.get('bereikt') === 'on',
                  notitie: tekst(g, 'notitie'),
                })
              }
            >
              <KeuzeVeld pad="soort" label="Soort contact" keuzes={CONTACTPOGING_SOORTEN.filter((s) => s !== 'huisbezoek')} />
              <DatumVeld pad="datum" label="Datum van de poging" />
              <KeuzeVeld pad="dagdeel" label="Dagdeel" keuzes={DAGDELEN} />
              <Field>
                <Checkbox name="bereikt">Contact gehad met de bewoner</Checkbox>
              </Field>
              <TekstvakVeld pad="notitie" label="Notitie bij de poging" />
            </Formulier>
          </details>
          {m.fase === 'begeleiding' && !m.wpi && nogTeDoen.length > 0 && (
            <details open>
              <summary>Begeleidingsstap registreren</summary>
              <Formulier
                id="stap"
                knop="Stap registreren"
                onVerstuur={(g) =>
                  actie(`/meldingen/${id}/stappen`, { stap: tekst(g, 'stap'), status: tekst(g, 'status'), datum: tekst(g, 'datum') })
                }
              >
                <KeuzeVeld pad="stap" label="Stap" keuzes={stapKeuzes.map((k) => ({ waarde: k, label: STAPNAAM[k] }))} />
                <KeuzeVeld pad="status" label="Status" keuzes={m.stappen.budgetgesprek ? ['afgerond', 'niet-nodig'] : ['afgerond']} />
                <DatumVeld pad="datum" label="Datum" />
              </Formulier>
            </details>
          )}
          {m.fase === 'begeleiding' && !m.wpi && m.stappen.budgetgesprek && (
            <details>
              <summary>Overdragen aan een schuldhulptraject</summary>
              <Formulier
                id="overdracht"
                knop="Overdragen"
                onVerstuur={(g) =>
                  actie(`/meldingen/${id}/overdracht`, {
                    aanmeldDatum: tekst(g, 'aanmeldDatum'),
                    regievoerder: tekst(g, 'regievoerder'),
                    client: { naam: tekst(g, 'client.naam'), bsn: tekst(g, 'client.bsn') },
                    ...crisisEnToestemming(g),
                  })
                }
              >
                <DatumVeld pad="aanmeldDatum" label="Aanmelddatum" />
                <TekstVeld
                  pad="client.naam"
                  label="Naam cliënt"
                  leeg="Vul de naam van de cliënt in"
                  defaultValue={m.client?.naam ?? ''}
                  persoonsgegeven
                />
                <TekstVeld pad="client.bsn" label="BSN cliënt" inputMode="numeric" leeg="Vul het BSN van de cliënt in" persoonsgegeven />
                <TekstVeld pad="regievoerder" label="Regievoerder" hint="optioneel" defaultValue={m.regievoerder ?? ''} />
                <CrisisEnToestemming />
              </Formulier>
            </details>
          )}
          <details>
            <summary>Melding afsluiten</summary>
            <Formulier
              id="afsluiting"
              knop="Afsluiten"
              onVerstuur={(g) =>
                actie(`/meldingen/${id}/afsluiting`, {
                  eindresultaat: tekst(g, 'eindresultaat'),
                  // Either may be left empty: the one left out follows from the other.
                  reden: tekst(g, 'reden'),
                  besluitReden: tekst(g, 'besluitReden'),
                  toelichting: tekst(g, 'toelichting'),
                })
              }
            >
              <KeuzeVeld pad="eindresultaat" label="Eindresultaat (DDAS)" keuzes={eindresultaten(m, gebruiker)} />
              <KeuzeVeld
                pad="reden"
                label="Reden"
                keuzes={[...afsluitRedenen(m, gebruiker), { waarde: '', label: 'alleen het eindresultaat' }]}
              />
              {m.fase === 'bereiken' && !bezoekregelVoldaan(m.bezoeken) && isTeamleider(gebruiker) && (
                <KeuzeVeld
                  pad="besluitReden"
                  label={`Besluit van de teamleider (niet bereikt zonder de ${MINIMAAL_BEZOEKEN} huisbezoeken)`}
                  keuzes={[{ waarde: '', label: 'geen' }, ...ONBEREIKT_BESLUITREDENEN]}
                />
              )}
              <TekstvakVeld pad="toelichting" label="Toelichting" hint="optioneel" />
            </Formulier>
          </details>
        </Sectie>
      )}
    </>
  );
}

/** The user's staff code when their subject is one (mdw-0042), for the visit form. */
const medewerkerCode = (sub: string) => (/^[a-z0-9][a-z0-9-]{1,63}$/.test(sub) ? sub : '');
