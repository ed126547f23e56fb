/**
 * Benchmark: latency of GET /rapportage (figures of one team over a year) and of the DDAS delivery
 * when the team has thousands of meldingen, half of them closed, and hundreds of beschikkingen, on
 * the real Temporal dev server with a real worker. Not part of `npm test`; part of `npm run bench`.
 *
 * Cases are started through the client (as the API starts them) and closed through their updates,
 * so open ones answer queries from a worker and closed ones have real results. Returns the p95 of
 * the figures in milliseconds and the time of one delivery in seconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { meldingMemo } from '../common/memo';
import { metParallel } from '../common/metParallel';
import { TASK_QUEUE } from '../common/taskQueues';
import { beschikkingUpdate, intakeUpdate, meldingAfsluitingUpdate, ondersteuningsplanUpdate } from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { startApi } from '../test/helpers/api';
import { opnemendeAdapters } from '../test/helpers/fakes';
import { aanmelding, melding, planVersie } from '../test/helpers/invoer';
import { eigenAdres } from './adres';
import { draaiendeWorker } from '../test/helpers/werkers';
import { percentiel, wachtTot } from './parallel';

const MELDINGEN = Number(process.env.BENCH_RAPPORTAGE_MELDINGEN ?? 2000);
const TRAJECTEN = Number(process.env.BENCH_RAPPORTAGE_TRAJECTEN ?? 200);
const VERZOEKEN = Number(process.env.BENCH_RAPPORTAGE_VERZOEKEN ?? 10);
const TEAM = 'bench-rapportage';

export async function rapportageBench(env: TestWorkflowEnvironment): Promise<{ koudMs: number; p95Ms: number; ddasS: number }> {
  const worker = await draaiendeWorker(env, opnemendeAdapters());
  const vandaag = amsterdamDatum(new Date());
  const van = plusDagen(vandaag, -364);
  try {
    let begin = Date.now();
    await metParallel(MELDINGEN, 16, async (i) => {
      const m = melding(`BENCH-${i}`, plusDagen(vandaag, -(i % 360)), { buurtteam: TEAM, ...eigenAdres(12, i) });
      const handle = await env.client.workflow.start(vroegEropaf, {
        taskQueue: TASK_QUEUE,
        workflowId: `melding-bench-${i}`,
        args: [{ ...m, meldingId: `melding-bench-${i}` }],
        memo: meldingMemo(m),
      });
      if (i % 2 === 1) await handle.executeUpdate(meldingAfsluitingUpdate, { args: [{ reden: 'schuld-voldaan' }] });
    });
    await metParallel(TRAJECTEN, 8, async (i) => {
      const trajectId = `traject-bench-${i}`;
      const handle = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: trajectId,
        args: [aanmelding(trajectId, plusDagen(vandaag, -(i % 300)), { buurtteam: TEAM, regievoerder: 'mdw-bench' })],
      });
      // The beschikking follows the intake and the ondersteuningsplan.
      await handle.executeUpdate(intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: new Date().toISOString() }] });
      await handle.executeUpdate(ondersteuningsplanUpdate, { args: [planVersie(vandaag, plusDagen(vandaag, 30))] });
      await handle.executeUpdate(beschikkingUpdate, { args: [{ datum: vandaag, besluit: 'toegekend' }] });
    });
    // Visibility is eventually consistent: wait until it lists every case and term child, and
    // the closed meldingen and terms as closed (the trajecten stay open in intake).
    const aantal = async (query: string) => (await env.client.workflow.count(`Buurtteam = '${TEAM}'${query}`)).count;
    await wachtTot(
      async () =>
        (await aantal('')) >= MELDINGEN + 2 * TRAJECTEN &&
        (await aantal(` AND ExecutionStatus = 'Completed'`)) >= Math.floor(MELDINGEN / 2) + TRAJECTEN,
      600_000,
      'visibility',
    );
    console.log(
      `bench: ${MELDINGEN} meldingen (de helft gesloten) en ${TRAJECTEN} trajecten met beschikking in ${((Date.now() - begin) / 1000).toFixed(0)} s`,
    );

    const api = await startApi(env.client);
    try {
      const teamleider = await api.issuer.bearer('teamleider', [TEAM]);
      const beheerder = await api.issuer.bearer('beheerder', []);
      const rapportage = async () => {
        const t0 = performance.now();
        const antwoord = await fetch(`${api.basis}/v1/rapportage?buurtteam=${TEAM}&van=${van}&tot=${vandaag}`, {
          headers: { authorization: teamleider },
        });
        const body = (await antwoord.json()) as { meldingen?: { aantal: number }; beschikkingen?: { afgegeven: number } };
        if (antwoord.status !== 200 || body.meldingen?.aantal !== MELDINGEN || body.beschikkingen?.afgegeven !== TRAJECTEN)
          throw new Error(`onverwacht antwoord ${antwoord.status}: ${JSON.stringify(body).slice(0, 300)}`);
        return performance.now() - t0;
      };
      // The first report reads every closed case's result; later ones only what closed since.
      const koud = await rapportage();
      const duren: number[] = [];
      for (let i = 0; i < VERZOEKEN; i++) duren.push(await rapportage());
      console.log(
        `bench: rapportage over ${MELDINGEN} meldingen en ${TRAJECTEN} beschikkingen: eerste ${koud.toFixed(0)} ms, daarna ` +
          `p50 ${percentiel(duren, 50).toFixed(0)} ms, p95 ${percentiel(duren, 95).toFixed(0)} ms, max ${Math.max(...duren).toFixed(0)} ms`,
      );

      begin = Date.now();
      const levering = await fetch(`${api.basis}/v1/rapportage/ddas?van=${van}&tot=${vandaag}`, { headers: { authorization: beheerder } });
      const model = (await levering.json()) as { leveringen?: { vroegsignaalzaken: unknown[] }[] };
      const ddasS = (Date.now() - begin) / 1000;
      if (levering.status !== 200 || model.leveringen?.[0]?.vroegsignaalzaken.length !== MELDINGEN)
        throw new Error(`DDAS-levering: onverwacht antwoord ${levering.status}`);
      console.log(`bench: DDAS-levering van ${MELDINGEN} meldingen in ${ddasS.toFixed(1)} s`);
      return { koudMs: koud, p95Ms: percentiel(duren, 95), ddasS };
    } finally {
      await api.stop();
    }
  } finally {
    await worker.stop();
  }
}
