import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { ActivityAdapters } from '../../activities';
import { createWorker } from '../../workers/createWorker';
import { testDataConverter } from './sleutels';
import { workflowBundel } from './temporal';

async function testWorker(env: TestWorkflowEnvironment, adapters: ActivityAdapters): Promise<Worker> {
  return createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    adapters,
    dataConverter: testDataConverter,
    workflowBundle: await workflowBundel(),
  });
}

/** Runs `fn` while a worker with the given adapters polls the environment's task queue. */
export async function metWorker<T>(env: TestWorkflowEnvironment, adapters: ActivityAdapters, fn: () => Promise<T>): Promise<T> {
  return (await testWorker(env, adapters)).runUntil(fn);
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
