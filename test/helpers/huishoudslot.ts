import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { TASK_QUEUE } from '../../common/taskQueues';
import { huishoudslot } from '../../workflows/huishoudslot';
import { signaalAanmeldenUpdate } from '../../workflows/messages';
import type { MeldingToewijzing, VroegEropafInput } from '../../workflows/types';
import { huishoudslotId } from '../../common/workflowIds';

/**
 * A melding through a household's lock named by the test (the API derives the name from the
 * address, `meldSignaal`): update-with-start, so the lock starts with its first signal.
 */
export function meldViaSlot(client: Client, slot: string, invoer: VroegEropafInput): Promise<MeldingToewijzing> {
  return client.workflow.executeUpdateWithStart(signaalAanmeldenUpdate, {
    args: [{ meldingId: invoer.meldingId, invoer, memo: {} }],
    startWorkflowOperation: new WithStartWorkflowOperation(huishoudslot, {
      workflowId: huishoudslotId(slot),
      taskQueue: TASK_QUEUE,
      args: [],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}
