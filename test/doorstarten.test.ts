import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notificatie } from '../activities/ports';
import { amsterdamDatum, plusDagen, werkdagenNa } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { uiteindelijk } from './helpers/afwijzing';
import { OpnemendeNotificaties, opnemendeAdapters } from './helpers/fakes';
import { aanmelding } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';

/** Holds the first delivery of one key until released, and counts every delivery per key. */
class VasthoudendeNotificaties extends OpnemendeNotificaties {
  readonly aanroepen = new Map<string, number>();
  vastgehouden = false;
  private loslaten?: () => void;

  constructor(private readonly vasthouden: (sleutel: string) => boolean) {
    super();
  }

  override async verstuur(n: Notificatie): Promise<void> {
    const keer = (this.aanroepen.get(n.idempotencyKey) ?? 0) + 1;
    this.aanroepen.set(n.idempotencyKey, keer);
    if (keer === 1 && this.vasthouden(n.idempotencyKey)) {
      this.vastgehouden = true;
      await new Promise<void>((r) => (this.loslaten = r));
    }
    await super.verstuur(n);
  }

  laatGaan(): void {
    this.loslaten?.();
  }
}

/** The server suggests continue-as-new after 40 events; only the real dev server does that for update-driven runs. */
describe('continue-as-new of a traject on the real dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServerOmgeving({ doorstartenNa: 40 });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('sends an alert that is in flight at continue-as-new once: the run waits for it and carries its key along', async () => {
    const id = 'traject-doorstart-alert';
    const sleutel = `${id}:intake-niet-gepland`;
    const notificaties = new VasthoudendeNotificaties((k) => k === sleutel);
    await metWorker(env, { ...opnemendeAdapters(), notificaties }, async () => {
      // Registered late: past its 5-werkdagen planning term (which holidays lengthen), within the
      // 2-week norm. The intake-planning alert goes out at once, and is held at the receiver.
      // No consent to share, so no registration keeps the run busy: only the alert is in flight.
      const vandaag = amsterdamDatum(new Date());
      let aanmeldDatum = plusDagen(vandaag, -7);
      while (werkdagenNa(aanmeldDatum, 5) >= vandaag) aanmeldDatum = plusDagen(aanmeldDatum, -1);
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: id,
        args: [aanmelding(id, aanmeldDatum, { toestemming: { vastleggen: true, delen: false } })],
      });
      await uiteindelijk(async () => expect(notificaties.vastgehouden).toBe(true));
      // Updates grow the history past the threshold while the alert is in flight.
      for (let i = 0; i < 10; i++) {
        await h.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: i % 2 === 0 }] });
      }
      try {
        // Without the wait the run would have continued as new in the task that saw the suggestion.
        expect((await h.describe()).runId).toBe(h.firstExecutionRunId);
      } finally {
        notificaties.laatGaan();
      }
      await uiteindelijk(async () => expect((await h.describe()).runId).not.toBe(h.firstExecutionRunId));
      // The next run has the key among its sent alerts and the state of the first run.
      const status = await h.query(berichten.trajectStatusQuery);
      expect(status.verzondenAlerts).toContain(sleutel);
      expect(status.flankmodules).toEqual([]);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test doorstarten', uitstroom: 'client-stopt' }] });
      expect((await h.result()).fase).toBe('afgesloten');
      expect(notificaties.aanroepen.get(sleutel)).toBe(1);
      expect(notificaties.voor(id)).toEqual(['intake-niet-gepland']);
    });
  });
});
