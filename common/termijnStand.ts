import { ADVIES_AFRONDEN_DAGEN_VOOR } from './normen';

/**
 * How urgent a case's term is, the same for the werkvoorraad, the case pages and the teamleider's
 * overzicht. A traject's term is the beschikkingstermijn: at risk from the first default warning
 * (6 weeks after aanmelding, so 2 weeks before the end). A melding's term is its next huisbezoek
 * deadline: at risk on its last day. An advies's is the end of its period: at risk from the task to
 * close or step up (ADVIES_AFRONDEN_DAGEN_VOOR).
 */
export type TermijnStand = 'overschreden' | 'in-gevaar' | 'op-tijd';

const DAG = 24 * 3600 * 1000;
export type Zaaksoort = 'traject' | 'melding' | 'advies';
export const IN_GEVAAR_VOOR: Record<Zaaksoort, number> = { traject: 14 * DAG, melding: DAG, advies: ADVIES_AFRONDEN_DAGEN_VOOR * DAG };

export function termijnStand(verloopt: string | Date, soort: Zaaksoort, nu: Date = new Date()): TermijnStand {
  const rest = new Date(verloopt).getTime() - nu.getTime();
  if (rest < 0) return 'overschreden';
  return rest < IN_GEVAAR_VOOR[soort] ? 'in-gevaar' : 'op-tijd';
}

/** Started days left until the term ends; negative: started days past it. */
export function dagenResterend(verloopt: string | Date, nu: Date = new Date()): number {
  const rest = new Date(verloopt).getTime() - nu.getTime();
  return rest >= 0 ? Math.ceil(rest / DAG) : -Math.ceil(-rest / DAG);
}
