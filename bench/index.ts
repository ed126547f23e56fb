/**
 * `npm run bench` (not part of `npm test`): the performance goals of the service, each on a fresh
 * Temporal dev server on loopback, sized by BENCH_* variables. Stops by itself; the last line is
 * the summary CI or a person compares with the README table.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerOmgeving } from '../test/helpers/temporal';
import { burstEnGeheugen } from './burstEnGeheugen';
import { rapportageBench } from './rapportage';
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
  // BENCH_ALLEEN=rapportage or =werkvoorraad measures only that part (the full run takes long on a busy machine).
  if (process.env.BENCH_ALLEEN === 'rapportage') {
    const { koudMs, p95Ms, ddasS } = await opEigenServer(rapportageBench);
    console.log(`bench: rapportage_eerste=${koudMs.toFixed(0)}ms rapportage_p95=${p95Ms.toFixed(0)}ms ddas=${ddasS.toFixed(1)}s`);
    return;
  }
  if (process.env.BENCH_ALLEEN === 'werkvoorraad') {
    const { paginaP95, overzichtP95 } = await opEigenServer(werkvoorraadBench);
    console.log(`bench: werkvoorraad_p95=${paginaP95.toFixed(0)}ms overzicht_p95=${overzichtP95.toFixed(0)}ms`);
    return;
  }
  const apiRaw = await opEigenServer(startsnelheid);
  const { burstS, workerRssMb } = await opEigenServer(burstEnGeheugen);
  const { paginaP95, overzichtP95 } = await opEigenServer(werkvoorraadBench);
  const rapportage = await opEigenServer(rapportageBench);
  console.log(
    `bench: api/raw=${apiRaw.toFixed(2)} burst5000=${burstS.toFixed(0)}s werkvoorraad_p95=${paginaP95.toFixed(0)}ms ` +
      `overzicht_p95=${overzichtP95.toFixed(0)}ms worker_rss=${workerRssMb.toFixed(0)}MB ` +
      `rapportage_eerste=${rapportage.koudMs.toFixed(0)}ms rapportage_p95=${rapportage.p95Ms.toFixed(0)}ms ddas=${rapportage.ddasS.toFixed(1)}s`,
  );
}

main().then(
  () => process.exit(0),
  (fout: unknown) => {
    console.error('bench mislukt', fout);
    process.exit(1);
  },
);
