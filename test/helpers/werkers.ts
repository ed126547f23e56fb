import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { ActivityAdapters } from '../../activities';
import { createWorker } from '../../workers/createWorker';
import { testDataConverter } from './sleutels';
import { workflowBundel } from './temporal';

async function testWorker(env: TestWorkflowEnvironment, adapters: ActivityAdapters, bundel?: WorkflowBundle): Promise<Worker> {
  return createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    adapters,
    dataConverter: testDataConverter,
    workflowBundle: bundel ?? (await workflowBundel()),
  });
}

/**
 * Runs `fn` while a worker with the given adapters polls the environment's task queue; with
 * `bundel`, on that workflow code instead of today's (e.g. an older commit's, to record a history).
 */
export async function metWorker<T>(
  env: TestWorkflowEnvironment,
  adapters: ActivityAdapters,
  fn: () => Promise<T>,
  bundel?: WorkflowBundle,
): Promise<T> {
  return (await testWorker(env, adapters, bundel)).runUntil(fn);
}

/** A worker that polls until `stop()`, for a whole test file. */
export async function draaiendeWorker(env: TestWorkflowEnvironment, adapters: ActivityAdapters): Promise<{ stop(): Promise<void> }> {
  const worker = await testWorker(env, adapters);
  const draaiend = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await draaiend;
    },
  };
}
