import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityAdapters } from '../activities';
import { TASK_QUEUE } from '../common/taskQueues';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  adapters: ActivityAdapters;
  /** The encrypting converter (common/dataConverter.ts); a pre-built bundle must use its failure converter path. */
  dataConverter: DataConverter;
  /** Tests pass a pre-built bundle to avoid re-bundling per test. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  taskQueue?: string;
  /** How long in-flight activities may finish after a shutdown request (SIGTERM) before they are cancelled. */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** Workflows kept in memory between tasks (WORKER_MAX_CACHED_WORKFLOWS); the SDK's default when unset. */
  maxCachedWorkflows?: number;
}

/** Workflow sources: `.ts` when run with tsx, the compiled `.js` next to this file in dist/. */
export function workflowsPath(): string {
  return join(__dirname, '..', 'workflows', `index${extname(__filename)}`);
}

/** Workflow interceptors every workflow type gets (workflows/idempotentie.ts). */
export function workflowInterceptorsPath(): string {
  return join(__dirname, '..', 'workflows', `idempotentie${extname(__filename)}`);
}

/** Written by `npm run build` (workers/bundleWorkflows.ts) into dist/; absent when run from source. */
export function prebuiltBundlePath(): string {
  return join(__dirname, '..', 'workflow-bundle.js');
}

/** A passed bundle (tests), else the prebuilt one (production), else bundle at start (development). */
function workflowCode(
  workflowBundle: WorkerDeps['workflowBundle'],
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'interceptors'> {
  if (workflowBundle) return { workflowBundle };
  if (existsSync(prebuiltBundlePath())) return { workflowBundle: { codePath: prebuiltBundlePath() } };
  return { workflowsPath: workflowsPath(), interceptors: { workflowModules: [workflowInterceptorsPath()] } };
}

export function createWorker({
  connection,
  namespace,
  adapters,
  dataConverter,
  workflowBundle,
  taskQueue = TASK_QUEUE,
  shutdownGraceTime,
  maxCachedWorkflows,
}: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(adapters),
    dataConverter,
    ...(shutdownGraceTime ? { shutdownGraceTime } : {}),
    ...(maxCachedWorkflows !== undefined ? { maxCachedWorkflows } : {}),
    ...workflowCode(workflowBundle),
  });
}
