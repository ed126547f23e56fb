import { plusDagen } from './kalender';

/**
 * Klachtenmonitoring (werkkader ch. 5): a buurtteam's complaints are kept per calendar year of
 * receipt, one registration (workflow) per team and year, like the minimaatwerkbudget.
 */

/**
 * A complaint received late in a year may be registered until this many days into the next (the
 * werkkader names no period; a quarter covers a complaint the team passes on to the teamleider
 * late). After it, the year's registration closes as soon as every complaint is settled.
 */
export const KLACHT_NALOOP_DAGEN = 90;

export function klachtenWorkflowId(buurtteam: string, jaar: number): string {
  return `klachten-${buurtteam}-${jaar}`;
}

/** A complaint's id starts with its year of receipt, so its settlement finds that year's registration. */
export function nieuwKlachtId(ontvangen: string, sleutel: string): string {
  return `${ontvangen.slice(0, 4)}-${sleutel}`;
}

/** The year of receipt in a complaint id, or undefined when it is no complaint id. */
export function jaarVanKlacht(klachtId: string): number | undefined {
  const m = /^(\d{4})-[0-9a-f][0-9a-f-]{7,63}$/.exec(klachtId);
  return m ? Number(m[1]) : undefined;
}

/** Last day (Amsterdam date) a complaint received in `jaar` can be registered. */
export function laatsteRegistratiedag(jaar: number): string {
  return plusDagen(`${jaar + 1}-01-01`, KLACHT_NALOOP_DAGEN - 1);
}

/** Why a complaint received on `ontvangen` can no longer be registered on `vandaag`; undefined when it can. */
export function waaromNietTeRegistreren(ontvangen: string, vandaag: string): string | undefined {
  const jaar = Number(ontvangen.slice(0, 4));
  const laatste = laatsteRegistratiedag(jaar);
  return vandaag > laatste ? `klachten ontvangen in ${jaar} konden tot en met ${laatste} worden geregistreerd` : undefined;
}

/**
 * A complaint is settled once. The same settlement again (a retried request) is no change; another
 * one is refused with this reason. Undefined: not settled yet, or the same settlement.
 */
export function waaromAlAfgedaan(
  klacht: { afdoening?: { wijze: string; datum: string } },
  afdoening: { wijze: string; datum: string },
): string | undefined {
  const a = klacht.afdoening;
  if (!a || (a.wijze === afdoening.wijze && a.datum === afdoening.datum)) return undefined;
  return `de klacht is al afgedaan (${a.wijze} op ${a.datum})`;
}
