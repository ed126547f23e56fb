import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../common/dataConverter';
import { prebuiltBundlePath, workflowInterceptorsPath, workflowsPath } from './createWorker';

/**
 * Build step (`npm run build`): bundles the compiled workflows once, so a production worker loads
 * the file instead of running webpack at every start.
 */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    workflowInterceptorModules: [workflowInterceptorsPath()],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  const pad = prebuiltBundlePath();
  await mkdir(dirname(pad), { recursive: true });
  await writeFile(pad, code);
  console.log(`workflow bundle: ${pad} (${Math.round(code.length / 1024)} kB)`);
}

main().catch((fout: unknown) => {
  console.error(fout);
  process.exit(1);
});
