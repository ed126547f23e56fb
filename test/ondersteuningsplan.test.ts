import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamMiddernacht, plusDagen } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, planVersie, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

describe('ondersteuningsplan, evaluations and nazorg of a traject on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  const start = async (id: string, extra = {}) =>
    env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [aanmelding(id, await vandaag(env), extra)],
    });
  const slaapTot = async (datum: string, uren = 1) =>
    env.sleep(amsterdamMiddernacht(datum).getTime() + uren * 3600_000 - (await env.currentTimeMs()));
  const gehouden = async () => ({ actie: 'gehouden' as const, tijdstip: new Date((await env.currentTimeMs()) - 3600_000).toISOString() });

  it('puts the plan between intake and beschikking, reminds on the evaluation date and alerts the teamleider when it passed unheld', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const id = 'traject-plan';
      const h = await start(id, { evaluatieAlertDagen: 7 });
      const dag = await vandaag(env);
      const meldingen = () => adapters.notificaties.ontvangen.filter((n) => n.zaakId === id && n.onderwerp.startsWith('evaluatie'));
      const beschikking = { datum: dag, besluit: 'toegekend' as const };

      await verwachtAfwijzing(
        h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(dag, plusDagen(dag, 30))] }),
        'OngeldigeOvergang',
        /volgt op de vraagverheldering/,
      );
      let s = await h.executeUpdate(berichten.intakeUpdate, { args: [await gehouden()] });
      expect(s.openTaken).toEqual(['ondersteuningsplan-opstellen']);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.beschikkingUpdate, { args: [beschikking] }),
        'OngeldigeOvergang',
        /een beschikking volgt op het ondersteuningsplan/,
      );

      const eerste = planVersie(dag, plusDagen(dag, 30));
      s = await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [eerste] });
      expect(s.openTaken).toEqual(['beschikking-afgeven']);
      // A repeat is answered, not recorded again; another plan under the same number is refused.
      s = await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [eerste] });
      expect(s.ondersteuningsplan?.versies).toHaveLength(1);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [{ ...eerste, doelen: ['iets anders'] }] }),
        'OngeldigeOvergang',
        /versie 1 .* is al vastgesteld; een bijstelling is versie 2/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [{ ...eerste, versie: 3 }] }),
        'OngeldigeOvergang',
        /volgende versie .* is 2/,
      );
      await h.executeUpdate(berichten.beschikkingUpdate, { args: [beschikking] });

      // The evaluation date: a task for the team and the werkvoorraad; 7 days later, the teamleider.
      await slaapTot(plusDagen(dag, 29));
      expect(meldingen()).toEqual([]);
      await slaapTot(plusDagen(dag, 30));
      expect(meldingen().map((n) => `${n.soort}:${n.onderwerp}`)).toEqual(['taak:evaluatie-houden']);
      expect((await h.query(berichten.trajectStatusQuery)).openTaken).toEqual(['evaluatie-houden']);
      await slaapTot(plusDagen(dag, 37), 23);
      expect(meldingen()).toHaveLength(1);
      await slaapTot(plusDagen(dag, 38));
      expect(meldingen().map((n) => `${n.soort}:${n.onderwerp}`)).toEqual(['taak:evaluatie-houden', 'teamleider-alert:evaluatie-te-laat']);
      // Alerts travel over mail and chat: the plan's own words stay in the case.
      expect(JSON.stringify(adapters.notificaties.ontvangen)).not.toMatch(/Kredietbank|schulden|post openen/);

      const evaluatieDag = await vandaag(env);
      s = await h.executeUpdate(berichten.evaluatieUpdate, {
        args: [{ datum: evaluatieDag, uitkomst: 'doorgaan', volgendeEvaluatie: plusDagen(evaluatieDag, 20) }],
      });
      expect(s.openTaken).toEqual([]);
      await slaapTot(plusDagen(evaluatieDag, 20));
      expect(meldingen().map((n) => n.onderwerp)).toEqual(['evaluatie-houden', 'evaluatie-te-laat', 'evaluatie-houden']);

      // Adjusting: the werkvoorraad asks for the new version, which sets the next evaluation.
      const bijstelDag = await vandaag(env);
      s = await h.executeUpdate(berichten.evaluatieUpdate, { args: [{ datum: bijstelDag, uitkomst: 'bijstellen' }] });
      expect(s.openTaken).toEqual(['ondersteuningsplan-bijstellen']);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.evaluatieUpdate, { args: [{ datum: bijstelDag, uitkomst: 'afronden' }] }),
        'OngeldigeOvergang',
        /stel eerst de nieuwe versie vast/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(plusDagen(dag, -1), plusDagen(bijstelDag, 30), 2)] }),
        'OngeldigeInvoer',
        /niet vóór/,
      );
      s = await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(bijstelDag, plusDagen(bijstelDag, 30), 2)] });
      expect(s.ondersteuningsplan?.versies.map((v) => v.versie)).toEqual([1, 2]);
      expect(s.ondersteuningsplan?.evaluaties.map((e) => `${e.versie}:${e.uitkomst}`)).toEqual(['1:doorgaan', '1:bijstellen']);
      expect(s.openTaken).toEqual([]);
      s = await h.executeUpdate(berichten.evaluatieUpdate, { args: [{ datum: bijstelDag, uitkomst: 'afronden' }] });
      expect(s.openTaken).toEqual([]);

      // Closing from the nazorg: an uitstroomkenmerk and at least one nazorg contact.
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] });
      expect((await h.query(berichten.trajectStatusQuery)).openTaken).toEqual(['nazorgcontact']);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'schuldenrust', uitstroom: 'doelen-bereikt' }] }),
        'OngeldigeOvergang',
        /pas af na minstens één nazorgcontact/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.nazorgContactUpdate, { args: [{ datum: plusDagen(bijstelDag, -1), soort: 'telefoon' }] }),
        'OngeldigeInvoer',
        /niet vóór het begin van de nazorg/,
      );
      await env.sleep(2 * 24 * 3600_000);
      const contact = { datum: await vandaag(env), soort: 'telefoon' as const, notitie: 'gaat goed, studie bijna af' };
      await h.executeUpdate(berichten.nazorgContactUpdate, { args: [contact] });
      s = await h.executeUpdate(berichten.nazorgContactUpdate, { args: [contact] });
      expect(s.nazorgContacten).toHaveLength(1);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'schuldenrust' }] }),
        'OngeldigeInvoer',
        /uitstroomreden/,
      );
      const sluitDag = await vandaag(env);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'schuldenrust', uitstroom: 'doelen-bereikt' }] });
      // The reminders stop with the case: the run ends.
      expect((await h.result()).uitstroom).toMatchObject({ reden: 'doelen-bereikt', datum: sluitDag });
    });
  });

  it('closes from the intake with a reason and an uitstroomkenmerk, and keeps the plan out of the registrations', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const id = 'traject-plan-ingetrokken';
      const h = await start(id);
      await h.executeUpdate(berichten.intakeUpdate, { args: [await gehouden()] });
      const dag = await vandaag(env);
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(dag, plusDagen(dag, 30))] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'aanmelding ingetrokken' }] }),
        'OngeldigeInvoer',
        /uitstroomreden/,
      );
      await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'afgesloten', reden: 'aanmelding ingetrokken', uitstroom: 'client-stopt' }],
      });
      // The run ends although its evaluation date lies ahead: the reminders stopped with the case.
      expect((await h.result()).uitstroom?.reden).toBe('client-stopt');
      const gedeeld = adapters.registratie.voor(id);
      expect(gedeeld.map((r) => r.gebeurtenis)).toContain('fase');
      expect(gedeeld.at(-1)?.gegevens).toMatchObject({ uitstroom: { reden: 'client-stopt' } });
      expect(JSON.stringify(gedeeld)).not.toMatch(/Kredietbank|post openen|geen nieuwe schulden/);
    });
  });
});
