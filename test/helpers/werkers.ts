import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActivityAdapters } from '../../activities';
import { createWorker } from '../../workers/createWorker';
import { workflowBundel } from './temporal';

/** Runs `fn` while a worker with the given adapters polls the environment's task queue. */
export async function metWorker<T>(env: TestWorkflowEnvironment, adapters: ActivityAdapters, fn: () => Promise<T>): Promise<T> {
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    adapters,
    workflowBundle: await workflowBundel(),
  });
  return worker.runUntil(fn);
}
