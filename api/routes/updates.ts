import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response, Router } from 'express';
import { ZodError } from 'zod';
import { idempotentUpdateId } from '../../common/idempotentie';
import * as berichten from '../../workflows/messages';
import { HttpFout, ONBEKENDE_ZAAK } from '../fouten';
import { protocolleer } from '../audit/protocollering';
import { idempotentieSleutel, verzoekSleutel } from '../sleutels';
import { gebruiker, heeftRol, vereisRol, werktVoorTeam } from '../auth/toegang';
import { UPDATE_ROUTES, type UpdateRoute } from '../updateRoutes';
import { stuurZaakstatus } from '../antwoord';
import { openTrajectElders, vorigTrajectSluit, zaakId, zaakkenmerken } from '../zaaktoegang';

export interface UpdateOpties {
  /** Four-eyes on the beschikking (off only with VIER_OGEN=uit). */
  vierOgen: boolean;
  /** Secret of the keyed hashes of BSNs and request bodies (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
  /** VERWIJZING_OPVOLGEN_WEKEN: weeks after a verwijzing without an outcome before the team is reminded. */
  verwijzingOpvolgenWeken?: number;
}

/** One POST route per entry of UPDATE_ROUTES: each runs one workflow update on the case in its path. */
export function updateRoutes(app: Router, client: Client, opties: UpdateOpties): void {
  for (const r of UPDATE_ROUTES) app.post(r.pad, updateRoute(client, r, opties));
}

function updateRoute(client: Client, r: UpdateRoute, opties: UpdateOpties) {
  return async (req: Request, res: Response) => {
    const g = gebruiker(res);
    const alsOperator = r.ookOperator === true && heeftRol(g, 'operator');
    if (!alsOperator) vereisRol(g, ['medewerker', 'teamleider'], 'een zaak wijzigen');
    const handle = client.workflow.getHandle(zaakId(req, r.prefix));
    // Checks that depend on the request alone come first (bad input is 400 without asking
    // Temporal); those that depend on the case follow, and tell nothing of other teams' cases.
    const gevalideerd = valideer(r, req);
    if (r.alleenTeamleider?.(gevalideerd)) vereisRol(g, ['teamleider'], r.samenvatting.toLowerCase());
    const kenmerken = await zaakkenmerken(handle, r.prefix);
    protocolleer(res, { buurtteam: kenmerken.buurtteam });
    if (!alsOperator && !werktVoorTeam(g, kenmerken.buurtteam)) throw ONBEKENDE_ZAAK();
    if (r.vierOgen) {
      // Who held the intake is in the case itself (recorded from their token), not in its search attributes.
      const zaak = await handle.query(berichten.trajectStatusQuery);
      const bezwaar = r.vierOgen(g.sub, zaak, opties.vierOgen, r.samenvatting.toLowerCase());
      if (bezwaar) throw new HttpFout(403, bezwaar);
    }
    const bron = { geheim: opties.persoonGeheim, verwijzingOpvolgenWeken: opties.verwijzingOpvolgenWeken };
    const invoer = r.aanvulling ? r.aanvulling(gevalideerd, bron) : gevalideerd;
    // With an Idempotency-Key the server runs a retried request's update only once, and the
    // workflow refuses the key with another request (common/idempotentie.ts).
    const sleutel = req.get('idempotency-key');
    const updateId = sleutel
      ? idempotentUpdateId(
          idempotentieSleutel(opties.persoonGeheim, sleutel),
          verzoekSleutel(opties.persoonGeheim, { update: r.update.name, invoer }),
        )
      : undefined;
    try {
      const args: [unknown] = [{ ...(invoer as object), door: g.sub }];
      const status = await handle.executeUpdate(r.update, { args, ...(updateId ? { updateId } : {}) });
      // An operator outside the team sees the case as on its status route: without personal data. The
      // team is the one after the update: who hands a traject to another team no longer sees its details.
      const team = (status as { buurtteam: string }).buurtteam;
      stuurZaakstatus(res, r.prefix, status, werktVoorTeam(g, team) ? 'team' : 'operator');
    } catch (fout) {
      const bestaand = await bestaandTraject(client, fout);
      if (bestaand?.trajectId) await openTrajectElders(client, res, bestaand.trajectId, bestaand.buurtteam);
      // The person's lock still runs for a moment after their traject closed: a hand-over then is
      // refused for now, with why, not as a server fault (a new lock takes it seconds later).
      if (bestaand) vorigTrajectSluit(res);
      await wantAfgesloten(handle, fout);
    }
  };
}

/** The body and the path parameters after `:id`, together: a 400 names every wrong field of both. */
function valideer(r: UpdateRoute, req: Request): unknown {
  const { id: _, ...padwaarden } = req.params;
  const body = r.schema.safeParse(req.body);
  const pad = r.padParameters?.safeParse(padwaarden);
  const fouten = [...(body.error?.issues ?? []), ...(pad?.error?.issues ?? [])];
  if (fouten.length > 0) throw new ZodError(fouten);
  return { ...(body.data as object), ...pad?.data };
}

/** The open traject that refused a hand-over for its person, asked of their lock. */
async function bestaandTraject(client: Client, fout: unknown): Promise<{ trajectId?: string; buurtteam?: string } | undefined> {
  if (!(fout instanceof WorkflowUpdateFailedError && fout.cause instanceof ApplicationFailure && fout.cause.type === 'TrajectBestaat'))
    return undefined;
  return client.workflow.getHandle(String(fout.cause.details?.[0])).query(berichten.persoonsslotQuery);
}

/** An update to a closed case fails as "not found"; tell the user it is closed instead. */
async function wantAfgesloten(handle: WorkflowHandle, fout: unknown): Promise<never> {
  if (fout instanceof WorkflowNotFoundError) {
    const beschrijving = await handle.describe().catch(() => undefined);
    if (beschrijving && beschrijving.status.name !== 'RUNNING') {
      throw new HttpFout(409, `zaak is afgesloten (${beschrijving.status.name.toLowerCase()})`);
    }
  }
  throw fout;
}
