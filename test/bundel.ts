import { mkdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundelWorkflows } from './helpers/temporal';

/**
 * Global setup: bundles the workflows once per `vitest run` (webpack takes seconds of CPU) into
 * .data/, instead of once in every test file and again in every worker process a test starts. The
 * test processes vitest starts next inherit WORKFLOW_BUNDLE (see test/helpers/temporal.ts).
 */
export default async function bundelEenmaal(): Promise<() => Promise<void>> {
  const { code } = await bundelWorkflows();
  // One file per run: scripts/test.sh runs two at once.
  const pad = resolve(__dirname, `../.data/test-workflow-bundle-${process.pid}.js`);
  await mkdir(resolve(pad, '..'), { recursive: true });
  await writeFile(pad, code);
  process.env.WORKFLOW_BUNDLE = pad;
  return () => rm(pad, { force: true });
}
