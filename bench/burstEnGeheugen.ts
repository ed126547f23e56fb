import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { melding } from '../test/helpers/invoer';
import { eigenAdres } from './adres';
import { Dienst } from './dienst';
import { startMeldingRaw } from './rawStart';
import { metParallel } from '../common/metParallel';
import { wachtTot } from './parallel';

const BURST = Number(process.env.BENCH_BURST ?? 5000);
const OPEN = Number(process.env.BENCH_OPEN ?? 20_000);
const GELIJKTIJDIG = 32;

/**
 * With a worker and the API as processes: a burst of meldingen through the API, timed until the
 * team's werkvoorraad lists every one (started, first workflow task done, visible, read model
 * caught up); then more cases through the client until OPEN run at once, and the worker's
 * resident memory at the end (the largest of samples taken every second).
 */
export async function burstEnGeheugen(env: TestWorkflowEnvironment): Promise<{ burstS: number; workerRssMb: number }> {
  const worker = await Dienst.start('worker', env.address);
  const api = await Dienst.start('api', env.address);
  let rssMax = 0;
  const meter = setInterval(() => {
    void worker.rssMb().then((mb) => (rssMax = Math.max(rssMax, mb)));
  }, 1000);
  try {
    const authorization = await api.bearer('medewerker', ['bench-burst']);
    const begin = performance.now();
    await metParallel(BURST, GELIJKTIJDIG, async (i) => {
      await api.registreer(authorization, melding(`BURST-${i}`, '2026-11-02', { buurtteam: 'bench-burst', ...eigenAdres(10, i) }));
    });
    const gestart = performance.now();
    await wachtTot(
      async () => {
        // A poll that fails (a reset keep-alive connection, a 503 while the read model catches up) is tried again.
        const antwoord = await fetch(`${api.basis}/v1/teams/bench-burst/taken?limiet=1`, { headers: { authorization } }).catch(
          () => undefined,
        );
        return antwoord?.ok === true && ((await antwoord.json()) as { totaal: number }).totaal === BURST;
      },
      600_000,
      `${BURST} meldingen in de werkvoorraad`,
    );
    const burstS = (performance.now() - begin) / 1000;
    console.log(`bench: burst van ${BURST}: gestart in ${((gestart - begin) / 1000).toFixed(1)} s, zichtbaar na ${burstS.toFixed(1)} s`);

    await metParallel(OPEN - BURST, GELIJKTIJDIG, async (i) => {
      await startMeldingRaw(env.client, melding(`OPEN-${i}`, '2026-11-02', { buurtteam: `bench-open-${i % 20}`, ...eigenAdres(11, i) }));
    });
    // Every case has run its first task once the OpenTaak attribute is set on all of them.
    await wachtTot(
      async () => {
        const { count } = await env.client.workflowService.countWorkflowExecutions({
          namespace: 'default',
          query: `WorkflowType = 'vroegEropaf' AND ExecutionStatus = 'Running' AND OpenTaak = 'huisbezoek'`,
        });
        return Number(count) >= OPEN;
      },
      1_200_000,
      `${OPEN} open zaken verwerkt`,
    );
    rssMax = Math.max(rssMax, await worker.rssMb());
    console.log(`bench: worker bij ${OPEN} open zaken: RSS ${(await worker.rssMb()).toFixed(0)} MB, hoogste ${rssMax.toFixed(0)} MB`);
    return { burstS, workerRssMb: rssMax };
  } finally {
    clearInterval(meter);
    await api.stop();
    await worker.stop();
  }
}
