import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { beschikkingsTermijn } from '../common/termijnen';
import { TASK_QUEUE } from '../common/taskQueues';
import { beschikkingTermijn } from '../workflows/beschikkingTermijn';
import { beschikkingAfgegevenSignal, termijnStatusQuery } from '../workflows/messages';
import { opnemendeAdapters } from './helpers/fakes';
import { vandaag } from './helpers/invoer';
import { tijdreisPerBestand } from './helpers/perTest';
import { metWorker as metWorkerIn } from './helpers/werkers';
import { termijnWorkflowId } from '../common/workflowIds';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

describe('beschikkingTermijn on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  const adapters = opnemendeAdapters();

  tijdreisPerBestand((e) => (env = e));

  const metWorker = <T>(fn: () => Promise<T>) => metWorkerIn(env, adapters, fn);
  const startTermijn = (trajectId: string, buurtteam: string, aanmeldDatum: string, waarschuwingWeken: number[]) =>
    env.client.workflow.start(beschikkingTermijn, {
      taskQueue: TASK_QUEUE,
      workflowId: termijnWorkflowId(trajectId),
      args: [{ trajectId, buurtteam, aanmeldDatum, waarschuwingWeken }],
    });

  it('skips 8 weeks in seconds: warns at weeks 6 and 7, alerts at breach, ends on the beschikking', async () => {
    const aanmeldDatum = await vandaag(env);
    const termijn = beschikkingsTermijn(aanmeldDatum);
    const trajectId = 'traject-termijn-verlopen';
    const serverStart = await env.currentTimeMs();

    await metWorker(async () => {
      const handle = await startTermijn(trajectId, 'centrum-oost', aanmeldDatum, [6, 7]);
      await env.sleep(9 * WEEK_MS);
      // Nine weeks passed on the server's clock, within this test's (wall-clock) timeout.
      expect((await env.currentTimeMs()) - serverStart).toBeGreaterThanOrEqual(9 * WEEK_MS);
      expect(adapters.notificaties.voor(trajectId)).toEqual([
        'beschikkingstermijn-waarschuwing',
        'beschikkingstermijn-waarschuwing',
        'beschikkingstermijn-overschreden',
      ]);
      expect((await handle.query(termijnStatusQuery)).einddatum).toBe(termijn.einddatum);

      const laat = await vandaag(env);
      await handle.signal(beschikkingAfgegevenSignal, { datum: laat, besluit: 'toegekend' });
      expect(await handle.result()).toEqual({
        uitkomst: 'afgegeven',
        beschikking: { datum: laat, besluit: 'toegekend' },
        overschreden: true,
      });
    });
    const overschreden = adapters.notificaties.ontvangen.find((n) => n.zaakId === trajectId && n.onderwerp.endsWith('overschreden'));
    expect(overschreden?.termijn).toBe(termijn.verloopt);
    expect(overschreden?.soort).toBe('teamleider-alert');
  });

  it('sends no alert when the beschikking comes before the first warning', async () => {
    const aanmeldDatum = await vandaag(env);
    const trajectId = 'traject-op-tijd';
    await metWorker(async () => {
      const handle = await startTermijn(trajectId, 'noord', aanmeldDatum, [6, 7]);
      await env.sleep(3 * WEEK_MS);
      const datum = await vandaag(env);
      await handle.signal(beschikkingAfgegevenSignal, { datum, besluit: 'afgewezen' });
      expect(await handle.result()).toEqual({ uitkomst: 'afgegeven', beschikking: { datum, besluit: 'afgewezen' }, overschreden: false });
    });
    expect(adapters.notificaties.voor(trajectId)).toEqual([]);
  });

  it('honours configured warning points and sends only the latest overdue one for a late registration', async () => {
    const nu = new Date(await env.currentTimeMs());
    const aanmeldDatum = amsterdamDatum(new Date(nu.getTime() - 5 * WEEK_MS - 24 * 3600 * 1000));
    const trajectId = 'traject-laat-geregistreerd';
    await metWorker(async () => {
      const handle = await startTermijn(trajectId, 'west', aanmeldDatum, [2, 4, 7]);
      await env.sleep(WEEK_MS);
      expect((await handle.query(termijnStatusQuery)).verzondenAlerts).toEqual([`${trajectId}-beschikkingstermijn:waarschuwing-4w`]);
      await env.sleep(WEEK_MS);
      expect((await handle.query(termijnStatusQuery)).verzondenAlerts).toEqual([
        `${trajectId}-beschikkingstermijn:waarschuwing-4w`,
        `${trajectId}-beschikkingstermijn:waarschuwing-7w`,
      ]);
      await handle.signal(beschikkingAfgegevenSignal, { datum: await vandaag(env), besluit: 'toegekend' });
      expect(await handle.result()).toMatchObject({ uitkomst: 'afgegeven', overschreden: false });
    });
  });
});
