import { join } from 'node:path';
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
  /** How long in-flight activities may finish after a shutdown request (SIGTERM) before they are cancelled. */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/** Workflow sources, bundled by the worker (we run TypeScript directly; there is no build step). */
export function workflowsPath(): string {
  return join(__dirname, '..', 'workflows', 'index.ts');
}

export function createWorker({
  connection,
  namespace,
  adapters,
  workflowBundle,
  taskQueue = TASK_QUEUE,
  shutdownGraceTime,
}: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(adapters),
    ...(shutdownGraceTime ? { shutdownGraceTime } : {}),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: workflowsPath() }),
  });
}
