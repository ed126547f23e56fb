import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject, termijnWorkflowId } from '../workflows/schuldhulpTraject';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

/** Ordering and races: the term child and the beschikking. */
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
    // No worker yet: the update lands in the traject's first workflow task, before the child exists.
    const update = h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: dag, besluit: 'toegekend' }] });
    await metWorker(env, opnemendeAdapters(), async () => {
      const s = await update;
      expect(s.beschikking).toEqual({ datum: dag, besluit: 'toegekend' });
      const termijn = env.client.workflow.getHandle(termijnWorkflowId('traject-vroege-beschikking'));
      expect(await termijn.result()).toMatchObject({ uitkomst: 'afgegeven', beschikking: { datum: dag, besluit: 'toegekend' } });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test' }] });
      expect((await h.result()).beschikking).toEqual({ datum: dag, besluit: 'toegekend' });
    });
  });
});
