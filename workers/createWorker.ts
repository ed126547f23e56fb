import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityAdapters } from '../activities';
import { TASK_QUEUE } from '../common/taskQueues';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  adapters: ActivityAdapters;
  /** Tests pass a pre-built bundle to avoid re-bundling per test. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  taskQueue?: string;
}

export function workflowsPath(): string {
  return require.resolve('../workflows');
}

export function createWorker({ connection, namespace, adapters, workflowBundle, taskQueue = TASK_QUEUE }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(adapters),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: workflowsPath() }),
  });
}
