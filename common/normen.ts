/**
 * The legal terms and Amsterdam's norms for signals and visits, each once, with its source.
 * Workflows, API and web app count with these (the 8-week beschikkingstermijn and its Awb rules
 * live in common/termijnen.ts).
 */

/** Wgs art. 4 lid 2: in a threatening situation (crisis) the first contact within 3 werkdagen. */
export const CRISIS_CONTACT_WERKDAGEN = 3;

/** Amsterdam (algoritmeregister "Vroegsignalering gemeente Amsterdam"): a contact attempt within 14 days of the signal. */
export const CONTACTPOGING_NORM_DAGEN = 14;

/** Amsterdam (same source): a first analysis within 28 days of the signal. */
export const ANALYSE_NORM_DAGEN = 28;

/** Werkkader §2.8.2: at least 2 huisbezoeken, one of them in the evening or weekend, before a melding counts as unreachable. */
export const MINIMAAL_BEZOEKEN = 2;

/** An evening visit (werkkader §2.8.2) starts at 18:00 Amsterdam time, where DDAS's dagdeel avond starts. */
export const AVOND_VANAF_UUR = 18;

/** Werkkader §2.8.2's visit rule: enough huisbezoeken, one of them in the evening or weekend. */
export function bezoekregelVoldaan(bezoeken: readonly { avondOfWeekend: boolean }[]): boolean {
  return bezoeken.length >= MINIMAAL_BEZOEKEN && bezoeken.some((b) => b.avondOfWeekend);
}

/** Amsterdam's werkkader (DESIGN.md): the intake planned within 5 werkdagen of the aanmelding, ideally. */
export const INTAKE_PLAN_WERKDAGEN = 5;

/** Amsterdam's werkkader (DESIGN.md): the intake held within 2 weeks of the aanmelding. */
export const INTAKE_HOUD_DAGEN = 14;

/**
 * Werkkader §2.4.2: informatie en advies in one or more conversations "binnen een periode van maximaal
 * drie maanden (in principe)". The default of ADVIES_LOOPTIJD_MAANDEN.
 */
export const ADVIES_LOOPTIJD_MAANDEN = 3;

/** Days before the end of an advies's period at which the team is asked to close it or step up (our choice: two weeks). */
export const ADVIES_AFRONDEN_DAGEN_VOOR = 14;

/**
 * Days an agreed evaluation of the ondersteuningsplan may pass unheld before the teamleider is
 * alerted. The werkkader (§2.4.8: "regelmatig") names no number; two weeks as for the first
 * intake. Configurable per traject at its start (EVALUATIE_ALERT_DAGEN).
 */
export const EVALUATIE_ALERT_DAGEN = 14;
