import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundelWorkflows } from './helpers/temporal';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The workflow bundle of this run, for every worker the tests start (test/helpers/temporal.ts). */
    workflowBundelPad: string;
  }
}

/**
 * Global setup: bundles the workflows once per `vitest run` (webpack takes seconds of CPU) into
 * .data/, instead of once in every test file and again in every worker process a test starts.
 */
export default async function bundelEenmaal({ provide }: TestProject): Promise<void> {
  const { code } = await bundelWorkflows();
  const pad = resolve(__dirname, '../.data/test-workflow-bundle.js');
  await mkdir(resolve(pad, '..'), { recursive: true });
  await writeFile(pad, code);
  provide('workflowBundelPad', pad);
}
