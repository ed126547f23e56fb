import type { WorkflowHandle } from '@temporalio/client';
import type { Notificatie } from '../activities/ports';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamMiddernacht, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { OPEN_TAAK, STORING } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { uiteindelijk, verwachtAfwijzing } from './helpers/afwijzing';
import { OpnemendeNotificaties, opnemendeAdapters } from './helpers/fakes';
import { aanmelding, melding, planVanVandaag, vandaag } from './helpers/invoer';
import { tijdreisPerBestand } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { termijnWorkflowId } from '../common/workflowIds';

/** A second channel that holds every alert until released: the first refusal's uitwijk stays in flight. */
class VasthoudendeUitwijk extends OpnemendeNotificaties {
  bezig = false;
  private loslaten!: () => void;
  private readonly vast = new Promise<void>((r) => (this.loslaten = r));

  override async verstuur(n: Notificatie): Promise<void> {
    this.bezig = true;
    await this.vast;
    await super.verstuur(n);
  }

  laatGaan(): void {
    this.loslaten();
  }
}

const UUR_MS = 3600_000;
const DAG_MS = 24 * UUR_MS;

/** Refused deliveries (HTTP 4xx / SMTP 5xx) never end a case: recorded, alerted elsewhere, delivered again. */
describe('refused deliveries on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerBestand((e) => (env = e));

  const nu = async (delta = 0) => new Date((await env.currentTimeMs()) + delta).toISOString();
  const storingAttribuut = async (h: WorkflowHandle) => (await h.describe()).typedSearchAttributes.get(STORING);

  const startMelding = async (meldingId: string) =>
    env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding(`ref-${meldingId}`, plusDagen(await vandaag(env), -2)), meldingId }],
    });

  const startTraject = async (trajectId: string) =>
    env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: trajectId,
      args: [aanmelding(trajectId, await vandaag(env))],
    });

  it('a traject whose alerts are refused for a week records it, alerts elsewhere, redelivers by itself and closes', async () => {
    const adapters = opnemendeAdapters();
    adapters.notificaties.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await startTraject('traject-geweigerde-alerts');
      // Past the 5-werkdagen planning term: the alert is refused, the traject keeps running.
      await env.sleep(eindeVanDag(werkdagenNa(dag, 5)).getTime() - (await env.currentTimeMs()) + UUR_MS);
      let s = await h.query(berichten.trajectStatusQuery);
      expect(s.storingen).toEqual([
        expect.objectContaining({
          sleutel: 'traject-geweigerde-alerts:intake-niet-gepland',
          soort: 'notificatie',
          onderwerp: 'intake-niet-gepland',
          reden: expect.stringMatching(/401/),
          pogingen: 1,
          uitwijk: 'verstuurd',
        }),
      ]);
      expect(await storingAttribuut(h)).toEqual(['notificatie']);
      expect(adapters.uitwijk.voor('traject-geweigerde-alerts')).toEqual(['intake-niet-gepland']);
      expect(adapters.uitwijk.ontvangen[0]!.bericht).toMatch(/uitwijkkanaal.*401/);

      // At least a week of refusals, until past Amsterdam's 2-week intake norm (which a start on a
      // Sunday would otherwise miss by hours): offered again after 1, 2, 4, … hours, at most a day apart.
      const normVoorbij = eindeVanDag(plusDagen(dag, 14)).getTime() + UUR_MS;
      await env.sleep(Math.max(7 * DAG_MS, normVoorbij - (await env.currentTimeMs())));
      s = await h.query(berichten.trajectStatusQuery);
      expect(s.storingen[0]!.pogingen).toBeGreaterThanOrEqual(8);
      expect(Date.parse(s.storingen[0]!.volgendePoging) - (await env.currentTimeMs())).toBeLessThanOrEqual(DAG_MS);
      expect(adapters.notificaties.ontvangen).toEqual([]);

      // The token is renewed: within a day the alert arrives once and the operator signal clears.
      adapters.notificaties.storing = undefined;
      await env.sleep(DAG_MS);
      // Both intake alerts fell in the refused week; each arrives exactly once.
      expect(adapters.notificaties.alertsVoor('traject-geweigerde-alerts').sort()).toEqual([
        'intake-niet-gepland',
        'intake-norm-overschreden',
      ]);
      s = await h.query(berichten.trajectStatusQuery);
      expect(s.storingen).toEqual([]);
      expect(s.verzondenAlerts).toContain('traject-geweigerde-alerts:intake-niet-gepland');
      expect(await storingAttribuut(h)).toBeUndefined();

      await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nu(-UUR_MS) }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      expect((await h.result()).fase).toBe('afgesloten');
      expect(await env.client.workflow.getHandle(termijnWorkflowId('traject-geweigerde-alerts')).result()).toMatchObject({
        uitkomst: 'afgegeven',
      });
    });
  });

  it('term alerts refused for over a week show on the traject; the operator redelivers them; beschikking and close follow', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await startTraject('traject-termijn-geweigerd');
      await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nu(-UUR_MS) }] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.trajectHerleveringUpdate, { args: [{}] }),
        'OngeldigeOvergang',
        /geen geweigerde levering/,
      );
      // To noon of the day before week 6, in Amsterdam time: a fixed 41 days from a start late in the
      // evening would pass the week-6 warning when a switch to summer time lies in between.
      await env.sleep(amsterdamMiddernacht(plusDagen(dag, 41)).getTime() + 12 * UUR_MS - (await env.currentTimeMs()));
      // From week 6 to past week 7 the webhook refuses (e.g. an expired ADAPTER_TOKEN).
      adapters.notificaties.storing = 'weigert';
      await env.sleep(9 * DAG_MS);
      await uiteindelijk(async () => {
        const s = await h.query(berichten.trajectStatusQuery);
        expect(s.termijnStoringen.map((t) => t.onderwerp)).toEqual([
          'beschikkingstermijn-waarschuwing',
          'beschikkingstermijn-waarschuwing',
        ]);
      });
      expect(await storingAttribuut(h)).toEqual(['notificatie']);
      const termijn = env.client.workflow.getHandle(termijnWorkflowId('traject-termijn-geweigerd'));
      expect((await termijn.query(berichten.termijnStatusQuery)).storingen).toHaveLength(2);

      // Fixed: the operator does not wait for the backoff.
      adapters.notificaties.storing = undefined;
      await h.executeUpdate(berichten.trajectHerleveringUpdate, { args: [{}] });
      await uiteindelijk(async () =>
        expect(adapters.notificaties.alertsVoor('traject-termijn-geweigerd')).toEqual([
          'beschikkingstermijn-waarschuwing',
          'beschikkingstermijn-waarschuwing',
        ]),
      );
      await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).termijnStoringen).toEqual([]));
      await uiteindelijk(async () => expect(await storingAttribuut(h)).toBeUndefined());

      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      expect((await h.result()).fase).toBe('afgesloten');
      expect(await termijn.result()).toMatchObject({ uitkomst: 'afgegeven', overschreden: false });
    });
  });

  it('a melding whose task is refused stays in the werkvoorraad and is redelivered on the operator request', async () => {
    const adapters = opnemendeAdapters();
    adapters.notificaties.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const meldingId = 'melding-taak-geweigerd';
      const h = await startMelding(meldingId);
      await uiteindelijk(async () =>
        expect((await h.query(berichten.meldingStatusQuery)).storingen.map((s) => s.onderwerp)).toEqual(['huisbezoek-plannen']),
      );
      const beschrijving = await h.describe();
      expect(beschrijving.status.name).toBe('RUNNING');
      expect(beschrijving.typedSearchAttributes.get(OPEN_TAAK)).toEqual(['huisbezoek']);
      expect(beschrijving.typedSearchAttributes.get(STORING)).toEqual(['notificatie']);

      // Still refused: the operator's try is recorded as one more attempt.
      await h.executeUpdate(berichten.meldingHerleveringUpdate, { args: [{}] });
      await uiteindelijk(async () => expect((await h.query(berichten.meldingStatusQuery)).storingen[0]!.pogingen).toBe(2));

      adapters.notificaties.storing = undefined;
      await h.executeUpdate(berichten.meldingHerleveringUpdate, { args: [{}] });
      await uiteindelijk(async () => expect(adapters.notificaties.voor(meldingId)).toEqual(['huisbezoek-plannen']));
      await uiteindelijk(async () => expect(await storingAttribuut(h)).toBeUndefined());
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({ fase: 'afgesloten' });
    });
  });

  it('redelivers at once on an operator request made while the first refusal still goes through the second channel', async () => {
    const uitwijk = new VasthoudendeUitwijk();
    const adapters = { ...opnemendeAdapters(), uitwijk };
    adapters.notificaties.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const meldingId = 'melding-vroege-herlevering';
      const h = await startMelding(meldingId);
      // The refusal is on record (the operator sees it) while its uitwijk is still in flight.
      await uiteindelijk(async () => expect(uitwijk.bezig).toBe(true));
      expect((await h.query(berichten.meldingStatusQuery)).storingen.map((s) => s.onderwerp)).toEqual(['huisbezoek-plannen']);
      adapters.notificaties.storing = undefined;
      await h.executeUpdate(berichten.meldingHerleveringUpdate, { args: [{}] });
      uitwijk.laatGaan();
      // Delivered now, not at the next try an hour later (the test server's clock stands still here).
      await uiteindelijk(async () => expect(adapters.notificaties.voor(meldingId)).toEqual(['huisbezoek-plannen']));
      await uiteindelijk(async () => expect((await h.query(berichten.meldingStatusQuery)).storingen).toEqual([]));
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({ fase: 'afgesloten' });
    });
  });

  it("registers again at once on an operator request made while the refused registration's alert still goes through the second channel", async () => {
    const uitwijk = new VasthoudendeUitwijk();
    const adapters = { ...opnemendeAdapters(), uitwijk };
    adapters.registratie.storing = 'weigert';
    adapters.notificaties.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const trajectId = 'traject-vroege-herregistratie';
      const h = await startTraject(trajectId);
      // The registration is refused and so is its alert, which now waits for the second channel.
      await uiteindelijk(async () =>
        expect((await h.query(berichten.trajectStatusQuery)).storingen.map((s) => s.sleutel)).toContain(
          `${trajectId}:registratie:1:geweigerd`,
        ),
      );
      adapters.registratie.storing = undefined;
      adapters.notificaties.storing = undefined;
      await h.executeUpdate(berichten.trajectHerleveringUpdate, { args: [{}] });
      uitwijk.laatGaan();
      // Registered now, not at the next try an hour later (the test server's clock stands still here).
      await uiteindelijk(async () => expect(adapters.registratie.voor(trajectId).map((r) => r.gebeurtenis)).toEqual(['aanmelding']));
      await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).storingen).toEqual([]));
    });
  });

  it('keeps retrying a notification service that is down, without recording a refusal', async () => {
    const adapters = opnemendeAdapters();
    adapters.notificaties.storing = 'plat';
    await metWorker(env, adapters, async () => {
      const meldingId = 'melding-dienst-plat';
      const h = await startMelding(meldingId);
      await env.sleep(30 * 60_000);
      expect(adapters.notificaties.pogingen).toBeGreaterThan(2);
      expect((await h.query(berichten.meldingStatusQuery)).storingen).toEqual([]);
      adapters.notificaties.storing = undefined;
      await env.sleep(15 * 60_000);
      expect(adapters.notificaties.voor(meldingId)).toEqual(['huisbezoek-plannen']);
      expect(adapters.uitwijk.ontvangen).toEqual([]);
    });
  });
});
