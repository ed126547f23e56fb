import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ANDER_VERZOEK } from '../common/idempotentie';
import { adviesMemo } from '../common/memo';
import type { Advies, Overdracht } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import type { TermijnStart } from '../common/termijnen';
import { ADVIES_PREFIX, trajectIdVoorAdvies } from '../common/workflowIds';
import { adviesOpschalingUpdate } from '../workflows/messages';
import { informatieAdvies } from '../workflows/informatieAdvies';
import type { AdviesStatus } from '../workflows/types';
import { meldAan } from './aanmelding';
import { HttpFout } from './fouten';
import { idempotentieSleutel, verzoekSleutel } from './sleutels';

/** An opaque id: a keyed hash of the Idempotency-Key (a retry finds its advies), else a random one. */
function adviesIdVoor(geheim: Buffer, idempotencyKey: string | undefined): string {
  return `${ADVIES_PREFIX}${idempotencyKey ? idempotentieSleutel(geheim, idempotencyKey).slice(0, 24) : randomUUID()}`;
}

/**
 * Registers an advies (werkkader §2.4.1-2): light, without a person's lock, since there is no BSN
 * and no traject. The same Idempotency-Key with the same body answers the same advies; with another
 * body 422.
 */
export async function registreerAdvies(
  client: Client,
  geheim: Buffer,
  advies: Advies,
  idempotencyKey: string | undefined,
  looptijdMaanden: number | undefined,
  /** When and by whom the consent was recorded; not part of the request, so a retry matches. */
  vastgelegd: { datum: string; door: string },
): Promise<{ id: string; bestaand: boolean }> {
  const adviesId = adviesIdVoor(geheim, idempotencyKey);
  const verzoek = verzoekSleutel(geheim, advies);
  const handle = client.workflow.getHandle(adviesId);
  try {
    await client.workflow.start(informatieAdvies, {
      workflowId: adviesId,
      taskQueue: TASK_QUEUE,
      args: [
        { ...advies, adviesId, toestemming: { ...advies.toestemming, ...vastgelegd }, ...(looptijdMaanden ? { looptijdMaanden } : {}) },
      ],
      memo: { ...adviesMemo(advies), verzoek },
      // An id is used once: a closed advies is not registered again under the same key.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { id: adviesId, bestaand: false };
  } catch (fout) {
    if (!(fout instanceof WorkflowExecutionAlreadyStartedError)) throw fout;
    if ((await handle.describe()).memo?.verzoek !== verzoek) throw new HttpFout(422, ANDER_VERZOEK);
    return { id: adviesId, bestaand: true };
  }
}

/**
 * The step up into Route 020 (werkkader §2.4.3: when informatie en advies is not enough): a traject
 * through the person's lock, as an aanmelding (one open traject per person; one already open is the
 * caller's 409), then the advies closes as opgeschaald and names it; the traject names the advies.
 * The traject id derives from the advies, so a retry finds both.
 */
export async function schaalAdviesOp(
  client: Client,
  geheim: Buffer,
  status: AdviesStatus,
  overdracht: Overdracht,
  termijnStart: TermijnStart,
  vastgelegd: { datum: string; door: string },
): Promise<{ status: AdviesStatus; trajectId: string; nieuw: boolean }> {
  const { adviesId } = status;
  const handle = client.workflow.getHandle(adviesId);
  const trajectId = trajectIdVoorAdvies(adviesId);
  if (status.afsluiting?.trajectId === trajectId) return { status, trajectId, nieuw: false };
  if (status.afsluiting) throw new HttpFout(409, `het advies is al afgesloten (${status.afsluiting.uitkomst})`);
  // The advies's regievoerder goes along unless the step up names another.
  const regievoerder = overdracht.regievoerder ?? status.regievoerder;
  const aanmelding = { ...overdracht, buurtteam: status.buurtteam, ...(regievoerder ? { regievoerder } : {}) };
  const { bestaand } = await meldAan(client, geheim, aanmelding, undefined, termijnStart, vastgelegd, {
    vanAdvies: { adviesId, trajectId },
  });
  const nieuweStatus = await handle.executeUpdate(adviesOpschalingUpdate, { args: [{ trajectId, door: vastgelegd.door }] });
  return { status: nieuweStatus, trajectId, nieuw: !bestaand };
}
