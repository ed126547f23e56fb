/**
 * `npm run bench` (not part of `npm test`): the performance goals of the service, each on a fresh
 * Temporal dev server on loopback, sized by BENCH_* variables. Stops by itself; the last line is
 * the summary CI or a person compares with the README table.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerOmgeving } from '../test/helpers/temporal';
import { burstEnGeheugen } from './burstEnGeheugen';
import { startsnelheid } from './startsnelheid';
import { werkvoorraadBench } from './werkvoorraad';

async function opEigenServer<T>(meting: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await devServerOmgeving();
  try {
    return await meting(env);
  } finally {
    await env.teardown();
  }
}

async function main(): Promise<void> {
  const apiRaw = await opEigenServer(startsnelheid);
  const { burstS, workerRssMb } = await opEigenServer(burstEnGeheugen);
  const werkvoorraadP95 = await opEigenServer(werkvoorraadBench);
  console.log(
    `bench: api/raw=${apiRaw.toFixed(2)} burst5000=${burstS.toFixed(0)}s werkvoorraad_p95=${werkvoorraadP95.toFixed(0)}ms worker_rss=${workerRssMb.toFixed(0)}MB`,
  );
}

main().then(
  () => process.exit(0),
  (fout: unknown) => {
    console.error('bench mislukt', fout);
    process.exit(1);
  },
);
