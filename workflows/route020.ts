import { outreachNaNoShow } from '../common/contactlog';
import type { FaseWijziging } from '../common/schemas';
import { verwijzingTaken } from '../common/verwijzingen';
import type { TrajectState } from './types';

/**
 * Route 020 phase rules. Returns why a transition is illegal, or undefined when it is allowed.
 * Pure, so the update validator and unit tests share it.
 */
export function waaromOngeldig(state: TrajectState, w: FaseWijziging): string | undefined {
  const van = state.fase;
  if (van === 'afgesloten') return 'het traject is afgesloten';
  if (w.naar === 'afgesloten') return w.reden ? undefined : 'afsluiten vraagt een reden';
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
 * Why no beschikking can be registered yet, or undefined when it can. The beschikking is the
 * closing piece of the assessment (werkkader §2.4.6): it follows the intake, and once the
 * ondersteuningsplan exists, the plan as well.
 */
export function waaromGeenBeschikking(state: Pick<TrajectState, 'intake'>): string | undefined {
  if (!state.intake.gehouden) return 'een beschikking volgt op de intake: registreer eerst dat de intake is gehouden';
  return undefined;
}

/** Open tasks shown in the team's werkvoorraad. */
export function openTaken(state: TrajectState): string[] {
  if (state.fase === 'afgesloten') return [];
  const taken: string[] = [];
  if (!state.intake.gepland && !state.intake.gehouden) taken.push('intake-plannen');
  else if (!state.intake.gehouden) taken.push('intake-houden');
  if (!state.beschikking && !waaromGeenBeschikking(state)) taken.push('beschikking-afgeven');
  taken.push(...verwijzingTaken(state.verwijzingen));
  // Werkkader §2.8.5: after a missed appointment the team reaches out until it reaches the person.
  if (state.contacten && outreachNaNoShow(state.contacten)) taken.push('outreach-na-no-show');
  return taken;
}
