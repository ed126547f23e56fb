/** Minimaatwerkbudget: small payments that solve a problem at once (Amsterdam), limited per household and per team per year. */
export const MINIMAATWERK_HUISHOUDEN_CENT = 50_000;
export const MINIMAATWERK_TEAM_JAAR_CENT = 300_000;

export function budgetWorkflowId(buurtteam: string, jaar: number): string {
  return `minimaatwerkbudget-${buurtteam}-${jaar}`;
}
