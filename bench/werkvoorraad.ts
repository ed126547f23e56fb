/**
 * Benchmark: latency of one werkvoorraad page (limiet 50) for a team with 10,000 open cases, on
 * the real Temporal dev server. Not part of `npm test`; part of `npm run bench` (bench/index.ts).
 *
 * The cases are started through the client on a task queue no worker polls, with the search
 * attributes a running case has: fast to create, and exactly what the read model sees. It runs
 * the API in-process on the dev server it is given. Returns the p95 in milliseconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BIJGEWERKT, BUURTTEAM, FASE, OPEN_TAAK, TERMIJN_DATUM } from '../common/searchAttributes';
import { startApi } from '../test/helpers/api';
import { metParallel } from '../common/metParallel';
import { percentiel } from './parallel';

const ZAKEN = Number(process.env.BENCH_ZAKEN ?? 10_000);
const VERZOEKEN = Number(process.env.BENCH_VERZOEKEN ?? 500);
const TEAM = 'bench-team';

export async function werkvoorraadBench(env: TestWorkflowEnvironment): Promise<number> {
  let begin = Date.now();
  const nu = Date.now();
  await metParallel(ZAKEN, 32, async (i) => {
    await env.client.workflow.start('vroegEropaf', {
      taskQueue: 'bench-zonder-worker',
      workflowId: `melding-bench-${i}`,
      args: [{}],
      typedSearchAttributes: [
        { key: BUURTTEAM, value: TEAM },
        { key: FASE, value: 'vroeg-eropaf-bereiken' },
        { key: OPEN_TAAK, value: i % 3 === 0 ? ['huisbezoek', 'budgetgesprek'] : ['huisbezoek'] },
        // Every tenth case has no term; the rest spread over two months.
        ...(i % 10 === 0 ? [] : [{ key: TERMIJN_DATUM, value: new Date(nu + ((i * 7919) % 5_000_000) * 1000) }]),
        { key: BIJGEWERKT, value: new Date() },
      ],
    });
  });
  console.log(`bench: ${ZAKEN} open zaken gestart in ${((Date.now() - begin) / 1000).toFixed(1)} s`);

  begin = Date.now();
  const api = await startApi(env.client, { intervalMs: 1000 });
  try {
    await api.werkvoorraad.gereed(600_000);
    const authorization = await api.issuer.bearer('teamleider', [TEAM]);
    // Visibility is eventually consistent: wait until the read model holds every case.
    while (api.werkvoorraad.index.aantal < ZAKEN) await new Promise((r) => setTimeout(r, 500));
    console.log(`bench: werkvoorraad opgebouwd uit visibility in ${((Date.now() - begin) / 1000).toFixed(1)} s`);

    // Walk the pages as a user would (following `volgende`), starting over at the end.
    const duren: number[] = [];
    let cursor: string | undefined;
    let gezien = 0;
    for (let i = 0; i < VERZOEKEN; i++) {
      const t0 = performance.now();
      const antwoord = await fetch(`${api.basis}/teams/${TEAM}/taken?limiet=50${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization },
      });
      const body = (await antwoord.json()) as { taken: unknown[]; volgende?: string; totaal: number };
      duren.push(performance.now() - t0);
      if (antwoord.status !== 200 || body.totaal !== ZAKEN)
        throw new Error(`onverwacht antwoord ${antwoord.status}: totaal ${body.totaal}`);
      gezien += body.taken.length;
      cursor = body.volgende;
    }
    console.log(
      `bench: ${VERZOEKEN} pagina's van 50 (${gezien} zaken) bij ${ZAKEN} open zaken: ` +
        `p50 ${percentiel(duren, 50).toFixed(1)} ms, p95 ${percentiel(duren, 95).toFixed(1)} ms, max ${Math.max(...duren).toFixed(1)} ms`,
    );
    return percentiel(duren, 95);
  } finally {
    await api.stop();
  }
}
