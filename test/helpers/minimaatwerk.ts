import { WithStartWorkflowOperation, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { budgetWorkflowId, MINIMAATWERK_HUISHOUDEN_CENT, MINIMAATWERK_TEAM_JAAR_CENT } from '../../common/minimaatwerk';
import { TASK_QUEUE } from '../../common/taskQueues';
import { bestedingUpdate } from '../../workflows/messages';
import { minimaatwerkbudget } from '../../workflows/minimaatwerkbudget';
import type { Besteding, BudgetStatus } from '../../workflows/types';

/**
 * A spend through the team's budget of the spend's year, started on first use, as the API does it
 * (api/minimaatwerk.ts): update-with-start, and a closed year is never opened again.
 */
export function besteedViaBudget(client: Client, buurtteam: string, besteding: Besteding & { door?: string }): Promise<BudgetStatus> {
  const jaar = Number(besteding.datum.slice(0, 4));
  return client.workflow.executeUpdateWithStart(bestedingUpdate, {
    args: [besteding],
    updateId: besteding.uitgaveId,
    startWorkflowOperation: new WithStartWorkflowOperation(minimaatwerkbudget, {
      workflowId: budgetWorkflowId(buurtteam, jaar),
      taskQueue: TASK_QUEUE,
      args: [{ buurtteam, jaar, teamBudgetCent: MINIMAATWERK_TEAM_JAAR_CENT, huishoudenBudgetCent: MINIMAATWERK_HUISHOUDEN_CENT }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    }),
  });
}
