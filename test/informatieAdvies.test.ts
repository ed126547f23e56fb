import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { schaalAdviesOp } from '../api/advies';
import { OpenTrajectElders } from '../api/aanmelding';
import { amsterdamMiddernacht, plusDagen, plusMaanden } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import { trajectIdVoorAdvies } from '../common/workflowIds';
import * as berichten from '../workflows/messages';
import { informatieAdvies } from '../workflows/informatieAdvies';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { advies, testBsn, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

describe('informatie en advies (werkkader §2.4.2) on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  const slaapTot = async (datum: string, uren = 1) =>
    env.sleep(amsterdamMiddernacht(datum).getTime() + uren * 3600_000 - (await env.currentTimeMs()));

  it('asks the team to close or step up two weeks before the three months end, and alerts the teamleider once they pass', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'advies-looptijd';
      const h = await env.client.workflow.start(informatieAdvies, { taskQueue: TASK_QUEUE, workflowId: id, args: [advies(id, dag)] });
      const meldingen = () => adapters.notificaties.ontvangen.filter((n) => n.zaakId === id).map((n) => `${n.soort}:${n.onderwerp}`);
      const uiterlijk = plusDagen(plusMaanden(dag, 3), -1);

      expect(await h.query(berichten.adviesStatusQuery)).toMatchObject({ fase: 'lopend', uiterlijk, openTaken: ['advies-gesprek'] });
      const s = await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: dag, vorm: 'inloop' }] });
      expect(s.openTaken).toEqual(['advies-afronden']);
      // The same conversation again is the same request: recorded once.
      expect((await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: dag, vorm: 'inloop' }] })).gesprekken).toHaveLength(1);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: plusDagen(dag, -1), vorm: 'telefoon' }] }),
        'OngeldigeInvoer',
        /vóór de start van het advies/,
      );

      await slaapTot(plusDagen(uiterlijk, -15));
      expect(meldingen()).toEqual([]);
      await slaapTot(plusDagen(uiterlijk, -14));
      expect(meldingen()).toEqual(['taak:advies-afronden-of-opschalen']);
      expect((await h.query(berichten.adviesStatusQuery)).openTaken).toEqual(['afronden-of-opschalen']);

      await slaapTot(uiterlijk, 23);
      expect(meldingen()).toEqual(['taak:advies-afronden-of-opschalen']);
      await slaapTot(plusDagen(uiterlijk, 1));
      expect(meldingen()).toEqual(['taak:advies-afronden-of-opschalen', 'teamleider-alert:advies-looptijd-verstreken']);
      const alert = adapters.notificaties.ontvangen.find((n) => n.onderwerp === 'advies-looptijd-verstreken')!;
      expect(alert.bericht).not.toMatch(/Vries|naam/);

      const afgerond = await h.executeUpdate(berichten.adviesAfsluitingUpdate, {
        args: [{ uitkomst: 'afgerond', datum: await vandaag(env) }],
      });
      expect(afgerond).toMatchObject({ fase: 'afgesloten', afsluiting: { uitkomst: 'afgerond' }, openTaken: [] });
      expect(await h.result()).toMatchObject({ fase: 'afgesloten', verstreken: plusDagen(uiterlijk, 1) });
    });
  });

  it('sends nothing for an advies closed within its period; closing needs a conversation first', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'advies-op-tijd';
      const h = await env.client.workflow.start(informatieAdvies, { taskQueue: TASK_QUEUE, workflowId: id, args: [advies(id, dag)] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.adviesAfsluitingUpdate, { args: [{ uitkomst: 'afgerond', datum: dag }] }),
        'OngeldigeOvergang',
        /pas na een geregistreerd gesprek/,
      );
      await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: dag, vorm: 'telefoon' }] });
      await h.executeUpdate(berichten.gegevenAdviesUpdate, {
        args: [{ datum: dag, soort: 'betalingsregeling', partner: 'sociaal-raadslieden' }],
      });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.adviesAfsluitingUpdate, { args: [{ uitkomst: 'afgerond', datum: plusDagen(dag, 1) }] }),
        'OngeldigeInvoer',
        /in de toekomst/,
      );
      await h.executeUpdate(berichten.adviesAfsluitingUpdate, { args: [{ uitkomst: 'afgerond', datum: dag }] });
      await h.result();
      await env.sleep(120 * 24 * 3600_000);
      expect(adapters.notificaties.ontvangen.filter((n) => n.zaakId === id)).toEqual([]);
    });
  });

  it('steps up into a Route 020 traject through the person lock, linked both ways; a repeat finds it, a person with a traject is refused', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const geheim = randomBytes(32);
      const vastgelegd = { datum: dag, door: 'mdw-0042' };
      const overdracht = {
        aanmeldDatum: dag,
        client: { bsn: testBsn(19), naam: 'A. de Vries' },
        crisis: false,
        toestemming: { vastleggen: true, delen: false },
        waarschuwingWeken: [6, 7],
      };
      const start = async (id: string) => {
        const h = await env.client.workflow.start(informatieAdvies, { taskQueue: TASK_QUEUE, workflowId: id, args: [advies(id, dag)] });
        await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: dag, vorm: 'inloop' }] });
        return h;
      };

      const h = await start('advies-opschaling');
      const status = await h.query(berichten.adviesStatusQuery);
      const op = await schaalAdviesOp(env.client, geheim, status, overdracht, 'aanmelding', vastgelegd);
      const trajectId = trajectIdVoorAdvies('advies-opschaling');
      expect(op).toMatchObject({
        trajectId,
        nieuw: true,
        status: { fase: 'afgesloten', afsluiting: { uitkomst: 'opgeschaald', trajectId } },
      });
      const traject = env.client.workflow.getHandle(trajectId);
      expect(await traject.query(berichten.trajectStatusQuery)).toMatchObject({
        vanAdvies: 'advies-opschaling',
        buurtteam: 'zuidoost',
        fase: 'intake',
        openTaken: ['intake-plannen'],
      });
      expect(await h.result()).toMatchObject({ afsluiting: { uitkomst: 'opgeschaald', trajectId } });

      // A retry of the same step up finds the same traject and the closed advies.
      const nogmaals = await schaalAdviesOp(
        env.client,
        geheim,
        await h.query(berichten.adviesStatusQuery),
        overdracht,
        'aanmelding',
        vastgelegd,
      );
      expect(nogmaals).toMatchObject({ trajectId, nieuw: false });

      // Another advies of the same person: their traject is open, so no second one starts and this advies stays open.
      const ander = await start('advies-opschaling-2');
      const fout = await schaalAdviesOp(
        env.client,
        geheim,
        await ander.query(berichten.adviesStatusQuery),
        overdracht,
        'aanmelding',
        vastgelegd,
      ).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(OpenTrajectElders);
      expect((fout as OpenTrajectElders).trajectId).toBe(trajectId);
      expect(await ander.query(berichten.adviesStatusQuery)).toMatchObject({ fase: 'lopend', openTaken: ['advies-afronden'] });
    });
  });
});
