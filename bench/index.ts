/**
 * `npm run bench` (not part of `npm test`): the performance goals of the service, each on a fresh
 * Temporal dev server on loopback (or BENCH_TEMPORAL_ADDRESS), sized by BENCH_* variables. Stops by
 * itself; the last line is the summary CI or a person compares with the table in docs/benchmarks.md.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { omgevingOp } from '../test/helpers/temporal';
import { burstEnGeheugen } from './burstEnGeheugen';
import { cpuPerRegistratie } from './cpuPerRegistratie';
import { rapportageBench } from './rapportage';
import { startsnelheid } from './startsnelheid';
import { werkvoorraadBench } from './werkvoorraad';

/**
 * BENCH_TEMPORAL_ADDRESS: measure on a server that runs already, e.g. the PostgreSQL cluster of
 * scripts/cluster.sh started with a fresh CLUSTER_DATA (the parts' case ids must not exist yet).
 */
async function opEigenServer<T>(meting: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await omgevingOp(process.env.BENCH_TEMPORAL_ADDRESS);
  try {
    return await meting(env);
  } finally {
    await env.teardown();
  }
}

async function main(): Promise<void> {
  // BENCH_ALLEEN=cpu, =start, =burst, =werkvoorraad or =rapportage measures only that part (the full run takes long on a busy machine).
  const alleen = process.env.BENCH_ALLEEN;
  const deel = (naam: string) => alleen === undefined || alleen === naam;
  const figuren: Record<string, string> = {};
  // The CPU part reads the dev server's own process in /proc: not on a server that runs already.
  if (deel('cpu') && (alleen === 'cpu' || !process.env.BENCH_TEMPORAL_ADDRESS)) {
    const { api, huishoudslot, intakeVerhouding } = await opEigenServer(cpuPerRegistratie);
    figuren.cpu_ms = Object.entries(api)
      .map(([k, v]) => `${k}:${v.toFixed(1)}`)
      .join(',');
    figuren.huishoudslot_ms = huishoudslot.toFixed(1);
    figuren['intake_cpu/alleen'] = intakeVerhouding.toFixed(2);
  }
  if (deel('start')) figuren['api/raw'] = (await opEigenServer(startsnelheid)).toFixed(2);
  if (deel('burst')) {
    const { burstS, workerRssMb } = await opEigenServer(burstEnGeheugen);
    Object.assign(figuren, { burst5000: `${burstS.toFixed(0)}s`, worker_rss: `${workerRssMb.toFixed(0)}MB` });
  }
  if (deel('werkvoorraad')) {
    const { paginaP95, overzichtP95 } = await opEigenServer(werkvoorraadBench);
    Object.assign(figuren, { werkvoorraad_p95: `${paginaP95.toFixed(0)}ms`, overzicht_p95: `${overzichtP95.toFixed(0)}ms` });
  }
  if (deel('rapportage')) {
    const { koudMs, p95Ms, ddasS } = await opEigenServer(rapportageBench);
    Object.assign(figuren, {
      rapportage_eerste: `${koudMs.toFixed(0)}ms`,
      rapportage_p95: `${p95Ms.toFixed(0)}ms`,
      ddas: `${ddasS.toFixed(1)}s`,
    });
  }
  const volgorde = [
    'cpu_ms',
    'huishoudslot_ms',
    'intake_cpu/alleen',
    'api/raw',
    'burst5000',
    'werkvoorraad_p95',
    'overzicht_p95',
    'worker_rss',
    'rapportage_eerste',
    'rapportage_p95',
    'ddas',
  ];
  const regel = volgorde.filter((k) => figuren[k] !== undefined).map((k) => `${k}=${figuren[k]}`);
  if (regel.length === 0) throw new Error(`BENCH_ALLEEN=${alleen}: kies cpu, start, burst, werkvoorraad of rapportage`);
  // One line, in the order docs/benchmarks.md documents.
  console.log(`bench: ${regel.join(' ')}`);
}

main().then(
  () => process.exit(0),
  (fout: unknown) => {
    console.error('bench mislukt', fout);
    process.exit(1);
  },
);
