/** Minimaatwerkbudget: small payments that solve a problem at once (Amsterdam), limited per household and per team per year. */
export const MINIMAATWERK_HUISHOUDEN_CENT = 50_000;
export const MINIMAATWERK_TEAM_JAAR_CENT = 300_000;

export function budgetWorkflowId(buurtteam: string, jaar: number): string {
  return `minimaatwerkbudget-${buurtteam}-${jaar}`;
}

/**
 * The budget years a spend may be booked in on `vandaag` (Amsterdam date): the running year, and
 * in January also the year before (its late bills). Any other year would open a budget of its own,
 * a fresh one once its history is gone. Newest first.
 */
export function boekbareJaren(vandaag: string): number[] {
  const jaar = Number(vandaag.slice(0, 4));
  return vandaag.slice(5, 7) === '01' ? [jaar, jaar - 1] : [jaar];
}

/** Why a spend dated `datum` cannot be booked on `vandaag`, or undefined when it can. */
export function waaromNietBoekbaar(datum: string, vandaag: string): string | undefined {
  const jaren = boekbareJaren(vandaag);
  if (jaren.includes(Number(datum.slice(0, 4)))) return undefined;
  return jaren.length > 1
    ? `een uitgave hoort bij budgetjaar ${jaren[0]} of, in januari, bij ${jaren[1]}`
    : `een uitgave hoort bij het lopende budgetjaar ${jaren[0]}`;
}

/** A spend waits for a colleague's approval; a refused one no longer counts against the budget. */
export type BestedingStatus = 'aangevraagd' | 'goedgekeurd' | 'afgewezen';
export type Beoordeling = Exclude<BestedingStatus, 'aangevraagd'>;

/**
 * Zes ogen (werkkader, Minimaatwerkbudget): the medewerker does not decide alone. Who recorded a
 * spend does not approve or refuse it; any other medewerker or teamleider of the team does. A spend
 * from before this rule (no status) was approved when it was recorded.
 */
export function waaromGeenBeoordeling(
  besteding: { door?: string; status?: BestedingStatus; beoordeeldDoor?: string },
  door: string | undefined,
  besluit: Beoordeling,
): string | undefined {
  const status = besteding.status ?? 'goedgekeurd';
  if (status === besluit && besteding.beoordeeldDoor === door) return undefined; // a repeat of the same request
  if (status !== 'aangevraagd') return `deze uitgave is al ${status}`;
  if (besteding.door !== undefined && besteding.door === door) {
    return 'zes ogen: wie de uitgave registreerde, keurt haar niet zelf goed of af; vraag een collega van het team';
  }
  return undefined;
}
