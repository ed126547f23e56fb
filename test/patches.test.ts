import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { BUNDEL } from '../workflows/patches';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { opnemendeAdapters } from './helpers/fakes';
import { meldViaSlot } from './helpers/huishoudslot';
import { aanmelding, melding, vandaag } from './helpers/invoer';
import { patchSporen } from './helpers/patchSporen';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { huishoudslotId } from '../common/workflowIds';

const DAG_MS = 24 * 3600_000;

describe('patch markers of a run started today', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  it('records one marker for all bundled changes in a melding through its household lock', async () => {
    const dag = await vandaag(env);
    const meldingId = 'melding-patchbundel';
    await metWorker(env, opnemendeAdapters(), async () => {
      await meldViaSlot(env.client, 'patchbundel', { ...melding('ref-patchbundel', dag), meldingId });
      const h = env.client.workflow.getHandle(meldingId);
      // Past the visit term and its first escalation, so the melding reaches every bundled check it has.
      await env.sleep(12 * DAG_MS);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      await h.result();
      await env.client.workflow.getHandle(huishoudslotId('patchbundel')).result();
      expect(await patchSporen(h)).toEqual({ markers: [BUNDEL], versieUpserts: 1 });
    });
  });

  it('records one marker for all bundled changes in a traject, and one for each later change', async () => {
    const dag = await vandaag(env);
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: 'traject-patchbundel',
        args: [aanmelding('traject-patchbundel', dag)],
      });
      await env.sleep(3 * DAG_MS);
      await h.executeUpdate(berichten.crisisinterventieUpdate, { args: [{ actief: true }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'doorverwezen', uitstroom: 'client-stopt' }] });
      await h.result();
      // Changes after the bundle (workflows/patches.ts) carry their own id: the ondersteuningsplan of a new traject.
      expect(await patchSporen(h)).toEqual({ markers: [BUNDEL, 'ondersteuningsplan'], versieUpserts: 2 });
    });
  });
});
