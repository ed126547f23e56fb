import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { meldingIdVoor } from '../api/app';
import { meldingMemo } from '../common/memo';
import type { Melding } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import { vroegEropaf } from '../workflows/vroegEropaf';

/** Starts a melding the way `POST /meldingen` does (same id, memo, reuse policy), without the API. */
export async function startMeldingRaw(client: Client, m: Melding): Promise<void> {
  const meldingId = meldingIdVoor(m);
  await client.workflow.start(vroegEropaf, {
    taskQueue: TASK_QUEUE,
    workflowId: meldingId,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [{ ...m, meldingId }],
    memo: meldingMemo(m),
  });
}
