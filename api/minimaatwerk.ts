import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Request, Response, Router } from 'express';
import { idempotentUpdateId } from '../common/idempotentie';
import { amsterdamDatum } from '../common/kalender';
import { boekbareJaren, budgetWorkflowId, MINIMAATWERK_HUISHOUDEN_CENT, MINIMAATWERK_TEAM_JAAR_CENT } from '../common/minimaatwerk';
import { budgetSchema, type Budget } from '../common/antwoorden';
import * as schemas from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { minimaatwerkbudget } from '../workflows/minimaatwerkbudget';
import type { BudgetStatus } from '../workflows/types';
import { stuur } from './antwoord';
import { HttpFout, ONBEKENDE_ZAAK } from './fouten';
import { protocolleer } from './audit/protocollering';
import { huishoudSleutel, idempotentieSleutel, verzoekSleutel } from './sleutels';
import { gebruiker, vereisRol, werktVoorTeam } from './auth/toegang';

/** The team's figures; with a spend, also its household's (by address, or by traject for spends from before) and the spend itself. */
function budgetVan(status: BudgetStatus, uitgaveId?: string): Budget {
  const team = { budgetCent: status.teamBudgetCent, besteedCent: status.besteedCent, resterendCent: status.resterendCent };
  const uitgave = status.bestedingen.find((b) => b.uitgaveId === uitgaveId);
  if (!uitgave) return { jaar: status.jaar, team };
  const besteed = status.bestedingen
    .filter(
      (b) =>
        b.status !== 'afgewezen' && (b.trajectId === uitgave.trajectId || (!!uitgave.huishouden && b.huishouden === uitgave.huishouden)),
    )
    .reduce((som, b) => som + b.bedragCent, 0);
  return {
    jaar: status.jaar,
    team,
    huishouden: { budgetCent: status.huishoudenBudgetCent, besteedCent: besteed, resterendCent: status.huishoudenBudgetCent - besteed },
    uitgave: { uitgaveId: uitgave.uitgaveId, status: uitgave.status ?? 'goedgekeurd' },
  };
}

/** The budget (of a year that can still be booked) holding this spend, if any. */
async function budgetMetUitgave(client: Client, team: string, uitgaveId: string) {
  for (const jaar of boekbareJaren(amsterdamDatum(new Date()))) {
    const handle = client.workflow.getHandle(budgetWorkflowId(team, jaar));
    const status = await handle.query(berichten.budgetStatusQuery).catch((fout: unknown) => {
      if (fout instanceof WorkflowNotFoundError) return undefined;
      throw fout;
    });
    if (status?.bestedingen.some((b) => b.uitgaveId === uitgaveId)) return handle;
  }
  return undefined;
}

/**
 * Minimaatwerk spends: one budget workflow per team and year takes every spend as an update,
 * started on first use (update-with-start), so concurrent spends cannot overdraw it.
 */
export function minimaatwerkRoutes(
  app: Router,
  client: Client,
  opties: {
    trajectIdUit: (req: Request) => string;
    magTeamInzien: (res: Response, team: string) => void;
    /** Secret of the keyed hashes (Idempotency-Key and request fingerprint). */
    geheim: Buffer;
  },
): void {
  app.post('/trajecten/:id/minimaatwerk', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider'], 'minimaatwerk besteden');
    const trajectId = opties.trajectIdUit(req);
    const uitgave = schemas.minimaatwerkSchema.parse(req.body);
    const traject = await client.workflow.getHandle(trajectId).query(berichten.trajectStatusQuery);
    protocolleer(res, { buurtteam: traject.buurtteam });
    if (!werktVoorTeam(g, traject.buurtteam)) throw ONBEKENDE_ZAAK();
    if (traject.fase === 'afgesloten') throw new HttpFout(409, 'het traject is afgesloten');
    const jaar = Number(uitgave.datum.slice(0, 4));
    // A retried request (same Idempotency-Key and body) is recorded once, also after the budget's
    // continueAsNew (uitgaveId); the key with another body is refused (422, common/idempotentie.ts).
    const sleutel = req.get('idempotency-key');
    const uitgaveId = sleutel ? idempotentieSleutel(opties.geheim, sleutel) : randomUUID();
    const updateId = sleutel
      ? idempotentUpdateId(uitgaveId, verzoekSleutel(opties.geheim, { update: berichten.bestedingUpdate.name, trajectId, uitgave }))
      : uitgaveId;
    // The household by a keyed hash of its address: the address itself is not kept.
    const { huishouden, ...rest } = uitgave;
    const status = await client.workflow.executeUpdateWithStart(berichten.bestedingUpdate, {
      args: [{ uitgaveId, trajectId, ...rest, huishouden: huishoudSleutel(opties.geheim, huishouden), door: g.sub }],
      updateId,
      startWorkflowOperation: new WithStartWorkflowOperation(minimaatwerkbudget, {
        workflowId: budgetWorkflowId(traject.buurtteam, jaar),
        taskQueue: TASK_QUEUE,
        args: [
          {
            buurtteam: traject.buurtteam,
            jaar,
            teamBudgetCent: MINIMAATWERK_TEAM_JAAR_CENT,
            huishoudenBudgetCent: MINIMAATWERK_HUISHOUDEN_CENT,
          },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A closed year is never opened again with a fresh budget.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }),
    });
    stuur(res, budgetSchema, { uitgaveId, ...budgetVan(status, uitgaveId) });
  });

  /**
   * Zes ogen: another medewerker or teamleider of the traject's team approves or refuses a spend
   * (the workflow refuses the one who recorded it). It is in a year that can still be booked.
   */
  app.post('/trajecten/:id/minimaatwerk/:uitgaveId/beoordeling', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider'], 'minimaatwerk beoordelen');
    const trajectId = opties.trajectIdUit(req);
    const uitgaveId = String(req.params.uitgaveId);
    const { besluit } = schemas.bestedingBeoordelingSchema.parse(req.body);
    const traject = await client.workflow.getHandle(trajectId).query(berichten.trajectStatusQuery);
    protocolleer(res, { buurtteam: traject.buurtteam });
    if (!werktVoorTeam(g, traject.buurtteam)) throw ONBEKENDE_ZAAK();
    const budget = await budgetMetUitgave(client, traject.buurtteam, uitgaveId);
    if (!budget) throw new HttpFout(404, 'uitgave niet gevonden');
    const status = await budget.executeUpdate(berichten.bestedingBeoordelingUpdate, {
      args: [{ uitgaveId, trajectId, besluit, door: g.sub }],
    });
    stuur(res, budgetSchema, { uitgaveId, ...budgetVan(status, uitgaveId) });
  });

  app.get('/teams/:team/minimaatwerkbudget', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    // Team totals and traject ids only, no personal data: like the werkvoorraad, operators may read it.
    opties.magTeamInzien(res, team);
    const { jaar = Number(amsterdamDatum(new Date()).slice(0, 4)) } = schemas.budgetQuerySchema.parse(req.query);
    try {
      stuur(res, budgetSchema, budgetVan(await client.workflow.getHandle(budgetWorkflowId(team, jaar)).query(berichten.budgetStatusQuery)));
    } catch (fout) {
      if (!(fout instanceof WorkflowNotFoundError)) throw fout;
      // Nothing spent yet this year.
      stuur(res, budgetSchema, {
        jaar,
        team: { budgetCent: MINIMAATWERK_TEAM_JAAR_CENT, besteedCent: 0, resterendCent: MINIMAATWERK_TEAM_JAAR_CENT },
      });
    }
  });
}
