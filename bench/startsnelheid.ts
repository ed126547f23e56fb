import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { melding } from '../test/helpers/invoer';
import { eigenAdres } from './adres';
import { Dienst } from './dienst';
import { startMeldingRaw } from './rawStart';
import { metParallel } from '../common/metParallel';

const STARTS = Number(process.env.BENCH_STARTS ?? 2000);
const GELIJKTIJDIG = 32;

/**
 * Start rate through the API (its own process, HTTP, validation) against the raw client doing the
 * same registration on the same dev server, in alternating rounds so that drift of the machine hits
 * both alike. A melding is registered through its household's lock, which a worker answers, so
 * the worker runs for both paths alike.
 */
export async function startsnelheid(env: TestWorkflowEnvironment): Promise<number> {
  const worker = await Dienst.start('worker', env.address);
  const api = await Dienst.start('api', env.address);
  const duur = { api: 0, raw: 0 };
  try {
    const authorization = await api.bearer('medewerker', ['bench-start']);
    for (const ronde of [1, 2]) {
      for (const pad of ['raw', 'api'] as const) {
        const begin = performance.now();
        await metParallel(STARTS / 2, GELIJKTIJDIG, async (i) => {
          const m = melding(`BENCH-${pad}-${ronde}-${i}`, '2026-11-02', {
            buurtteam: 'bench-start',
            ...eigenAdres(ronde * 2 + (pad === 'api' ? 1 : 0), i),
          });
          await (pad === 'api' ? api.registreer(authorization, m) : startMeldingRaw(env.client, m));
        });
        duur[pad] += performance.now() - begin;
      }
    }
  } finally {
    await api.stop();
    await worker.stop();
  }
  const perSeconde = (ms: number) => STARTS / (ms / 1000);
  console.log(`bench: starts/s raw ${perSeconde(duur.raw).toFixed(0)}, api ${perSeconde(duur.api).toFixed(0)} (${STARTS} elk)`);
  return perSeconde(duur.api) / perSeconde(duur.raw);
}
