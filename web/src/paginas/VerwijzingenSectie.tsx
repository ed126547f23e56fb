import { Checkbox, Field, Paragraph } from '@amsterdam/design-system-react';
import { KINDCHECK_UITKOMSTEN, VERWIJZING_SOORTEN, VERWIJZING_UITKOMSTEN } from '../../../common/begrippen';
import {
  huidigeUitkomst,
  kindcheckOpen,
  KINDCHECK_LABELS,
  VERWIJZING_LABELS,
  waaromGeenUitkomst,
  type Verwijzingen,
} from '../../../common/verwijzingen';
import { Formulier, tekst } from '../formulier';
import { datum } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld, TekstVeld } from '../velden';

const JA_NEE = [
  { waarde: '', label: 'Kies ja of nee' },
  { waarde: 'ja', label: 'Ja' },
  { waarde: 'nee', label: 'Nee' },
];

/** No answer stays out of the body, so the API asks for it. */
const jaNee = (antwoord: string | undefined) => (antwoord === 'ja' ? true : antwoord === 'nee' ? false : undefined);

function kindcheckTekst(v: Verwijzingen | undefined): string {
  const k = v?.kindcheck;
  if (!k) return 'Nog niet vastgelegd of er minderjarige kinderen in het huishouden zijn.';
  if (!k.minderjarigeKinderen) return `Geen minderjarige kinderen (${datum(k.datum)}).`;
  if (k.uitkomst) return `Minderjarige kinderen; kindcheck: ${KINDCHECK_LABELS[k.uitkomst].toLowerCase()}.`;
  if (kindcheckOpen(v)) return 'Minderjarige kinderen: de kindcheck staat open (verwijs naar het OKT of leg de uitkomst vast).';
  return 'Minderjarige kinderen; verwezen naar het OKT.';
}

/**
 * Referrals and warm hand-overs to partners (werkkader §2.4.7, ch. 3) with their outcomes, and the
 * kindcheck (§3.1.1). `verstuur` posts to a path under the traject.
 */
export function VerwijzingenSectie({
  verwijzingen,
  magWijzigen,
  verstuur,
}: {
  verwijzingen: Verwijzingen | undefined;
  magWijzigen: boolean;
  verstuur: (pad: string, body: unknown) => Promise<void>;
}) {
  const lijst = verwijzingen?.lijst ?? [];
  const lopend = lijst.filter((v) => waaromGeenUitkomst(v, { uitkomst: 'gestart', datum: v.datum }) === undefined);
  return (
    <Sectie id="verwijzingen" titel="Verwijzingen">
      <Paragraph>{kindcheckTekst(verwijzingen)}</Paragraph>
      {lijst.length > 0 && (
        <Overzichtstabel
          koppen={['Naar', 'Ontvanger', 'Datum', 'Warm', 'Uitkomst']}
          rijen={lijst.map((v) => ({
            sleutel: v.verwijzingId,
            cellen: [
              VERWIJZING_LABELS[v.soort],
              v.ontvanger,
              datum(v.datum),
              v.warm ? 'ja' : 'nee',
              v.uitkomsten.length > 0
                ? v.uitkomsten.map((u) => `${u.uitkomst} (${datum(u.datum)})`).join(', ')
                : `nog geen; opvolgen na ${datum(v.opvolgenUiterlijk)}`,
            ],
          }))}
        />
      )}
      {magWijzigen && (
        <>
          <details>
            <summary>Verwijzing registreren</summary>
            <Formulier
              id="verwijzing"
              knop="Verwijzing opslaan"
              onVerstuur={(g) =>
                verstuur('verwijzingen', {
                  soort: tekst(g, 'soort'),
                  ontvanger: tekst(g, 'ontvanger'),
                  datum: tekst(g, 'datum'),
                  warm: g.get('warm') === 'on',
                })
              }
            >
              <KeuzeVeld pad="soort" label="Naar" keuzes={VERWIJZING_SOORTEN.map((s) => ({ waarde: s, label: VERWIJZING_LABELS[s] }))} />
              <TekstVeld
                pad="ontvanger"
                label="Ontvangende organisatie"
                hint="Bijvoorbeeld OKT Zuidoost of MEE; geen gegevens van de cliënt"
              />
              <DatumVeld pad="datum" label="Datum van de verwijzing" />
              <Field>
                <Checkbox name="warm">Warme overdracht (gezamenlijk gesprek met de cliënt)</Checkbox>
              </Field>
            </Formulier>
          </details>
          {lopend.length > 0 && (
            <details>
              <summary>Uitkomst van een verwijzing registreren</summary>
              <Formulier
                id="verwijzing-uitkomst"
                knop="Uitkomst opslaan"
                onVerstuur={(g) =>
                  verstuur(`verwijzingen/${encodeURIComponent(tekst(g, 'verwijzingId') ?? '')}/uitkomst`, {
                    uitkomst: tekst(g, 'uitkomst'),
                    datum: tekst(g, 'datum'),
                  })
                }
              >
                <KeuzeVeld
                  pad="verwijzingId"
                  label="Verwijzing"
                  keuzes={lopend.map((v) => ({
                    waarde: v.verwijzingId,
                    label: `${VERWIJZING_LABELS[v.soort]}, ${datum(v.datum)}${huidigeUitkomst(v) ? ` (${huidigeUitkomst(v)})` : ''}`,
                  }))}
                />
                <KeuzeVeld pad="uitkomst" label="Uitkomst" keuzes={VERWIJZING_UITKOMSTEN} />
                <DatumVeld pad="datum" label="Datum van de uitkomst" />
              </Formulier>
            </details>
          )}
          <details>
            <summary>Kinderen en kindcheck vastleggen</summary>
            <Formulier
              id="kindcheck"
              knop="Kindcheck opslaan"
              onVerstuur={(g) =>
                verstuur('kindcheck', {
                  minderjarigeKinderen: jaNee(tekst(g, 'minderjarigeKinderen')),
                  datum: tekst(g, 'datum'),
                  uitkomst: tekst(g, 'uitkomst'),
                })
              }
            >
              <KeuzeVeld pad="minderjarigeKinderen" label="Minderjarige kinderen in het huishouden" keuzes={JA_NEE} defaultValue="" />
              <DatumVeld pad="datum" label="Datum" />
              <KeuzeVeld
                pad="uitkomst"
                label="Uitkomst van de kindcheck"
                hint="Leeg laten zolang de kindcheck nog loopt; een verwijzing naar het OKT sluit hem ook"
                keuzes={[
                  { waarde: '', label: 'nog geen' },
                  ...KINDCHECK_UITKOMSTEN.map((k) => ({ waarde: k, label: KINDCHECK_LABELS[k] })),
                ]}
                defaultValue=""
              />
            </Formulier>
          </details>
        </>
      )}
    </Sectie>
  );
}
