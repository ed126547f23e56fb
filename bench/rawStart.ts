import { randomBytes } from 'node:crypto';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { meldingIdVoor, meldSignaal } from '../api/signaalIntake';
import { meldingMemo } from '../common/memo';
import type { Melding } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import type { vroegEropaf } from '../workflows/vroegEropaf';

/** The bench's own secret of household keys and melding ids: the raw path's households never meet the API's. */
const GEHEIM = randomBytes(32);

/**
 * Registers a melding the way `POST /meldingen` does, without the API: update-with-start on its
 * household's melding (same id, memo, reuse policy).
 */
export async function startMeldingRaw(client: Client, m: Melding): Promise<void> {
  const antwoord = await meldSignaal(client, GEHEIM, { ...m, meldingId: meldingIdVoor(GEHEIM, m) }, async () => {});
  if (antwoord.bestaand) throw new Error('bench: melding bestond al');
}

/**
 * The melding alone, a plain start (same input, memo, reuse policy) without the household's
 * guarantee: no service path does this; the bench uses it to show what that guarantee costs.
 */
export async function startMeldingZonderSlot(client: Client, m: Melding): Promise<void> {
  const invoer = { ...m, meldingId: meldingIdVoor(GEHEIM, m) };
  await client.workflow.start<typeof vroegEropaf>('vroegEropaf', {
    workflowId: invoer.meldingId,
    taskQueue: TASK_QUEUE,
    args: [invoer],
    memo: meldingMemo(invoer),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
}
