import { Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { EVALUATIE_UITKOMSTEN, NAZORG_CONTACTSOORTEN, PLAN_UITVOERDERS } from '../../../common/begrippen';
import { volgendeEvaluatie } from '../../../workflows/route020';
import type { TrajectStatus } from '../../../workflows/types';
import { Formulier, tekst, Veld } from '../formulier';
import { datum, woorden } from '../opmaak';
import { Overzichtstabel } from '../Overzichtstabel';
import { Sectie } from '../Sectie';
import { DatumVeld, KeuzeVeld, TekstVeld, TekstvakVeld } from '../velden';

/** Rows for actions in the form; empty rows are left out. */
const ACTIERIJEN = [0, 1, 2];
const WIE: Record<(typeof PLAN_UITVOERDERS)[number], string> = { client: 'cliënt', medewerker: 'medewerker', partner: 'partner' };

/** A date field that starts empty: for a date that is only sometimes asked. */
function LegeDatumVeld(basis: { pad: string; label: string; hint?: string }) {
  return <Veld {...basis}>{(p) => <input type="date" className="ams-date-input" {...p} />}</Veld>;
}

/** The plan's form body: goals one per line, actions as rows (their API paths, so errors land at the field). */
function planBody(g: FormData, versie: number) {
  return {
    versie,
    vastgesteld: tekst(g, 'vastgesteld'),
    evaluatieDatum: tekst(g, 'evaluatieDatum'),
    doelen: (tekst(g, 'doelen') ?? '')
      .split('\n')
      .map((d) => d.trim())
      .filter(Boolean),
    acties: ACTIERIJEN.filter((i) => tekst(g, `acties.${i}.wat`) !== undefined).map((i) => ({
      wat: tekst(g, `acties.${i}.wat`),
      wie: tekst(g, `acties.${i}.wie`),
      organisatie: tekst(g, `acties.${i}.organisatie`),
      uiterlijk: tekst(g, `acties.${i}.uiterlijk`),
    })),
  };
}

/**
 * The ondersteuningsplan (werkkader §2.4.6): the current version's goals and actions, the
 * evaluations, and the nazorg contacts; the forms to agree, evaluate and adjust it. Trajecten
 * started before the plan was kept have none.
 */
export function PlanSectie({
  t,
  magBewerken,
  actie,
}: {
  t: TrajectStatus;
  magBewerken: boolean;
  actie: (pad: string, body: unknown) => Promise<void>;
}) {
  const plan = t.ondersteuningsplan;
  if (!plan) return null;
  const huidig = plan.versies.at(-1);
  const volgende = volgendeEvaluatie(plan);
  const pad = `/trajecten/${t.trajectId}`;
  const open = magBewerken && t.fase !== 'afgesloten';
  return (
    <Sectie id="ondersteuningsplan" titel="Ondersteuningsplan">
      {!huidig ? (
        <Paragraph>{t.intake.gehouden ? 'Nog geen plan: stel het samen met de cliënt op.' : 'Het plan volgt op de intake.'}</Paragraph>
      ) : (
        <>
          <Paragraph>
            Versie {huidig.versie}, vastgesteld op {datum(huidig.vastgesteld)}.{' '}
            {volgende ? `Volgende evaluatie: ${datum(volgende)}.` : 'Geen evaluatie gepland.'}
          </Paragraph>
          <UnorderedList>
            {huidig.doelen.map((d) => (
              <UnorderedList.Item key={d}>{d}</UnorderedList.Item>
            ))}
          </UnorderedList>
          <Overzichtstabel
            koppen={['Wat', 'Wie', 'Uiterlijk']}
            rijen={huidig.acties.map((a) => ({
              sleutel: `${a.wat}-${a.uiterlijk}`,
              cellen: [a.wat, a.wie === 'partner' ? a.organisatie : WIE[a.wie], datum(a.uiterlijk)],
            }))}
          />
        </>
      )}
      {plan.evaluaties.length > 0 && (
        <UnorderedList>
          {plan.evaluaties.map((e) => (
            <UnorderedList.Item key={`${e.versie}-${e.datum}-${e.uitkomst}`}>
              Evaluatie {datum(e.datum)} (versie {e.versie}): {e.uitkomst}
              {e.toelichting ? `, ${e.toelichting}` : ''}
            </UnorderedList.Item>
          ))}
        </UnorderedList>
      )}
      {(t.nazorgContacten ?? []).length > 0 && (
        <UnorderedList>
          {t.nazorgContacten!.map((c) => (
            <UnorderedList.Item key={`${c.datum}-${c.soort}-${c.notitie ?? ''}`}>
              Nazorgcontact {datum(c.datum)} ({woorden(c.soort)}){c.notitie ? `: ${c.notitie}` : ''}
            </UnorderedList.Item>
          ))}
        </UnorderedList>
      )}
      {open && t.intake.gehouden && (
        <details open={!huidig}>
          <summary>{huidig ? `Plan bijstellen of vernieuwen (versie ${huidig.versie + 1})` : 'Ondersteuningsplan vaststellen'}</summary>
          <Formulier
            id="ondersteuningsplan"
            knop="Plan vaststellen"
            onVerstuur={(g) => actie(`${pad}/ondersteuningsplan`, planBody(g, (huidig?.versie ?? 0) + 1))}
          >
            <DatumVeld pad="vastgesteld" label="Vastgesteld met de cliënt op" />
            <TekstvakVeld pad="doelen" label="Doelen" hint="één doel per regel" leeg="Vul minstens één doel in" />
            {ACTIERIJEN.map((i) => (
              <fieldset key={i} className="actierij">
                <legend>Actie {i + 1}</legend>
                <TekstVeld pad={`acties.${i}.wat`} label="Wat" leeg="Vul in wat er gebeurt" />
                <KeuzeVeld pad={`acties.${i}.wie`} label="Wie" keuzes={PLAN_UITVOERDERS.map((w) => ({ waarde: w, label: WIE[w] }))} />
                <TekstVeld pad={`acties.${i}.organisatie`} label="Organisatie" hint="alleen bij een partner" />
                <DatumVeld pad={`acties.${i}.uiterlijk`} label="Uiterlijk" />
              </fieldset>
            ))}
            <LegeDatumVeld pad="evaluatieDatum" label="Evaluatie op" />
          </Formulier>
        </details>
      )}
      {open && volgende && (
        <details>
          <summary>Evaluatie registreren</summary>
          <Formulier
            id="evaluatie"
            knop="Evaluatie registreren"
            onVerstuur={(g) =>
              actie(`${pad}/evaluaties`, {
                datum: tekst(g, 'datum'),
                uitkomst: tekst(g, 'uitkomst'),
                volgendeEvaluatie: tekst(g, 'volgendeEvaluatie'),
                toelichting: tekst(g, 'toelichting'),
              })
            }
          >
            <DatumVeld pad="datum" label="Datum" />
            <KeuzeVeld pad="uitkomst" label="Uitkomst" keuzes={EVALUATIE_UITKOMSTEN} />
            <LegeDatumVeld pad="volgendeEvaluatie" label="Volgende evaluatie" hint="alleen bij doorgaan" />
            <TekstvakVeld pad="toelichting" label="Toelichting" />
          </Formulier>
        </details>
      )}
      {open && t.fase === 'nazorg' && (
        <details open={t.nazorgContacten?.length === 0}>
          <summary>Nazorgcontact registreren</summary>
          <Formulier
            id="nazorgcontact"
            knop="Contact registreren"
            onVerstuur={(g) =>
              actie(`${pad}/nazorgcontacten`, { datum: tekst(g, 'datum'), soort: tekst(g, 'soort'), notitie: tekst(g, 'notitie') })
            }
          >
            <DatumVeld pad="datum" label="Datum" />
            <KeuzeVeld pad="soort" label="Soort contact" keuzes={NAZORG_CONTACTSOORTEN} />
            <TekstvakVeld pad="notitie" label="Notitie" />
          </Formulier>
        </details>
      )}
    </Sectie>
  );
}
