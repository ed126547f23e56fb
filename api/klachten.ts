import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Response, Router } from 'express';
import { idempotentUpdateId } from '../common/idempotentie';
import { amsterdamDatum } from '../common/kalender';
import { jaarVanKlacht, klachtenWorkflowId, nieuwKlachtId, waaromAlAfgedaan } from '../common/klachten';
import { klachtenSchema, klachtSchema } from '../common/antwoorden';
import * as schemas from '../common/schemas';
import { BUURTTEAM } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { klachtenregistratie } from '../workflows/klachtenregistratie';
import type { KlachtenStatus } from '../workflows/types';
import { stuur } from './antwoord';
import { HttpFout } from './fouten';
import { protocolleer } from './audit/protocollering';
import { idempotentieSleutel, verzoekSleutel } from './sleutels';
import { gebruiker, heeftRol, vereisRol } from './auth/toegang';

/** The team's teamleiders register and settle complaints; a beheerder may read them. */
function magKlachten(res: Response, team: string, wat: string, rollen: ('teamleider' | 'beheerder')[]): string | undefined {
  const g = gebruiker(res);
  vereisRol(g, rollen, wat);
  if (!heeftRol(g, 'beheerder') && !g.buurtteams.includes(team)) throw new HttpFout(403, `u bent geen teamleider van buurtteam ${team}`);
  protocolleer(res, { buurtteam: team });
  return g.sub;
}

const geenKlacht = () => new HttpFout(404, 'klacht niet gevonden');

async function klachtenVan(client: Client, team: string, jaar: number): Promise<KlachtenStatus | undefined> {
  try {
    return await client.workflow.getHandle(klachtenWorkflowId(team, jaar)).query(berichten.klachtenStatusQuery);
  } catch (fout) {
    if (fout instanceof WorkflowNotFoundError) return undefined;
    throw fout;
  }
}

/**
 * Klachtenmonitoring (werkkader ch. 5): complaints a buurtteam received, by aard and afdoening.
 * One registration workflow per team and year of receipt takes them as updates (update-with-start).
 */
export function klachtenRoutes(app: Router, client: Client, opties: { geheim: Buffer }): void {
  app.post('/teams/:team/klachten', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    const door = magKlachten(res, team, 'klachten registreren', ['teamleider']);
    const klacht = schemas.klachtSchema.parse(req.body);
    // A retried request (same Idempotency-Key and body) is registered once; the key with another body is refused (422).
    const sleutel = req.get('idempotency-key');
    const klachtId = nieuwKlachtId(klacht.ontvangen, sleutel ? idempotentieSleutel(opties.geheim, sleutel) : randomUUID());
    const updateId = sleutel
      ? idempotentUpdateId(klachtId, verzoekSleutel(opties.geheim, { update: berichten.klachtUpdate.name, team, klacht }))
      : klachtId;
    const jaar = Number(klacht.ontvangen.slice(0, 4));
    const status = await client.workflow.executeUpdateWithStart(berichten.klachtUpdate, {
      args: [{ klachtId, ...klacht, door }],
      updateId,
      startWorkflowOperation: new WithStartWorkflowOperation(klachtenregistratie, {
        workflowId: klachtenWorkflowId(team, jaar),
        taskQueue: TASK_QUEUE,
        args: [{ buurtteam: team, jaar }],
        typedSearchAttributes: [{ key: BUURTTEAM, value: team }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A year whose complaints are all settled after its registration period is not opened again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }),
    });
    stuur(
      res.status(201),
      klachtSchema,
      status.klachten.find((k) => k.klachtId === klachtId)!,
    );
  });

  app.post('/teams/:team/klachten/:klachtId/afdoening', async (req, res) => {
    const { team, klachtId } = schemas.klachtParamsSchema.parse(req.params);
    const door = magKlachten(res, team, 'klachten afdoen', ['teamleider']);
    const afdoening = schemas.klachtAfdoeningSchema.parse(req.body);
    const jaar = jaarVanKlacht(klachtId);
    const bestaand = jaar ? await klachtenVan(client, team, jaar) : undefined;
    const klacht = bestaand?.klachten.find((k) => k.klachtId === klachtId);
    if (!klacht) throw geenKlacht();
    // Settled already: answered here, as a year whose complaints are all settled may have closed.
    const al = waaromAlAfgedaan(klacht, afdoening);
    if (al) throw new HttpFout(409, al);
    if (klacht.afdoening) return stuur(res, klachtSchema, klacht);
    const status = await client.workflow
      .getHandle(klachtenWorkflowId(team, jaar!))
      .executeUpdate(berichten.klachtAfdoeningUpdate, { args: [{ klachtId, ...afdoening, door }] });
    stuur(
      res,
      klachtSchema,
      status.klachten.find((k) => k.klachtId === klachtId)!,
    );
  });

  app.get('/teams/:team/klachten', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    magKlachten(res, team, 'klachten inzien', ['teamleider', 'beheerder']);
    const { jaar = Number(amsterdamDatum(new Date()).slice(0, 4)) } = schemas.klachtenQuerySchema.parse(req.query);
    const status = await klachtenVan(client, team, jaar);
    stuur(res, klachtenSchema, { buurtteam: team, jaar, klachten: status?.klachten ?? [] });
  });
}
