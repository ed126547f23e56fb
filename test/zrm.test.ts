import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamMiddernacht, plusDagen, plusMaanden } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, nazorgContactVanVandaag, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

describe('ZRM measurements of a traject on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  it('reminds the team of the start, 3-month and end measurements when due, and keeps their order', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'traject-zrm';
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: id,
        args: [aanmelding(id, dag, { toestemming: { vastleggen: true, delen: false } })],
      });
      const herinneringen = () =>
        adapters.notificaties.ontvangen.filter((n) => n.zaakId === id && n.soort === 'taak').map((n) => n.onderwerp);
      const slaapTot = async (datum: string, uren = 1) =>
        env.sleep(amsterdamMiddernacht(datum).getTime() + uren * 3600_000 - (await env.currentTimeMs()));
      const meting = async (moment: 'start' | 'drie-maanden' | 'einde', financien: number) => ({
        moment,
        datum: await vandaag(env),
        scores: { financien, huisvesting: 3 },
      });

      await verwachtAfwijzing(
        h.executeUpdate(berichten.zrmUpdate, { args: [await meting('einde', 2)] }),
        'OngeldigeOvergang',
        /eerst de ZRM-startmeting/,
      );
      await slaapTot(plusDagen(dag, 14));
      expect(herinneringen()).toEqual([]);
      await slaapTot(plusDagen(dag, 15));
      expect(herinneringen()).toEqual(['zrm-startmeting']);
      await h.executeUpdate(berichten.zrmUpdate, { args: [await meting('start', 2)] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.zrmUpdate, { args: [await meting('start', 3)] }),
        'OngeldigeOvergang',
        /al geregistreerd/,
      );

      await slaapTot(plusDagen(plusMaanden(dag, 3), -1));
      expect(herinneringen()).toEqual(['zrm-startmeting']);
      await slaapTot(plusMaanden(dag, 3));
      expect(herinneringen()).toEqual(['zrm-startmeting', 'zrm-tussenmeting']);
      const s = await h.executeUpdate(berichten.zrmUpdate, { args: [await meting('drie-maanden', 3)] });
      expect(s.zrm?.metingen.map((m) => `${m.moment}:${m.scores.financien}`)).toEqual(['start:2', 'drie-maanden:3']);

      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date((await env.currentTimeMs()) - 3600_000).toISOString() }],
      });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] });
      await env.sleep(60_000);
      expect(herinneringen()).toEqual(['zrm-startmeting', 'zrm-tussenmeting', 'zrm-eindmeting']);
      await h.executeUpdate(berichten.zrmUpdate, { args: [await meting('einde', 4)] });
      await h.executeUpdate(berichten.nazorgContactUpdate, { args: [await nazorgContactVanVandaag(env)] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'nazorg afgerond', uitstroom: 'client-stopt' }] });
      expect((await h.result()).zrm?.metingen.map((m) => m.moment)).toEqual(['start', 'drie-maanden', 'einde']);
    });
  });
});
