import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { FASE, OPEN_TAAK } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import { wpiRouteVoor } from '../common/wpiRoute';
import * as berichten from '../workflows/messages';
import type { VroegEropafInput } from '../workflows/types';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { melding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';

const DAG_MS = 24 * 3600_000;

describe('the WPI routes of werkkader §2.8.2', () => {
  it('chooses Geregelde betaling for a woningcorporatie with at least 2 months of rent arrears, else ISHV', () => {
    const signaal = (type: 'woningcorporatie' | 'zorgverzekeraar' | 'energieleverancier', maanden: number) => ({
      schuldeiser: { type },
      achterstand: { maanden },
    });
    expect(wpiRouteVoor([signaal('woningcorporatie', 2)])).toBe('geregelde-betaling');
    expect(wpiRouteVoor([signaal('woningcorporatie', 1)])).toBe('ishv');
    expect(wpiRouteVoor([signaal('zorgverzekeraar', 6)])).toBe('ishv');
    expect(wpiRouteVoor([signaal('energieleverancier', 3), signaal('woningcorporatie', 3)])).toBe('geregelde-betaling');
  });
});

describe('a melding on a WPI route, on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  // A server per test: one test's leftovers (a lock on time skipping) cannot stall the next one's sleep.
  tijdreisPerTest((e) => (env = e));

  async function start(meldingId: string, extra: Partial<VroegEropafInput> = {}) {
    const dag = await vandaag(env);
    const h = await env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding(`ref-${meldingId}`, plusDagen(dag, -1)), meldingId, ...extra }],
    });
    return { h, dag };
  }

  it('takes a signal with a Participatiewet uitkering to Geregelde betaling: no visits or buurtteam alerts, WPI picks it up step by step', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { h, dag } = await start('melding-wpi-huur', { uitkering: 'participatiewet' });
      const s = await h.query(berichten.meldingStatusQuery);
      expect(s).toMatchObject({
        route: 'geregelde-betaling',
        fase: 'bereiken',
        openTaken: ['wpi-oppakken'],
        wpi: { aanleiding: 'signaal' },
      });
      expect(s.volgendBezoek).toBeUndefined();
      // Weeks pass: Vroeg Eropaf would have alerted on late visits and missed norms by now.
      await env.sleep(30 * DAG_MS);
      expect(adapters.notificaties.voor('melding-wpi-huur')).toEqual(['wpi-oppakken']);
      expect(adapters.notificaties.ontvangen.find((n) => n.zaakId === 'melding-wpi-huur')).toMatchObject({
        soort: 'wpi-taak',
        bericht: expect.stringContaining('Geregelde betaling'),
      });
      const sa = (await h.describe()).typedSearchAttributes;
      expect(sa.get(FASE)).toBe('wpi-bereiken');
      expect(sa.get(OPEN_TAAK)).toEqual(['wpi-oppakken']);

      const stap = (stap: string, extra = {}) =>
        h.executeUpdate(berichten.wpiStapUpdate, { args: [{ stap, status: 'afgerond', datum: dag, door: 'km-1', ...extra } as never] });
      await verwachtAfwijzing(stap('contact'), 'OngeldigeOvergang', /eerst een klantmanager en inkomensconsulent toewijzen/);
      const toegewezen = await stap('toegewezen', { klantmanager: 'km-0042', inkomensconsulent: 'ic-0007' });
      expect(toegewezen.wpi).toMatchObject({ klantmanager: 'km-0042', inkomensconsulent: 'ic-0007' });
      expect(toegewezen.openTaken).toEqual(['wpi-inhouding-gestart', 'wpi-contact']);
      // The same request again answers the same state.
      expect((await stap('toegewezen', { klantmanager: 'km-0042', inkomensconsulent: 'ic-0007' })).openTaken).toEqual(toegewezen.openTaken);
      await verwachtAfwijzing(stap('schuldhulp-gestart'), 'OngeldigeOvergang', /na contact met de klant/);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.huisbezoekUpdate, {
          args: [{ tijdstip: new Date().toISOString(), uitkomst: 'bereikt', medewerker: 'mdw-1' }],
        }),
        'OngeldigeOvergang',
        /WPI-route/,
      );
      await stap('inhouding-gestart');
      expect((await stap('contact')).fase).toBe('begeleiding');
      await verwachtAfwijzing(
        h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: dag }] }),
        'OngeldigeOvergang',
        /WPI-route/,
      );
      const klaar = await h.executeUpdate(berichten.wpiStapUpdate, {
        args: [{ stap: 'schuldhulp-gestart', status: 'niet-nodig', datum: dag }],
      });
      expect(klaar.openTaken).toEqual(['wpi-afsluiten']);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'afgerond' }] });
      // The rent withheld from the uitkering is longer financial follow-up help; the landlord hears only that it was taken up.
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        route: 'geregelde-betaling',
        eindresultaat: 'Vervolghulp en/of verwijzing financieel',
        bereikt: true,
      });
      expect((await h.query(berichten.meldingStatusQuery)).terugkoppeling.map((t) => t.status)).toEqual(['Opgepakt']);
      expect(adapters.notificaties.voor('melding-wpi-huur')).toEqual(['wpi-oppakken']);
    });
  });

  it('takes a WPI step that arrives with the start, in the melding’s first task', async () => {
    const { h, dag } = await start('melding-wpi-eerste-taak', { uitkering: 'participatiewet' });
    // No worker yet: the step waits on the server and comes in the first task, with the start. The
    // SDK handles it when its handler is set, which must be after the melding took its route.
    const toegewezen = h.executeUpdate(berichten.wpiStapUpdate, {
      args: [{ stap: 'toegewezen', status: 'afgerond', datum: dag, klantmanager: 'km-1', inkomensconsulent: 'ic-1' } as never],
    });
    await new Promise((r) => setTimeout(r, 1_000));
    await metWorker(env, opnemendeAdapters(), async () => {
      expect(await toegewezen).toMatchObject({ route: 'geregelde-betaling', wpi: { stappen: { toegewezen: { status: 'afgerond' } } } });
      const soort = temporal.api.enums.v1.EventType;
      const soorten = (await h.fetchHistory()).events!.map((e) => e.eventType);
      // Accepted in the completion of the first workflow task, after that task's own commands.
      const geaccepteerd = soorten.indexOf(soort.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
      expect(soorten.slice(0, geaccepteerd).filter((t) => t === soort.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toHaveLength(1);
    });
  });

  it('takes a health insurer signal to ISHV, which has no withholding step and ends as advice without schuldhulp', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const { h, dag } = await start('melding-wpi-zorg', {
        uitkering: 'participatiewet',
        schuldeiser: { type: 'zorgverzekeraar', naam: 'Zilveren Kruis' },
        achterstand: { bedragCent: 60_000, maanden: 4 },
      });
      const stap = (stap: string, status = 'afgerond', extra = {}) =>
        h.executeUpdate(berichten.wpiStapUpdate, { args: [{ stap, status, datum: dag, ...extra } as never] });
      expect((await stap('toegewezen', 'afgerond', { klantmanager: 'km-1', inkomensconsulent: 'ic-1' })).openTaken).toEqual([
        'wpi-contact',
      ]);
      await verwachtAfwijzing(stap('inhouding-gestart'), 'OngeldigeInvoer', /hoort niet bij de route Integrale schuldhulpverlening/);
      await stap('contact');
      await stap('schuldhulp-gestart', 'niet-nodig');
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'afgerond' }] });
      expect(await h.result()).toMatchObject({ route: 'ishv', eindresultaat: '(Budget)advies en/of quick fix' });
    });
  });

  it('re-routes an open Vroeg Eropaf melding when a medewerker finds the uitkering: the visit alerts stop', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { h } = await start('melding-wpi-later', {
        schuldeiser: { type: 'energieleverancier', naam: 'Eneco' },
      });
      expect((await h.query(berichten.meldingStatusQuery)).route).toBe('vroeg-eropaf');
      await h.executeUpdate(berichten.huisbezoekUpdate, {
        args: [{ tijdstip: new Date(await env.currentTimeMs()).toISOString(), uitkomst: 'niet-thuis', medewerker: 'mdw-1' }],
      });
      const s = await h.executeUpdate(berichten.wpiRouteUpdate, {
        args: [{ uitkering: 'participatiewet', toelichting: 'buren: uitkering', door: 'mdw-1' }],
      });
      expect(s).toMatchObject({ route: 'ishv', openTaken: ['wpi-oppakken'], wpi: { aanleiding: 'medewerker', door: 'mdw-1' } });
      expect(s.volgendBezoek).toBeUndefined();
      // A retried request answers the same.
      expect((await h.executeUpdate(berichten.wpiRouteUpdate, { args: [{ uitkering: 'participatiewet' }] })).wpi?.sinds).toBe(s.wpi?.sinds);
      await env.sleep(40 * DAG_MS);
      expect(adapters.notificaties.alertsVoor('melding-wpi-later')).toEqual([]);
      expect(adapters.notificaties.voor('melding-wpi-later')).toEqual(['huisbezoek-plannen', 'wpi-oppakken']);
      expect((await h.describe()).typedSearchAttributes.get(FASE)).toBe('wpi-bereiken');
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({ route: 'ishv', eindresultaat: 'Niet opgepakt: andere reden' });
    });
  });

  it('keeps a crisis signal’s 3-werkdagen term on a WPI route, alerting WPI instead of the teamleider', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const { h } = await start('melding-wpi-crisis', {
        uitkering: 'participatiewet',
        soort: 'huisuitzetting',
        ontruimingsDatum: plusDagen(dag, 20),
        meldDatum: dag,
      });
      const uiterlijk = eindeVanDag(werkdagenNa(dag, 3)).getTime();
      await env.sleep(uiterlijk - (await env.currentTimeMs()) + 3600_000);
      const crisis = adapters.notificaties.ontvangen.filter((n) => n.zaakId === 'melding-wpi-crisis');
      expect(crisis.map((n) => [n.soort, n.onderwerp]).sort()).toEqual([
        ['wpi-taak', 'crisis-contact-te-laat'],
        ['wpi-taak', 'crisissignaal'],
        ['wpi-taak', 'wpi-oppakken'],
      ]);
      expect((await h.query(berichten.meldingStatusQuery)).route).toBe('geregelde-betaling');
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      await h.result();
    });
  });
});
