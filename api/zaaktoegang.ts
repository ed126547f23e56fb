import type { Client, WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Request, Response } from 'express';
import { BUURTTEAM, FASE, REGIEVOERDER } from '../common/searchAttributes';
import * as berichten from '../workflows/messages';
import { HttpFout, ONBEKENDE_ZAAK } from './fouten';
import { stuurZaakstatus } from './antwoord';
import { protocolleer } from './audit/protocollering';
import { gebruiker, heeftRol, vereisRol, werktVoorTeam } from './auth/toegang';

/** Who may open, read or touch which case: the checks every resource route shares. */

export type Zaakprefix = 'melding-' | 'traject-' | 'advies-';

/** The case id in the path; anything that is not one of ours is an unknown case. */
export function zaakId(req: Request, prefix: Zaakprefix): string {
  const id = String(req.params.id);
  if (!id.startsWith(prefix) || !/^[a-z0-9-]{1,100}$/.test(id)) throw ONBEKENDE_ZAAK();
  return id;
}

/** The workflow type behind each kind of case id. */
const ZAAK_WORKFLOWTYPE = { 'melding-': 'vroegEropaf', 'traject-': 'schuldhulpTraject', 'advies-': 'informatieAdvies' } as const;

/** The organisational facts of a case that decide who may touch it; neither changes during its life. */
export interface Zaakkenmerken {
  buurtteam: string;
  regievoerder?: string;
}

/**
 * Reads the case's team and regievoerder from its search attributes (describe reads the case's
 * current record, not the eventually consistent visibility store). A case whose first workflow task
 * has not run yet has none; its status query, answered after that task, says the same.
 */
export async function zaakkenmerken(handle: WorkflowHandle, prefix: Zaakprefix): Promise<Zaakkenmerken> {
  const { type, typedSearchAttributes: attrs } = await handle.describe();
  // A case's helper workflows (its beschikking term) share its id prefix and team, not its updates.
  if (type !== ZAAK_WORKFLOWTYPE[prefix]) throw ONBEKENDE_ZAAK();
  const buurtteam = attrs.get(BUURTTEAM);
  if (buurtteam) return { buurtteam, regievoerder: attrs.get(REGIEVOERDER) };
  if (prefix === 'advies-') return handle.query(berichten.adviesStatusQuery);
  return prefix === 'melding-' ? handle.query(berichten.meldingStatusQuery) : handle.query(berichten.trajectStatusQuery);
}

/** New cases are registered by case workers, for their own teams only. */
export function magAanmaken(res: Response, buurtteam: string): void {
  if (!werktVoorTeam(gebruiker(res), buurtteam)) throw new HttpFout(403, `u werkt niet voor buurtteam ${buurtteam}`);
}

/** The werkvoorraad and overzicht hold no personal data: operators may read any team's. */
export function magTeamInzien(res: Response, team: string): void {
  const g = gebruiker(res);
  vereisRol(g, ['medewerker', 'teamleider', 'operator'], 'een werkvoorraad inzien');
  if (!werktVoorTeam(g, team) && !heeftRol(g, 'operator')) throw new HttpFout(403, `u werkt niet voor buurtteam ${team}`);
}

export const VORIG_TRAJECT_SLUIT =
  'het vorige schuldhulptraject van deze persoon wordt net afgesloten; probeer het over enkele seconden opnieuw';

/** The person's lock ends or hears of their traject's close seconds after it: ask again then. */
export function vorigTrajectSluit(res: Response): never {
  res.set('Retry-After', '2');
  throw new HttpFout(409, VORIG_TRAJECT_SLUIT);
}

/**
 * 409 for a person who has an open traject. Its id only for a medewerker of its own team: another
 * team learns that there is one, not which (the BSN alone must not open another team's case).
 * The protocol records the traject either way, so an audit sees who ran into whose case.
 */
export async function openTrajectElders(client: Client, res: Response, trajectId: string, vanSlot?: string): Promise<never> {
  const traject = client.workflow.getHandle(trajectId);
  // The lock hears of the close a moment after the traject's own answer: not an open traject then.
  // (A traject the lock has claimed may not exist yet: the lock's word stands.)
  const kenmerken = (await traject.describe().catch(() => undefined))?.typedSearchAttributes;
  if (kenmerken?.get(FASE) === 'afgesloten') vorigTrajectSluit(res);
  const buurtteam = vanSlot ?? kenmerken?.get(BUURTTEAM) ?? (await zaakkenmerken(traject, 'traject-')).buurtteam;
  protocolleer(res, { zaakId: trajectId, buurtteam });
  if (werktVoorTeam(gebruiker(res), buurtteam)) {
    throw new HttpFout(409, 'deze persoon heeft al een open schuldhulptraject', undefined, { trajectId });
  }
  throw new HttpFout(409, 'deze persoon heeft al een open schuldhulptraject bij een ander buurtteam; stem af via de teamleider');
}

/**
 * A case's status route: the team's case workers see the whole status; an operator sees any case
 * without personal data. The status itself names the team, so one query serves both the check and the answer.
 */
export function statusRoute<S extends { buurtteam: string }>(client: Client, prefix: Zaakprefix, query: QueryDefinition<S>) {
  return async (req: Request, res: Response) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider', 'operator'], 'een zaak inzien');
    const status = await client.workflow.getHandle(zaakId(req, prefix)).query(query);
    protocolleer(res, { buurtteam: status.buurtteam });
    if (werktVoorTeam(g, status.buurtteam)) stuurZaakstatus(res, prefix, status, 'team');
    else if (heeftRol(g, 'operator')) stuurZaakstatus(res, prefix, status, 'operator');
    else throw ONBEKENDE_ZAAK();
  };
}
