import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { eindeVanDag, werkdagenNa } from '../common/kalender';
import { BUURTTEAM, FASE, OPEN_TAAK, STORING, TERMIJN_DATUM } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { uiteindelijk, verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, nazorgContactVanVandaag, planVanVandaag, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { termijnWorkflowId } from '../common/workflowIds';

const DAG_MS = 24 * 3600 * 1000;

/** Waits until the traject's registration queue is empty. */
async function afgeleverd(h: WorkflowHandle<typeof schuldhulpTraject>): Promise<void> {
  await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).openstaandeRegistraties).toBe(0));
}

describe('schuldhulpTraject (Route 020) on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  const start = async (trajectId: string, extra = {}) =>
    env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: trajectId,
      args: [aanmelding(trajectId, await vandaag(env), extra)],
    });

  it('walks intake -> stabilisatie -> schuldregeling (minnelijk, then WSNP) -> nazorg -> afgesloten', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const h = await start('traject-volledige-route');
      const dag = await vandaag(env);
      let s = await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + DAG_MS).toISOString() }],
      });
      expect(s.openTaken).toEqual(['intake-houden']);
      await env.sleep(2 * DAG_MS);
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date((await env.currentTimeMs()) - 3600_000).toISOString() }],
      });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      s = await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: dag, besluit: 'toegekend' }] });
      expect(s.openTaken).toEqual([]);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'schuldregeling', route: 'minnelijk' }] });
      s = await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'schuldregeling', route: 'wsnp', reden: 'schuldeisers weigeren akkoord' }],
      });
      expect(s.route).toBe('wsnp');
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] });
      await h.executeUpdate(berichten.nazorgContactUpdate, { args: [await nazorgContactVanVandaag(env)] });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'nazorg afgerond', uitstroom: 'client-stopt' }] });
      const eind = await h.result();
      expect(eind.faseHistorie.map((f) => (f.route ? `${f.fase}:${f.route}` : f.fase))).toEqual([
        'intake',
        'stabilisatie',
        'schuldregeling:minnelijk',
        'schuldregeling:wsnp',
        'nazorg',
        'afgesloten',
      ]);
      expect(eind.afsluitReden).toBe('nazorg afgerond');
      // The registration system gets structured facts: no name, none of the reasons staff typed.
      const gedeeld = adapters.registratie.voor('traject-volledige-route');
      expect(gedeeld.at(-1)?.gegevens).toMatchObject({ fase: 'afgesloten' });
      expect(JSON.stringify(gedeeld)).not.toMatch(/schuldeisers weigeren akkoord|nazorg afgerond|A\. de Vries/);
      const termijn = await env.client.workflow.getHandle(termijnWorkflowId('traject-volledige-route')).result();
      expect(termijn).toEqual({ uitkomst: 'afgegeven', beschikking: { datum: dag, besluit: 'toegekend' }, overschreden: false });
      expect(adapters.notificaties.alertsVoor('traject-volledige-route')).toEqual([]);
    });
  });

  it('rejects illegal transitions with a clear OngeldigeOvergang error', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await start('traject-illegaal');
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] }),
        'OngeldigeOvergang',
        /na een gehouden intake/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] }),
        'OngeldigeOvergang',
        /nazorg volgt op/,
      );
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date(await env.currentTimeMs()).toISOString() }],
      });
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'schuldregeling', route: 'minnelijk' }] }),
        'OngeldigeOvergang',
        /toekennende beschikking/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'intake' }] }),
        'OngeldigeOvergang',
        /terug naar intake/,
      );
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'afgewezen' }] }),
        'OngeldigeOvergang',
        /al een andere beschikking/,
      );
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'schuldregeling', route: 'wsnp', reden: 'minnelijk kansloos' }] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'schuldregeling', route: 'minnelijk' }] }),
        'OngeldigeOvergang',
        /van wsnp naar minnelijk/,
      );
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'client verhuisd', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });

  it('rejects a future intake and a beschikking dated before the aanmelding as invalid input, and a beschikking before the intake', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await start('traject-ongeldige-invoer');
      await verwachtAfwijzing(
        h.executeUpdate(berichten.intakeUpdate, {
          args: [{ actie: 'gehouden', tijdstip: new Date((await env.currentTimeMs()) + DAG_MS).toISOString() }],
        }),
        'OngeldigeInvoer',
        /toekomst/,
      );
      // The beschikking follows the intake (werkkader §2.4.6); until then it is no open task either.
      expect((await h.query(berichten.trajectStatusQuery)).openTaken).toEqual(['intake-plannen']);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] }),
        'OngeldigeOvergang',
        /volgt op de intake/,
      );
      const s = await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date(await env.currentTimeMs()).toISOString() }],
      });
      expect(s.openTaken).toEqual(['ondersteuningsplan-opstellen']);
      expect((await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] })).openTaken).toEqual([
        'beschikking-afgeven',
      ]);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: '2020-01-01', besluit: 'toegekend' }] }),
        'OngeldigeInvoer',
        /vóór de aanmelding/,
      );
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });

  it('alerts the teamleider when the intake is not planned within 5 werkdagen, and warns when not held within 2 weeks', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('traject-intake-te-laat');
      const planUiterlijk = eindeVanDag(werkdagenNa(dag, 5)).getTime();
      await env.sleep(planUiterlijk - (await env.currentTimeMs()) - 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-intake-te-laat')).toEqual([]);
      await env.sleep(2 * 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-intake-te-laat')).toEqual(['intake-niet-gepland']);
      await env.sleep(15 * DAG_MS - ((await env.currentTimeMs()) - Date.parse(`${dag}T00:00:00Z`)));
      expect(adapters.notificaties.alertsVoor('traject-intake-te-laat')).toEqual(['intake-niet-gepland', 'intake-norm-overschreden']);
      expect(adapters.notificaties.ontvangen.filter((n) => n.soort === 'teamleider-alert').every((n) => n.buurtteam === 'zuidoost')).toBe(
        true,
      );
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'niet verschenen', uitstroom: 'client-stopt' }] });
      await h.result();
      // Closing without a beschikking ends the legal term as well.
      const termijn = await env.client.workflow.getHandle(termijnWorkflowId('traject-intake-te-laat')).result();
      expect(termijn).toEqual({ uitkomst: 'vervallen', reden: 'niet verschenen' });
    });
  });

  it('in a crisis, alerts when the first conversation is not held within 3 werkdagen', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('traject-crisis', { crisis: true });
      expect((await h.query(berichten.trajectStatusQuery)).crisisinterventie).toBe(true);
      const uiterlijk = eindeVanDag(werkdagenNa(dag, 3)).getTime();
      await env.sleep(uiterlijk - (await env.currentTimeMs()) - 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-crisis')).toEqual([]);
      await env.sleep(2 * 3600_000);
      expect(adapters.notificaties.alertsVoor('traject-crisis')).toEqual(['intake-termijn-overschreden']);
      expect(adapters.notificaties.ontvangen[0]!.bericht).toMatch(/crisis/);
    });
  });

  it('a crisis declared during the intake starts the 3-werkdagen term for the first conversation from that day', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const h = await start('traject-crisis-later');
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + 10 * DAG_MS).toISOString() }],
      });
      await env.sleep(2 * DAG_MS);
      const gemeld = await vandaag(env);
      const s = await h.executeUpdate(berichten.crisisinterventieUpdate, { args: [{ actief: true }] });
      const uiterlijk = eindeVanDag(werkdagenNa(gemeld, 3)).getTime();
      expect(s.crisisGesprekUiterlijk).toBe(new Date(uiterlijk).toISOString());
      await env.sleep(uiterlijk - (await env.currentTimeMs()) - 3600_000);
      expect(adapters.notificaties.voor('traject-crisis-later')).toEqual([]);
      await env.sleep(2 * 3600_000);
      expect(adapters.notificaties.voor('traject-crisis-later')).toEqual(['crisis-gesprek-te-laat']);
      expect(adapters.notificaties.ontvangen[0]!.termijn).toBe(new Date(uiterlijk).toISOString());
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });

  it('sends no intake alert when the intake is planned in time', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const h = await start('traject-intake-op-tijd');
      await env.sleep(DAG_MS);
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + 2 * DAG_MS).toISOString() }],
      });
      await env.sleep(3 * DAG_MS);
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date((await env.currentTimeMs()) - DAG_MS).toISOString() }],
      });
      await env.sleep(20 * DAG_MS);
      expect(adapters.notificaties.alertsVoor('traject-intake-op-tijd')).toEqual([]);
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });

  it('shares with the registration system only while consent to share holds', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const h = await start('traject-toestemming', { toestemming: { vastleggen: true, delen: false } });
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + DAG_MS).toISOString() }],
      });
      expect(adapters.registratie.voor('traject-toestemming')).toEqual([]);

      const dag = await vandaag(env);
      await h.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: true, delen: true, datum: dag }] });
      await h.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: true }] });
      await afgeleverd(h);
      const gedeeld = adapters.registratie.voor('traject-toestemming');
      expect(gedeeld.map((r) => r.gebeurtenis)).toEqual(['aanmelding', 'module']);
      expect(gedeeld[0]!.gegevens.intake).toMatchObject({ gepland: expect.any(String) });
      expect(gedeeld[1]!.gegevens.flankmodules).toEqual(['budgetcoaching']);
      expect(new Set(gedeeld.map((r) => r.idempotencyKey)).size).toBe(2);

      const s = await h.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: true, delen: false, datum: dag }] });
      expect(s.toestemmingHistorie.map((t) => t.delen)).toEqual([false, true, false]);
      await h.executeUpdate(berichten.crisisinterventieUpdate, { args: [{ actief: true }] });
      await h.executeUpdate(berichten.inkomensbeheerUpdate, { args: [{ vorm: 'bewindvoering', datum: dag }] });
      await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'afgesloten', reden: 'doorverwezen naar bewindvoering', uitstroom: 'client-stopt' }],
      });
      const eind = await h.result();
      expect(eind.crisisinterventie).toBe(true);
      expect(eind.inkomensbeheer).toEqual({ vorm: 'bewindvoering', datum: dag });
      expect(adapters.registratie.voor('traject-toestemming')).toHaveLength(2);
    });
  });

  it('keeps updates fast while the registration system is down, delivers in order later, and drops the queue on withdrawal', async () => {
    const adapters = opnemendeAdapters();
    adapters.registratie.storing = 'plat';
    await metWorker(env, adapters, async () => {
      const h = await start('traject-storing');
      const s = await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gepland', tijdstip: new Date((await env.currentTimeMs()) + DAG_MS).toISOString() }],
      });
      expect(s.openstaandeRegistraties).toBe(2);
      await env.sleep(60_000);
      expect(adapters.registratie.pogingen).toBeGreaterThan(1);

      adapters.registratie.storing = undefined;
      await env.sleep(15 * 60_000);
      await afgeleverd(h);
      expect(adapters.registratie.voor('traject-storing').map((r) => r.gebeurtenis)).toEqual(['aanmelding', 'intake']);

      adapters.registratie.storing = 'plat';
      await h.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: true }] });
      const ingetrokken = await h.executeUpdate(berichten.toestemmingUpdate, {
        args: [{ vastleggen: true, delen: false, datum: await vandaag(env) }],
      });
      expect(ingetrokken.openstaandeRegistraties).toBe(0);
      adapters.registratie.storing = undefined;
      await env.sleep(60 * 60_000);
      expect(adapters.registratie.voor('traject-storing')).toHaveLength(2);
    });
  });

  it('keeps a refused registration first in line, alerts the teamleider, and delivers it in order once accepted', async () => {
    const adapters = opnemendeAdapters();
    adapters.registratie.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const h = await start('traject-geweigerd');
      await uiteindelijk(async () => expect(adapters.notificaties.voor('traject-geweigerd')).toEqual(['registratie-geweigerd']));
      expect(adapters.registratie.pogingen).toBe(1);
      let s = await h.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: true }] });
      expect(s.storingen).toEqual([expect.objectContaining({ soort: 'registratie', onderwerp: 'aanmelding', pogingen: 1 })]);
      expect(s.openstaandeRegistraties).toBe(2);
      expect((await h.describe()).typedSearchAttributes.get(STORING)).toEqual(['registratie']);
      // Nothing overtakes the refused registration: the registration system keeps the latest state.
      await env.sleep(30 * 60_000);
      expect(adapters.registratie.pogingen).toBe(1);

      // The cause is fixed; the backoff offers it again after an hour, then the rest follows in order.
      adapters.registratie.storing = undefined;
      await env.sleep(60 * 60_000);
      await afgeleverd(h);
      expect(adapters.registratie.voor('traject-geweigerd').map((r) => r.gebeurtenis)).toEqual(['aanmelding', 'module']);
      s = await h.query(berichten.trajectStatusQuery);
      expect(s.storingen).toEqual([]);
      expect((await h.describe()).typedSearchAttributes.get(STORING)).toBeUndefined();
      expect(adapters.notificaties.voor('traject-geweigerd')).toEqual(['registratie-geweigerd']);
    });
  });

  it('drops a refused registration with the consent to share', async () => {
    const adapters = opnemendeAdapters();
    adapters.registratie.storing = 'weigert';
    await metWorker(env, adapters, async () => {
      const h = await start('traject-geweigerd-ingetrokken');
      await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).storingen).toHaveLength(1));
      await h.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: true, delen: false, datum: await vandaag(env) }] });
      await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).storingen).toEqual([]));
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      expect((await h.result()).openstaandeRegistraties).toBe(0);
      expect(adapters.registratie.pogingen).toBe(1);
    });
  });

  it('rejects sharing without consent to record', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await start('traject-delen-zonder-vastleggen');
      await verwachtAfwijzing(
        h.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: false, delen: true, datum: await vandaag(env) }] }),
        'OngeldigeInvoer',
        /toestemming om vast te leggen/,
      );
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });

  it('keeps the werkvoorraad search attributes current, without personal data', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const h = await start('traject-zoekkenmerken');
      await h.executeUpdate(berichten.intakeUpdate, {
        args: [{ actie: 'gehouden', tijdstip: new Date(await env.currentTimeMs()).toISOString() }],
      });
      const status = await h.query(berichten.trajectStatusQuery);
      const attrs = (await h.describe()).typedSearchAttributes;
      expect(attrs.get(FASE)).toBe('intake');
      expect(attrs.get(OPEN_TAAK)).toEqual(['ondersteuningsplan-opstellen']);
      expect(attrs.get(TERMIJN_DATUM)?.toISOString()).toBe(status.termijn?.verloopt);
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      expect((await h.describe()).typedSearchAttributes.get(OPEN_TAAK)).toEqual(['beschikking-afgeven']);
      const alles = JSON.stringify((await h.describe()).searchAttributes);
      expect(alles).not.toContain('111222333');
      expect(alles).not.toContain('Vries');
      expect(alles).not.toContain('Kredietbank');
      const termijn = (await env.client.workflow.getHandle(termijnWorkflowId('traject-zoekkenmerken')).describe()).typedSearchAttributes;
      expect(termijn.get(BUURTTEAM)).toBe('zuidoost');
      expect(termijn.get(FASE)).toBe('beschikkingstermijn');
      expect(termijn.get(TERMIJN_DATUM)?.toISOString()).toBe(status.termijn?.verloopt);
      expect(termijn.get(OPEN_TAAK)).toBeUndefined();
      await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'test', uitstroom: 'client-stopt' }] });
      await h.result();
    });
  });
});
