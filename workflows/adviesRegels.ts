import { ADVIES_AFRONDEN_DAGEN_VOOR, ADVIES_LOOPTIJD_MAANDEN } from '../common/normen';
import { plusDagen, plusMaanden } from '../common/kalender';
import type { AdviesState } from './types';

/**
 * The rules of an advies (informatie en advies, werkkader §2.4.2), pure so the workflow, the API
 * and the web app share them.
 */

/** The last day of an advies's period: "maximaal drie maanden (in principe)", configurable. */
export function adviesUiterlijk(startDatum: string, looptijdMaanden = ADVIES_LOOPTIJD_MAANDEN): string {
  return plusDagen(plusMaanden(startDatum, looptijdMaanden), -1);
}

/** From this day the team is asked to close the advies or step up into Route 020. */
export function afrondenVanaf(uiterlijk: string): string {
  return plusDagen(uiterlijk, -ADVIES_AFRONDEN_DAGEN_VOOR);
}

/**
 * Open tasks in the team's werkvoorraad: the first conversation, then closing it; near or past the
 * end of the period, closing or stepping up. An open advies always has one, so it stays in view.
 */
export function adviesTaken(state: Pick<AdviesState, 'fase' | 'gesprekken' | 'afrondenGevraagd'>): string[] {
  if (state.fase === 'afgesloten') return [];
  if (state.afrondenGevraagd) return ['afronden-of-opschalen'];
  return state.gesprekken.length === 0 ? ['advies-gesprek'] : ['advies-afronden'];
}
