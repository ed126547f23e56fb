import { Heading, Paragraph } from '@amsterdam/design-system-react';
import { useState } from 'react';
import { ADVIES_ONDERWERPEN, CRISIS_DATUMVELD, SCHULDEISER_TYPES, SIGNAAL_SOORTEN } from '../../../common/begrippen';
import { ADVIES_LOOPTIJD_MAANDEN } from '../../../common/normen';
import { api } from '../api';
import { Formulier, getal, tekst } from '../formulier';
import { AppLink, navigeer } from '../router';
import { useSessie } from '../sessie';
import { crisisEnToestemming, CrisisEnToestemming, DatumVeld, KeuzeVeld, TekstVeld, Toestemming } from '../velden';

/** The date a crisis signal names (CRISIS_DATUMVELD), asked only for that kind. */
const CRISIS_DATUM_LABEL = {
  huisuitzetting: 'Datum van de ontruiming',
  energieafsluiting: 'Afsluitdatum',
  waterafsluiting: 'Afsluitdatum',
  'zorgverzekering-beeindigd': 'Zorgverzekering beëindigd per',
} as const;

function crisisDatumVeld(soort: string): { pad: string; label: string } | undefined {
  if (!(soort in CRISIS_DATUMVELD)) return undefined;
  const crisis = soort as keyof typeof CRISIS_DATUMVELD;
  return { pad: CRISIS_DATUMVELD[crisis], label: CRISIS_DATUM_LABEL[crisis] };
}

function TeamVeld() {
  const { gebruiker } = useSessie();
  return <KeuzeVeld pad="buurtteam" label="Buurtteam" keuzes={gebruiker.buurtteams.map((t) => ({ waarde: t, label: t }))} />;
}

/** One submission = one Idempotency-Key, so a retry after a lost answer never starts a second case. */
function useSleutel() {
  return useState(() => crypto.randomUUID())[0];
}

export function NieuweMelding() {
  const sleutel = useSleutel();
  const [soort, setSoort] = useState<string>('betalingsachterstand');
  const crisisDatum = crisisDatumVeld(soort);
  return (
    <>
      <Heading level={1}>Nieuwe Vroeg Eropaf-melding</Heading>
      <Paragraph>
        Een schuldeiser meldt een betalingsachterstand, een aangekondigde huisuitzetting, een afsluiting van energie of water of een
        beëindigde zorgverzekering; het buurtteam plant een huisbezoek.
      </Paragraph>
      <Formulier
        id="nieuwe-melding"
        knop="Melding registreren"
        onVerstuur={async (g) => {
          const { id } = await api<{ id: string }>(
            'POST',
            '/meldingen',
            {
              schuldeiser: { type: tekst(g, 'schuldeiser.type'), naam: tekst(g, 'schuldeiser.naam') },
              referentie: tekst(g, 'referentie'),
              soort: tekst(g, 'soort'),
              ...(crisisDatum ? { [crisisDatum.pad]: tekst(g, crisisDatum.pad) } : {}),
              achterstand: { bedragCent: getal(g, 'achterstand.bedragCent', 100), maanden: getal(g, 'achterstand.maanden') },
              meldDatum: tekst(g, 'meldDatum'),
              buurtteam: tekst(g, 'buurtteam'),
              regievoerder: tekst(g, 'regievoerder'),
              client: {
                naam: tekst(g, 'client.naam'),
                adres: {
                  straat: tekst(g, 'client.adres.straat'),
                  huisnummer: tekst(g, 'client.adres.huisnummer'),
                  postcode: tekst(g, 'client.adres.postcode'),
                },
                bsn: tekst(g, 'client.bsn'),
              },
            },
            sleutel,
          );
          navigeer(`/app/meldingen/${id}`);
        }}
      >
        <KeuzeVeld pad="schuldeiser.type" label="Soort schuldeiser" keuzes={SCHULDEISER_TYPES} />
        <TekstVeld pad="schuldeiser.naam" label="Naam schuldeiser" leeg="Vul de naam van de schuldeiser in" />
        <TekstVeld pad="referentie" label="Referentie van de schuldeiser" leeg="Vul de referentie van de schuldeiser in" />
        <KeuzeVeld pad="soort" label="Soort signaal" keuzes={SIGNAAL_SOORTEN} defaultValue="betalingsachterstand" onKies={setSoort} />
        {crisisDatum && <DatumVeld key={crisisDatum.pad} pad={crisisDatum.pad} label={crisisDatum.label} />}
        <TekstVeld
          pad="achterstand.bedragCent"
          label="Achterstand in euro"
          inputMode="decimal"
          leeg="Vul het bedrag van de achterstand in"
        />
        <TekstVeld
          pad="achterstand.maanden"
          label="Achterstand in maanden"
          inputMode="numeric"
          leeg="Vul in hoeveel maanden de achterstand is"
        />
        <DatumVeld pad="meldDatum" label="Melddatum" />
        <TeamVeld />
        <TekstVeld pad="regievoerder" label="Regievoerder" hint="optioneel, medewerkerscode" />
        <TekstVeld pad="client.naam" label="Naam bewoner" leeg="Vul de naam van de bewoner in" persoonsgegeven />
        <TekstVeld pad="client.adres.straat" label="Straat" leeg="Vul de straat in" persoonsgegeven />
        <TekstVeld pad="client.adres.huisnummer" label="Huisnummer" size={8} leeg="Vul het huisnummer in" persoonsgegeven />
        <TekstVeld pad="client.adres.postcode" label="Postcode" size={8} leeg="Vul de postcode in" persoonsgegeven />
        <TekstVeld pad="client.bsn" label="BSN" hint="optioneel" inputMode="numeric" size={10} persoonsgegeven />
      </Formulier>
    </>
  );
}

