/**
 * Benchmark: latency of one werkvoorraad page (limiet 50) and of the teamleider's overzicht for a
 * team with 10,000 open cases, on the real Temporal dev server. Not part of `npm test`; part of
 * `npm run bench` (bench/index.ts).
 *
 * The cases are started through the client on a task queue no worker polls, with the search
 * attributes a running case has: fast to create, and exactly what the read model sees. A quarter
 * are trajecten, terms run from a week ago to two months ahead (so the overzicht has breached,
 * endangered and late cases to list) and one case in 500 has a refused delivery. It runs the API
 * in-process on the dev server it is given. Returns the p95s in milliseconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Overzicht } from '../api/werkvoorraad/overzicht';
import { BIJGEWERKT, BUURTTEAM, FASE, OPEN_TAAK, STORING, TERMIJN_DATUM } from '../common/searchAttributes';
import { startApi } from '../test/helpers/api';
import { metParallel } from '../common/metParallel';
import { percentiel } from './parallel';

const ZAKEN = Number(process.env.BENCH_ZAKEN ?? 10_000);
const VERZOEKEN = Number(process.env.BENCH_VERZOEKEN ?? 500);
const TEAM = 'bench-team';
const DAG = 86_400_000;

/** Runs `verzoek` `aantal` times one after another; its durations in ms. */
async function meet(aantal: number, verzoek: (i: number) => Promise<void>): Promise<number[]> {
  const duren: number[] = [];
  for (let i = 0; i < aantal; i++) {
    const t0 = performance.now();
    await verzoek(i);
    duren.push(performance.now() - t0);
  }
  return duren;
}

const samenvatting = (duren: number[]) =>
  `p50 ${percentiel(duren, 50).toFixed(1)} ms, p95 ${percentiel(duren, 95).toFixed(1)} ms, max ${Math.max(...duren).toFixed(1)} ms`;

export async function werkvoorraadBench(env: TestWorkflowEnvironment): Promise<{ paginaP95: number; overzichtP95: number }> {
  let begin = Date.now();
  const nu = Date.now();
  await metParallel(ZAKEN, 32, async (i) => {
    const traject = i % 4 === 0;
    await env.client.workflow.start(traject ? 'schuldhulpTraject' : 'vroegEropaf', {
      taskQueue: 'bench-zonder-worker',
      workflowId: `${traject ? 'traject' : 'melding'}-bench-${i}`,
      args: [{}],
      typedSearchAttributes: [
        { key: BUURTTEAM, value: TEAM },
        { key: FASE, value: traject ? 'stabilisatie' : 'vroeg-eropaf-bereiken' },
        { key: OPEN_TAAK, value: i % 3 === 0 ? ['huisbezoek', 'budgetgesprek'] : ['huisbezoek'] },
        // Every tenth case has no term; the rest spread from a week ago to two months ahead.
        ...(i % 10 === 0 ? [] : [{ key: TERMIJN_DATUM, value: new Date(nu - 7 * DAG + ((i * 7919) % (67 * 86_400)) * 1000) }]),
        ...(i % 500 === 0 ? [{ key: STORING, value: ['registratie'] }] : []),
        { key: BIJGEWERKT, value: new Date() },
      ],
    });
  });
  console.log(`bench: ${ZAKEN} open zaken gestart in ${((Date.now() - begin) / 1000).toFixed(1)} s`);

  begin = Date.now();
  // The read model as the service runs it (api/main.ts): the defaults, a poll a second.
  const api = await startApi(env.client, { intervalMs: 1000, storingIntervalMs: 15_000 });
  try {
    await api.werkvoorraad.gereed(600_000);
    const authorization = await api.issuer.bearer('teamleider', [TEAM]);
    // Visibility is eventually consistent: wait until the read model holds every case.
    while (api.werkvoorraad.index.aantal < ZAKEN) await new Promise((r) => setTimeout(r, 500));
    console.log(`bench: werkvoorraad opgebouwd uit visibility in ${((Date.now() - begin) / 1000).toFixed(1)} s`);

    // Walk the pages as a user would (following `volgende`), starting over at the end.
    let cursor: string | undefined;
    let gezien = 0;
    const paginas = await meet(VERZOEKEN, async () => {
      const antwoord = await fetch(`${api.basis}/v1/teams/${TEAM}/taken?limiet=50${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization },
      });
      const body = (await antwoord.json()) as { taken: unknown[]; volgende?: string; totaal: number };
      if (antwoord.status !== 200 || body.totaal !== ZAKEN)
        throw new Error(`onverwacht antwoord ${antwoord.status}: totaal ${body.totaal}`);
      gezien += body.taken.length;
      cursor = body.volgende;
    });
    console.log(`bench: ${VERZOEKEN} pagina's van 50 (${gezien} zaken) bij ${ZAKEN} open zaken: ${samenvatting(paginas)}`);

    let omvang = '';
    const overzichten = await meet(Math.ceil(VERZOEKEN / 5), async () => {
      const antwoord = await fetch(`${api.basis}/v1/teams/${TEAM}/overzicht`, { headers: { authorization } });
      const body = (await antwoord.json()) as Overzicht;
      const totaal = Object.values(body.perFase ?? {}).reduce((a, b) => a + b, 0);
      if (antwoord.status !== 200 || totaal !== ZAKEN) throw new Error(`onverwacht overzicht ${antwoord.status}: ${totaal} zaken per fase`);
      omvang =
        `${body.termijnenOverschreden.length} overschreden, ${body.termijnenInGevaar.length} in gevaar, ` +
        `${body.teLateBezoeken.length} te late bezoeken, ${body.geweigerdeLeveringen.length} geweigerd`;
    });
    console.log(`bench: ${overzichten.length} overzichten (${omvang}) bij ${ZAKEN} open zaken: ${samenvatting(overzichten)}`);
    return { paginaP95: percentiel(paginas, 95), overzichtP95: percentiel(overzichten, 95) };
  } finally {
    await api.stop();
  }
}
