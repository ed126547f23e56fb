import { outreachNaNoShow } from '../common/contactlog';
import { amsterdamDatum } from '../common/kalender';
import type { FaseWijziging } from '../common/schemas';
import { verwijzingTaken } from '../common/verwijzingen';
import type { PlanEvaluatie, TrajectState } from './types';

type Plan = NonNullable<TrajectState['ondersteuningsplan']>;

/**
 * Route 020 phase rules. Returns why a transition is illegal, or undefined when it is allowed.
 * Pure, so the update validator and unit tests share it.
 */
export function waaromOngeldig(state: TrajectState, w: FaseWijziging): string | undefined {
  const van = state.fase;
  if (van === 'afgesloten') return 'het traject is afgesloten';
  if (w.naar === 'afgesloten') return waaromNietAfsluiten(state, w);
  if (state.beschikking?.besluit === 'afgewezen') return 'na een afwijzende beschikking kan het traject alleen worden afgesloten';

  switch (w.naar) {
    case 'intake':
      return `terug naar intake vanuit ${van} is niet toegestaan`;
    case 'stabilisatie':
      if (van !== 'intake') return `stabilisatie volgt op intake, niet op ${van}`;
      if (!state.intake.gehouden) return 'stabilisatie kan pas na een gehouden intake';
      return undefined;
    case 'schuldregeling':
      if (van === 'schuldregeling') {
        if (state.route === 'minnelijk' && w.route === 'wsnp') {
          return w.reden ? undefined : 'overstap naar WSNP vraagt een reden (minnelijk traject niet haalbaar)';
        }
        return `overstap van ${state.route} naar ${w.route} is niet toegestaan`;
      }
      if (van !== 'stabilisatie') return `schuldregeling volgt op stabilisatie, niet op ${van}`;
      if (state.beschikking?.besluit !== 'toegekend') return 'schuldregeling vraagt een toekennende beschikking';
      if (w.route === 'wsnp' && !w.reden) return 'direct naar WSNP vraagt een reden (minnelijk traject niet haalbaar)';
      return undefined;
    case 'nazorg':
      if (van !== 'stabilisatie' && van !== 'schuldregeling') return `nazorg volgt op stabilisatie of schuldregeling, niet op ${van}`;
      return undefined;
  }
}

/**
 * Closing asks a reason. A traject that keeps nazorgcontacten leaves the nazorg only after the team
 * kept its finger on the pulse at least once (werkkader §2.8.5, §3.1.9), unless the client died.
 */
function waaromNietAfsluiten(state: TrajectState, w: FaseWijziging): string | undefined {
  if (!w.reden) return 'afsluiten vraagt een reden';
  if (state.fase === 'nazorg' && state.nazorgContacten?.length === 0 && w.uitstroom !== 'overleden') {
    return 'een traject in nazorg sluit pas af na minstens één nazorgcontact (vinger aan de pols, werkkader §2.8.5)';
  }
  return undefined;
}

/**
 * A field a phase change lacks for this traject (a 400 at that field): trajecten that keep an
 * ondersteuningsplan close with an uitstroomkenmerk (werkkader ch. 5), also from the intake.
 */
export function ontbrekendVeld(state: TrajectState, w: FaseWijziging): { veld: string; melding: string } | undefined {
  if (w.naar === 'afgesloten' && state.ondersteuningsplan && !w.uitstroom) {
    return { veld: 'uitstroom', melding: 'afsluiten vraagt een uitstroomreden (uitstroomkenmerk)' };
  }
  return undefined;
}

/**
 * Why no beschikking can be registered yet, or undefined when it can. The beschikking is the
 * closing piece of the assessment (werkkader §2.4.6): it follows the intake, and in trajecten that
 * keep an ondersteuningsplan, the plan as well.
 */
export function waaromGeenBeschikking(state: Pick<TrajectState, 'intake' | 'ondersteuningsplan'>): string | undefined {
  if (!state.intake.gehouden) return 'een beschikking volgt op de intake: registreer eerst dat de intake is gehouden';
  if (state.ondersteuningsplan?.versies.length === 0) {
    return 'een beschikking volgt op het ondersteuningsplan: stel eerst met de cliënt het ondersteuningsplan vast (werkkader §2.4.6)';
  }
  return undefined;
}

/** The last evaluation of the plan's current version, if it was evaluated. */
export function huidigeEvaluatie(plan: Plan): PlanEvaluatie | undefined {
  const laatste = plan.evaluaties.at(-1);
  return laatste && laatste.versie === plan.versies.at(-1)?.versie ? laatste : undefined;
}

/**
 * The date (JJJJ-MM-DD) of the next agreed evaluation: the current version's, or the one an
 * evaluation continued to. None before the plan, while it is being adjusted, or once it is closed.
 */
export function volgendeEvaluatie(plan: Plan): string | undefined {
  const versie = plan.versies.at(-1);
  if (!versie) return undefined;
  const evaluatie = huidigeEvaluatie(plan);
  if (!evaluatie) return versie.evaluatieDatum;
  return evaluatie.uitkomst === 'doorgaan' ? evaluatie.volgendeEvaluatie : undefined;
}

/** Open tasks shown in the team's werkvoorraad; `vandaag` (Amsterdam) decides whether an evaluation is due. */
export function openTaken(state: TrajectState, vandaag = amsterdamDatum(new Date())): string[] {
  if (state.fase === 'afgesloten') return [];
  const taken: string[] = [];
  if (!state.intake.gepland && !state.intake.gehouden) taken.push('intake-plannen');
  else if (!state.intake.gehouden) taken.push('intake-houden');
  const plan = state.ondersteuningsplan;
  if (plan && state.intake.gehouden) {
    if (plan.versies.length === 0) taken.push('ondersteuningsplan-opstellen');
    else if (huidigeEvaluatie(plan)?.uitkomst === 'bijstellen') taken.push('ondersteuningsplan-bijstellen');
  }
  if (!state.beschikking && !waaromGeenBeschikking(state)) taken.push('beschikking-afgeven');
  taken.push(...verwijzingTaken(state.verwijzingen));
  // Werkkader §2.8.5: after a missed appointment the team reaches out until it reaches the person.
  if (state.contacten && outreachNaNoShow(state.contacten)) taken.push('outreach-na-no-show');
  const evaluatie = plan && volgendeEvaluatie(plan);
  if (evaluatie && evaluatie <= vandaag) taken.push('evaluatie-houden');
  if (state.fase === 'nazorg' && state.nazorgContacten?.length === 0) taken.push('nazorgcontact');
  return taken;
}