export function NieuweAanmelding() {
  const sleutel = useSleutel();
  return (
    <>
      <Heading level={1}>Nieuwe aanmelding schuldhulp</Heading>
      <Paragraph>
        Met de aanmelding start het traject en de beschikkingstermijn van 8 weken. Is een direct antwoord of advies genoeg (werkkader
        §2.4.1)?{' '}
        <AppLink href="/app/nieuw/advies" className="ams-link">
          Registreer dan een advies
        </AppLink>
        .
      </Paragraph>
      <Formulier
        id="nieuwe-aanmelding"
        knop="Aanmelding registreren"
        onVerstuur={async (g) => {
          const { id } = await api<{ id: string }>(
            'POST',
            '/aanmeldingen',
            {
              aanmeldDatum: tekst(g, 'aanmeldDatum'),
              buurtteam: tekst(g, 'buurtteam'),
              regievoerder: tekst(g, 'regievoerder'),
              client: { naam: tekst(g, 'client.naam'), bsn: tekst(g, 'client.bsn') },
              ...crisisEnToestemming(g),
            },
            sleutel,
          );
          navigeer(`/app/trajecten/${id}`);
        }}
      >
        <DatumVeld pad="aanmeldDatum" label="Aanmelddatum" />
        <TeamVeld />
        <TekstVeld pad="regievoerder" label="Regievoerder" hint="optioneel, medewerkerscode" />
        <TekstVeld pad="client.naam" label="Naam cliënt" leeg="Vul de naam van de cliënt in" persoonsgegeven />
        <TekstVeld pad="client.bsn" label="BSN cliënt" inputMode="numeric" size={10} leeg="Vul het BSN van de cliënt in" persoonsgegeven />
        <CrisisEnToestemming />
      </Formulier>
    </>
  );
}

/**
 * Informatie en advies (werkkader §2.4.1-2): kort advies without a traject, a beschikking or the
 * 8-week term; light registration (no BSN; the name only with consent to record).
 */
export function NieuwAdvies() {
  const sleutel = useSleutel();
  return (
    <>
      <Heading level={1}>Nieuw advies (informatie en advies)</Heading>
      <Paragraph>
        Een of meer gesprekken binnen ongeveer {ADVIES_LOOPTIJD_MAANDEN} maanden, zonder beschikking en zonder beschikkingstermijn. Is meer
        nodig, dan schaalt u het advies later op naar een schuldhulptraject, of{' '}
        <AppLink href="/app/nieuw/aanmelding" className="ams-link">
          meldt u nu aan
        </AppLink>
        .
      </Paragraph>
      <Formulier
        id="nieuw-advies"
        knop="Advies registreren"
        onVerstuur={async (g) => {
          const naam = tekst(g, 'client.naam');
          const { id } = await api<{ id: string }>(
            'POST',
            '/adviezen',
            {
              startDatum: tekst(g, 'startDatum'),
              buurtteam: tekst(g, 'buurtteam'),
              regievoerder: tekst(g, 'regievoerder'),
              onderwerpen: g.getAll('onderwerpen').map(String),
              toestemming: crisisEnToestemming(g).toestemming,
              ...(naam ? { client: { naam } } : {}),
            },
            sleutel,
          );
          navigeer(`/app/adviezen/${id}`);
        }}
      >
        <DatumVeld pad="startDatum" label="Datum eerste contact" />
        <TeamVeld />
        <TekstVeld pad="regievoerder" label="Regievoerder" hint="optioneel, medewerkerscode" />
        <KeuzeVeld pad="onderwerpen" label="Onderwerp" keuzes={ADVIES_ONDERWERPEN} />
        <TekstVeld pad="client.naam" label="Naam" hint="optioneel, alleen met toestemming om vast te leggen" persoonsgegeven />
        {/* An advies asks no BSN; without consent to record, the name stays out too (adviesSchema). */}
        <Toestemming zonder="legt het advies geen naam vast" />
      </Formulier>
    </>
  );
}
