import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamMiddernacht, eersteWerkdagVanaf, plusDagen } from '../common/kalender';
import { beschikkingsTermijn, bezwaartermijn, eersteGesprekTermijn } from '../common/termijnen';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import type { TrajectInput } from '../workflows/types';
import { uiteindelijk, verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, planVanVandaag, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { termijnWorkflowId } from '../common/workflowIds';

const DAG_MS = 24 * 3600 * 1000;

/** Legal terms (Wgs art. 4, Awb 4:13-4:15, 6:7) of a traject on the time-skipping test server. */
describe('wettelijke termijnen of a traject', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  const start = async (trajectId: string, extra: Partial<TrajectInput> = {}) =>
    env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: trajectId,
      args: [aanmelding(trajectId, await vandaag(env), extra)],
    });
  /** Sleeps until `dagen` days after the Amsterdam start of `datum`, plus `uren`. */
  const slaapTot = async (datum: string, dagen: number, uren = 0) =>
    env.sleep(amsterdamMiddernacht(plusDagen(datum, dagen)).getTime() + uren * 3600_000 - (await env.currentTimeMs()));
  const termijnStatus = (trajectId: string) =>
    env.client.workflow.getHandle(termijnWorkflowId(trajectId)).query(berichten.termijnStatusQuery);

  it('warns at Amsterdam’s 2-week norm and alerts at the legal 4 weeks for the first conversation (Wgs art. 4)', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('traject-wgs', { toestemming: { vastleggen: true, delen: false } });
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + 40 * DAG_MS).toISOString() }],
      });
      await slaapTot(dag, 15, 1);
      expect(adapters.notificaties.alertsVoor('traject-wgs')).toEqual(['intake-norm-overschreden']);
      const wettelijk = eersteGesprekTermijn(dag);
      expect(adapters.notificaties.ontvangen.find((n) => n.onderwerp === 'intake-norm-overschreden')?.bericht).toContain(
        wettelijk.einddatum,
      );
      await env.sleep(Date.parse(wettelijk.verloopt) - (await env.currentTimeMs()) - 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-wgs')).toEqual(['intake-norm-overschreden']);
      await env.sleep(2 * 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-wgs')).toEqual(['intake-norm-overschreden', 'intake-termijn-overschreden']);
      expect(adapters.notificaties.ontvangen.find((n) => n.onderwerp === 'intake-termijn-overschreden')?.bericht).toMatch(
        /4 weken .*Wgs art\. 4/,
      );
    });
  });

  it('starts the beschikking term at the first conversation when configured so', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('traject-start-gesprek', { termijnStart: 'eerste-gesprek', waarschuwingWeken: [6] });
      let s = await h.query(berichten.trajectStatusQuery);
      expect(s.termijn).toBeUndefined();
      expect((await h.describe()).typedSearchAttributes.getAll().map((p) => p.key.name)).not.toContain('TermijnDatum');
      // The 6-week warning of an aanmelding-based term would come at day 42; this one has not started.
      await slaapTot(dag, 21, 10);
      const gesprek = await vandaag(env);
      s = await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date((await env.currentTimeMs()) - 3600_000).toISOString() }],
      });
      expect(s.termijn?.einddatum).toBe(beschikkingsTermijn(gesprek).einddatum);
      expect(s.termijnVerloop).toEqual({ start: 'eerste-gesprek', startDatum: gesprek, wijzigingen: [] });
      const einddatum = s.termijn?.einddatum;
      await uiteindelijk(async () => expect((await termijnStatus('traject-start-gesprek')).einddatum).toBe(einddatum));
      await slaapTot(dag, 43);
      expect(adapters.notificaties.voor('traject-start-gesprek')).not.toContain('beschikkingstermijn-waarschuwing');
      await slaapTot(gesprek, 43);
      expect(adapters.notificaties.voor('traject-start-gesprek')).toContain('beschikkingstermijn-waarschuwing');
    });
  });

  it('pauses the term while the client supplies documents and moves the end by the days paused (Awb 4:15)', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('traject-opschorting', { waarschuwingWeken: [6] });
      await slaapTot(dag, 10, 10);
      const gevraagd = await vandaag(env);
      let s = await h.executeUpdate(berichten.opschortingUpdate, { args: [{ actie: 'opschorten', datum: gevraagd }] });
      expect(s.termijn).toMatchObject({ einddatum: beschikkingsTermijn(dag).einddatum, opgeschortSinds: gevraagd });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.opschortingUpdate, { args: [{ actie: 'opschorten', datum: plusDagen(gevraagd, -1) }] }),
        'OngeldigeOvergang',
        /al opgeschort/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.verdagingUpdate, { args: [{ nieuweEinddatum: plusDagen(dag, 90), reden: 'advies' }] }),
        'OngeldigeOvergang',
        /opgeschort/,
      );
      await slaapTot(dag, 30, 10);
      const aangevuld = await vandaag(env);
      s = await h.executeUpdate(berichten.opschortingUpdate, { args: [{ actie: 'hervatten', datum: aangevuld }] });
      const verwacht = beschikkingsTermijn(plusDagen(dag, 20));
      expect(s.termijn).toEqual({ ...verwacht, kaleEinddatum: plusDagen(dag, 76) });
      expect(s.termijnVerloop?.wijzigingen).toEqual([{ soort: 'opschorting', vanaf: gevraagd, tot: aangevuld }]);
      await uiteindelijk(async () => expect((await termijnStatus('traject-opschorting')).einddatum).toBe(verwacht.einddatum));
      expect((await h.describe()).typedSearchAttributes.getAll().find((p) => p.key.name === 'TermijnDatum')?.value).toEqual(
        new Date(verwacht.verloopt),
      );
      // Week 6 of the unchanged term passes without a warning; it comes 20 days later.
      await slaapTot(dag, 43);
      expect(adapters.notificaties.voor('traject-opschorting')).not.toContain('beschikkingstermijn-waarschuwing');
      await slaapTot(dag, 63);
      expect(adapters.notificaties.voor('traject-opschorting')).toContain('beschikkingstermijn-waarschuwing');
    });
  });

  it('extends the term once with a reason, tells the team to inform the client, and alerts only at the new date (Awb 4:14)', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const oud = beschikkingsTermijn(dag);
      const h = await start('traject-verdaging', { waarschuwingWeken: [7] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.verdagingUpdate, { args: [{ nieuweEinddatum: oud.einddatum, reden: 'advies' }] }),
        'OngeldigeInvoer',
        /na de huidige einddatum/,
      );
      const nieuw = plusDagen(oud.einddatum, 28);
      const s = await h.executeUpdate(berichten.verdagingUpdate, {
        args: [{ nieuweEinddatum: nieuw, reden: 'advies bewindvoerder nodig' }],
      });
      // The date as chosen, moved to the next werkdag when it falls on a weekend or holiday; not the
      // 8-week term from 4 weeks later: a holiday that moved the original end moved the chosen date too.
      expect(s.termijn).toMatchObject({ kaleEinddatum: nieuw, einddatum: eersteWerkdagVanaf(nieuw) });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.verdagingUpdate, { args: [{ nieuweEinddatum: plusDagen(nieuw, 7), reden: 'nog meer tijd' }] }),
        'OngeldigeOvergang',
        /al eens verdaagd/,
      );
      await env.sleep(DAG_MS);
      const taak = adapters.notificaties.ontvangen.find((n) => n.onderwerp === 'verdaging-meedelen');
      expect(taak).toMatchObject({ soort: 'taak', zaakId: 'traject-verdaging', buurtteam: 'zuidoost' });
      expect(taak?.bericht).not.toContain('bewindvoerder');
      await env.sleep(Date.parse(oud.verloopt) + DAG_MS - (await env.currentTimeMs()));
      expect(adapters.notificaties.voor('traject-verdaging')).not.toContain('beschikkingstermijn-overschreden');
      await env.sleep(Date.parse(s.termijn!.verloopt) + 3600_000 - (await env.currentTimeMs()));
      expect(adapters.notificaties.voor('traject-verdaging')).toContain('beschikkingstermijn-overschreden');
      // Too late now: a verdaging must reach the client within the term.
      const laat = await start('traject-verdaging-te-laat');
      // Past its own term, which a weekend or holiday at its end lengthens (Algemene termijnenwet).
      const { termijn } = await laat.query(berichten.trajectStatusQuery);
      await env.sleep(Date.parse(termijn!.verloopt) + 3600_000 - (await env.currentTimeMs()));
      await verwachtAfwijzing(
        laat.executeUpdate(berichten.verdagingUpdate, { args: [{ nieuweEinddatum: plusDagen(dag, 120), reden: 'advies' }] }),
        'OngeldigeOvergang',
        /verstreken/,
      );
    });
  });

  it('shows the 6-week bezwaar term after the beschikking, and takes no opschorting any more (Awb 6:7)', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await start('traject-bezwaar');
      const datum = await vandaag(env);
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date(await env.currentTimeMs()).toISOString() }],
      });
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      const s = await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum, besluit: 'afgewezen' }] });
      expect(s.bezwaartermijn).toEqual(bezwaartermijn(datum));
      await verwachtAfwijzing(
        h.executeUpdate(berichten.opschortingUpdate, { args: [{ actie: 'opschorten', datum: await vandaag(env) }] }),
        'OngeldigeOvergang',
        /al afgegeven/,
      );
    });
  });

  it('keeps trajecten started before these rules on their fixed term', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      // A run continued as new from a traject of before the rules: its state has no termijnVerloop.
      const oud = aanmelding('traject-oude-regels', dag);
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: 'traject-oude-regels',
        args: [
          {
            ...oud,
            voortzetting: {
              fase: 'intake',
              faseHistorie: [{ fase: 'intake', vanaf: new Date(await env.currentTimeMs()).toISOString() }],
              intake: {},
              toestemming: { ...oud.toestemming, datum: dag },
              toestemmingHistorie: [],
              crisisinterventie: false,
              flankmodules: [],
              termijn: beschikkingsTermijn(dag),
              verzondenAlerts: [],
              registratieVolgnummer: 0,
              teDelen: [],
            },
          },
        ],
      });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.opschortingUpdate, { args: [{ actie: 'opschorten', datum: dag }] }),
        'OngeldigeOvergang',
        /termijnregels van vóór/,
      );
    });
  });
});
