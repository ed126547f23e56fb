import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { BUURTTEAM, REGIEVOERDER } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import { termijnWorkflowId } from '../common/workflowIds';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

const DAG_MS = 86_400_000;

describe('regie of a traject on the time-skipping test server (werkkader §2.4, §4.1.4)', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  it('hands the regie over warmly, keeps the history, and moves the traject and its term to another team', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'traject-regie';
      const h = await env.client.workflow.start(schuldhulpTraject, { taskQueue: TASK_QUEUE, workflowId: id, args: [aanmelding(id, dag)] });
      const overdracht = { regievoerder: 'shv-0007', rol: 'schuldhulpverlener', reden: 'schulden-dominant' } as const;

      // There is a regievoerder (mdw-0042 from the aanmelding): a change is a hand-over and needs its conversation.
      await verwachtAfwijzing(h.executeUpdate(berichten.regieUpdate, { args: [overdracht] }), 'OngeldigeInvoer', /overdrachtsgesprek/);
      const s = await h.executeUpdate(berichten.regieUpdate, { args: [{ ...overdracht, overdrachtsgesprek: dag, door: 'tl-01' }] });
      expect(s).toMatchObject({ regievoerder: 'shv-0007', buurtteam: 'zuidoost' });
      expect(s.regie?.historie).toEqual([
        expect.objectContaining({
          van: 'mdw-0042',
          naar: 'shv-0007',
          rol: 'schuldhulpverlener',
          reden: 'schulden-dominant',
          door: 'tl-01',
        }),
      ]);
      // The same request again answers the same status.
      expect(
        (await h.executeUpdate(berichten.regieUpdate, { args: [{ ...overdracht, overdrachtsgesprek: dag }] })).regie?.historie,
      ).toHaveLength(1);

      const naarOost = {
        regievoerder: 'mdw-0500',
        rol: 'buurtteam-medewerker',
        reden: 'keuze-amsterdammer',
        buurtteam: 'oost',
        overdrachtsgesprek: dag,
      } as const;
      const t = await h.executeUpdate(berichten.regieUpdate, { args: [naarOost] });
      expect(t.buurtteam).toBe('oost');
      expect(t.regie?.historie.at(-1)).toMatchObject({ van: 'shv-0007', naar: 'mdw-0500', vanTeam: 'zuidoost', naarTeam: 'oost' });
      const attrs = (await h.describe()).typedSearchAttributes;
      expect([attrs.get(BUURTTEAM), attrs.get(REGIEVOERDER)]).toEqual(['oost', 'mdw-0500']);
      const termijn = env.client.workflow.getHandle(termijnWorkflowId(id));
      expect((await termijn.describe()).typedSearchAttributes.get(BUURTTEAM)).toBe('oost');

      // From now on the alerts of the traject and of its term go to the new team.
      await env.sleep(43 * DAG_MS);
      const teams = adapters.notificaties.ontvangen.filter((n) => n.zaakId === id).map((n) => `${n.onderwerp}:${n.buurtteam}`);
      expect(teams).toEqual(
        expect.arrayContaining(['intake-termijn-overschreden:oost', 'beschikkingstermijn-waarschuwing:oost', 'zrm-startmeting:oost']),
      );
      expect(teams.filter((x) => !x.endsWith(':oost'))).toEqual([]);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });
});
