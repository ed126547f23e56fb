import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { plusDagen } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { huishoudslot } from '../workflows/huishoudslot';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, melding, planVersie, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { huishoudslotId, termijnWorkflowId } from '../common/workflowIds';

/** Ordering and races: the term child and the beschikking, a household's lock and its melding. */
describe('ordering on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  it('records a beschikking that arrives with the start only once the term child has it', async () => {
    const dag = await vandaag(env);
    const h = await env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: 'traject-vroege-beschikking',
      args: [aanmelding('traject-vroege-beschikking', dag)],
    });
    // No worker yet: the updates land in the traject's first workflow task, before the child exists
    // (the intake and the plan first: the beschikking follows them).
    const tijdstip = new Date((await env.currentTimeMs()) - 60_000).toISOString();
    const intake = h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip }] });
    await new Promise((r) => setTimeout(r, 300));
    const plan = h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(dag, plusDagen(dag, 30))] });
    await new Promise((r) => setTimeout(r, 300));
    const update = h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: dag, besluit: 'toegekend' }] });
    await metWorker(env, opnemendeAdapters(), async () => {
      await intake;
      await plan;
      const s = await update;
      expect(s.beschikking).toEqual({ datum: dag, besluit: 'toegekend' });
      const termijn = env.client.workflow.getHandle(termijnWorkflowId('traject-vroege-beschikking'));
      expect(await termijn.result()).toMatchObject({ uitkomst: 'afgegeven', beschikking: { datum: dag, besluit: 'toegekend' } });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      expect((await h.result()).beschikking).toEqual({ datum: dag, besluit: 'toegekend' });
    });
  });

  it("answers a household's second signal only once the melding it names has started", async () => {
    const dag = await vandaag(env);
    const slot = await env.client.workflow.start(huishoudslot, { taskQueue: TASK_QUEUE, workflowId: huishoudslotId('volgorde'), args: [] });
    const aanvraag = (meldingId: string) => ({ meldingId, invoer: { ...melding(`ref-${meldingId}`, dag), meldingId }, memo: {} });
    // No worker yet: both signals land in the lock's first workflow task, the second meets the
    // claim of the first while its melding is still starting.
    const eerste = slot.executeUpdate(berichten.signaalAanmeldenUpdate, { args: [aanvraag('melding-volgorde-1')], updateId: 'eerste' });
    await new Promise((r) => setTimeout(r, 300));
    const tweede = slot.executeUpdate(berichten.signaalAanmeldenUpdate, { args: [aanvraag('melding-volgorde-2')], updateId: 'tweede' });
    await new Promise((r) => setTimeout(r, 700));
    await metWorker(env, opnemendeAdapters(), async () => {
      expect(await Promise.all([eerste, tweede])).toEqual([
        { meldingId: 'melding-volgorde-1', nieuw: true },
        { meldingId: 'melding-volgorde-1', nieuw: false },
      ]);
      const { events } = await slot.fetchHistory();
      const soort = temporal.api.enums.v1.EventType;
      const gestart = events!.findIndex((e) => e.eventType === soort.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED);
      const beantwoord = events!.findIndex(
        (e) =>
          e.eventType === soort.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED &&
          e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === 'tweede',
      );
      expect(gestart).toBeGreaterThan(0);
      expect(beantwoord).toBeGreaterThan(gestart);
      const h = env.client.workflow.getHandle('melding-volgorde-1');
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      await slot.result();
    });
  });
});
