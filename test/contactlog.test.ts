import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { INTAKE_PLAN_WERKDAGEN } from '../common/normen';
import { TASK_QUEUE } from '../common/taskQueues';
import { eersteGesprekTermijn } from '../common/termijnen';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

const UUR_MS = 3600_000;

describe('contactlog of a traject on the time-skipping test server (werkkader §2.8.5)', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  it("holds Amsterdam's intake norms during outreach after a no-show, and notes it in the legal term's alert", async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'traject-contactlog';
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: id,
        args: [aanmelding(id, dag)],
      });
      const alerts = () => adapters.notificaties.ontvangen.filter((n) => n.zaakId === id && n.soort === 'teamleider-alert');
      const slaapTot = async (moment: Date) => env.sleep(moment.getTime() - (await env.currentTimeMs()));
      const nu = async (minUren = 0) => new Date((await env.currentTimeMs()) - minUren * UUR_MS).toISOString();
      const contact = async (soort: string, uitkomst: string, tijdstip?: string) =>
        h.executeUpdate(berichten.contactUpdate, {
          args: [{ soort, uitkomst, tijdstip: tijdstip ?? (await nu(1)), notitie: 'kwam niet' } as never],
        });

      await env.sleep(UUR_MS * 2);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.contactUpdate, {
          args: [{ soort: 'telefoon', uitkomst: 'bereikt', tijdstip: new Date((await env.currentTimeMs()) + 86_400_000).toISOString() }],
        }),
        'OngeldigeInvoer',
        /kan niet in de toekomst liggen/,
      );
      const noShow = await nu(1);
      const s = await contact('afspraak', 'niet-verschenen', noShow);
      expect(s.openTaken).toEqual(['intake-plannen', 'outreach-na-no-show']);
      // A repeat of the same request answers the same status.
      expect((await contact('afspraak', 'niet-verschenen', noShow)).contacten).toHaveLength(1);

      // Past the plan norm (5 werkdagen) and the Amsterdam norm of 2 weeks: both held.
      await slaapTot(new Date(eindeVanDag(plusDagen(dag, 14)).getTime() + UUR_MS));
      expect(alerts()).toEqual([]);
      await contact('telefoon', 'niet-bereikt');

      // The legal term (Wgs art. 4, 4 weeks) is not held; its text says the outreach is on record.
      const wettelijk = eersteGesprekTermijn(dag);
      await slaapTot(new Date(Date.parse(wettelijk.verloopt) + UUR_MS));
      expect(alerts().map((a) => a.onderwerp)).toEqual(['intake-termijn-overschreden']);
      expect(alerts()[0]!.bericht).toMatch(/no-show met outreach is vastgelegd/);
      expect(alerts()[0]!.bericht).not.toContain('kwam niet');

      // Reached at home: the outreach ends, and the plan norm counts again from that day.
      const bereikt = await contact('huisbezoek', 'bereikt');
      expect(bereikt.openTaken).toEqual(['intake-plannen']);
      const opnieuw = eindeVanDag(werkdagenNa(amsterdamDatum(new Date(bereikt.contacten!.at(-1)!.tijdstip)), INTAKE_PLAN_WERKDAGEN));
      await slaapTot(new Date(opnieuw.getTime() - UUR_MS));
      expect(alerts()).toHaveLength(1);
      await slaapTot(new Date(opnieuw.getTime() + UUR_MS));
      expect(alerts().map((a) => a.onderwerp)).toEqual(['intake-termijn-overschreden', 'intake-niet-gepland']);
      expect(alerts()[1]!.bericht).toMatch(/opnieuw geteld na outreach op een no-show/);

      await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nu(1) }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      const eind = await h.result();
      expect(eind.contacten?.map((c) => `${c.soort}:${c.uitkomst}`)).toEqual([
        'afspraak:niet-verschenen',
        'telefoon:niet-bereikt',
        'huisbezoek:bereikt',
      ]);
      // The note stays in the case: the registration system gets the contacts without it.
      expect(JSON.stringify(adapters.registratie.ontvangen)).not.toContain('kwam niet');
    });
  });

  it('without a no-show on record the norms alert as before', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const id = 'traject-contactlog-zonder';
      const h = await env.client.workflow.start(schuldhulpTraject, { taskQueue: TASK_QUEUE, workflowId: id, args: [aanmelding(id, dag)] });
      await h.executeUpdate(berichten.contactUpdate, {
        args: [{ soort: 'brief', uitkomst: 'verstuurd', tijdstip: new Date(await env.currentTimeMs()).toISOString() }],
      });
      await env.sleep(eindeVanDag(plusDagen(dag, 14)).getTime() + UUR_MS - (await env.currentTimeMs()));
      expect(adapters.notificaties.alertsVoor(id)).toEqual(['intake-niet-gepland', 'intake-norm-overschreden']);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });
});
