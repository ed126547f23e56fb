import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht, eindeVanDag, isWerkdag, plusDagen, werkdagenNa } from '../common/kalender';
import { FASE, OPEN_TAAK } from '../common/searchAttributes';
import type { Huisbezoek } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { trajectStatusQuery } from '../workflows/messages';
import { vroegEropaf } from '../workflows/vroegEropaf';
import type { VroegEropafInput } from '../workflows/types';
import { verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { GELDIG_BSN, melding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { trajectIdVoorMelding } from '../common/workflowIds';

const UUR_MS = 3600 * 1000;

describe('vroegEropaf on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  /** A recent past werkdag (at least a day ago) and the melding dated 10 days before today. */
  async function context() {
    const dag = await vandaag(env);
    let werkdag = plusDagen(dag, -1);
    while (!isWerkdag(werkdag)) werkdag = plusDagen(werkdag, -1);
    const om = (uur: number, minuut = 0) =>
      new Date(amsterdamMiddernacht(werkdag).getTime() + uur * UUR_MS + minuut * 60_000).toISOString();
    return { dag, meldDatum: plusDagen(dag, -10), overdag: om(10), savonds: om(19, 30), om };
  }

  const bezoek = (tijdstip: string, uitkomst: Huisbezoek['uitkomst']): Huisbezoek => ({ tijdstip, uitkomst, medewerker: 'mdw-0007' });

  async function start(meldingId: string, meldDatum: string, extra: Partial<VroegEropafInput> = {}) {
    return env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding(`ref-${meldingId}`, meldDatum), meldingId, ...extra }],
    });
  }

  it('closes a melding nobody reached after sluitNaDagen once the visit rule is met, and hides the address from then on', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum, overdag, savonds } = await context();
      const h = await start('melding-verlopen', meldDatum, { sluitNaDagen: 20 });
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(overdag, 'niet-thuis')] });
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(savonds, 'niet-thuis')] });
      expect((await h.query(berichten.meldingStatusQuery)).client?.adres.postcode).toBe('1068 EW');
      await env.sleep(12 * 24 * UUR_MS);
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'verlopen',
        bezoeken: 2,
        eindresultaat: 'Definitief geen contact kunnen krijgen',
        bereikt: false,
      });
      const status = await h.query(berichten.meldingStatusQuery);
      expect(status.afsluiting).toEqual({ reden: 'verlopen' });
      expect(status.client).toBeUndefined();
      expect(adapters.notificaties.voor('melding-verlopen')).not.toContain('onbereikt-besluit-nodig');
    });
  });

  it('does not close an unvisited melding after sluitNaDagen: it escalates to the teamleider and closes once the visits are made', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum } = await context();
      const h = await start('melding-onbezocht', meldDatum, { sluitNaDagen: 20 });
      const termijn = eindeVanDag(plusDagen(meldDatum, 20)).getTime();
      await env.sleep(termijn - (await env.currentTimeMs()) + UUR_MS);
      const s = await h.query(berichten.meldingStatusQuery);
      expect(s.fase).toBe('bereiken');
      expect(s.openTaken).toEqual(['huisbezoek', 'besluit-onbereikt']);
      expect((await h.describe()).typedSearchAttributes.get(OPEN_TAAK)).toEqual(['huisbezoek', 'besluit-onbereikt']);
      const alert = adapters.notificaties.ontvangen.find(
        (n) => n.zaakId === 'melding-onbezocht' && n.onderwerp === 'onbereikt-besluit-nodig',
      );
      expect(alert).toMatchObject({ soort: 'teamleider-alert', termijn: new Date(termijn).toISOString() });
      expect(alert!.bericht).toMatch(/20 dagen na het signaal niet bereikt, met 0 huisbezoek\(en\)/);
      expect(alert!.bericht).not.toMatch(/Bakker|Osdorpplein|1068/);

      // A month on it is still open, the alert sent once; the visits close it as the rule allows.
      await env.sleep(30 * 24 * UUR_MS);
      expect((await h.query(berichten.meldingStatusQuery)).fase).toBe('bereiken');
      const nu = await env.currentTimeMs();
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(new Date(nu - UUR_MS).toISOString(), 'niet-thuis')] });
      expect((await h.query(berichten.meldingStatusQuery)).fase).toBe('bereiken');
      const gisterenAvond = new Date(amsterdamMiddernacht(plusDagen(amsterdamDatum(new Date(nu)), -1)).getTime() + 19.5 * UUR_MS);
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(gisterenAvond.toISOString(), 'niet-thuis')] });
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'verlopen',
        bezoeken: 2,
        eindresultaat: 'Definitief geen contact kunnen krijgen',
      });
      expect(adapters.notificaties.voor('melding-onbezocht').filter((o) => o === 'onbereikt-besluit-nodig')).toHaveLength(1);
    });
  });

  it("closes an unreached melding short of the visits only by the teamleider's decision with a besluitreden, recorded with who decided", async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum, overdag } = await context();
      const h = await start('melding-besluit', meldDatum);
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(overdag, 'niet-thuis')] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'niet-bereikt', door: 'tl-0001' }] }),
        'OngeldigeOvergang',
        /of een besluit van de teamleider met een besluitreden/,
      );
      const s = await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
        args: [{ eindresultaat: 'Definitief geen contact kunnen krijgen', besluitReden: 'adres-onbewoond', door: 'tl-0001' }],
      });
      expect(s.afsluiting).toEqual({
        eindresultaat: 'Definitief geen contact kunnen krijgen',
        reden: 'niet-bereikt',
        besluitReden: 'adres-onbewoond',
        door: 'tl-0001',
      });
      // The creditor learns only that the signal was taken up; the reason stays in the case.
      expect(s.terugkoppeling.map((t) => t.status)).toEqual(['Opgepakt']);
      expect(await h.result()).toMatchObject({ fase: 'afgesloten', reden: 'niet-bereikt', bezoeken: 1 });
    });
  });

  it('needs two huisbezoeken, one in the evening or weekend, before closing as niet-bereikt', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum, overdag, savonds } = await context();
      const h = await start('melding-niet-bereikt', meldDatum);
      let s = await h.query(berichten.meldingStatusQuery);
      expect(s.volgendBezoek?.avondOfWeekend).toBe(false);
      expect(s.openTaken).toEqual(['huisbezoek']);

      s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(overdag, 'niet-thuis')] });
      expect(s.bezoeken.map((b) => b.avondOfWeekend)).toEqual([false]);
      expect(s.volgendBezoek?.avondOfWeekend).toBe(true);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'niet-bereikt' }] }),
        'OngeldigeOvergang',
        /minstens 2 huisbezoeken, waarvan één in de avond/,
      );

      s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(savonds, 'niet-thuis')] });
      expect(s.bezoeken.map((b) => b.avondOfWeekend)).toEqual([false, true]);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'niet-bereikt', toelichting: 'brief achtergelaten' }] });
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'niet-bereikt',
        bezoeken: 2,
        eindresultaat: 'Definitief geen contact kunnen krijgen',
        bereikt: false,
      });
      expect(adapters.notificaties.voor('melding-niet-bereikt')).toEqual(['huisbezoek-plannen']);
    });
  });

  it('alerts the teamleider when the next huisbezoek is late, then guides the four steps to afgerond', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum } = await context();
      const h = await start('melding-begeleiding', meldDatum, { bezoekTermijnWerkdagen: 2 });
      const uiterlijk = Date.parse((await h.query(berichten.meldingStatusQuery)).volgendBezoek!.uiterlijk);
      // Amsterdam's 14-day contact norm may fall on the same day; it has its own test (signalen.test.ts).
      const huisbezoekMeldingen = () => adapters.notificaties.voor('melding-begeleiding').filter((o) => o.startsWith('huisbezoek'));
      await env.sleep(uiterlijk - (await env.currentTimeMs()) - UUR_MS);
      expect(huisbezoekMeldingen()).toEqual(['huisbezoek-plannen']);
      await env.sleep(2 * UUR_MS);
      expect(huisbezoekMeldingen()).toEqual(['huisbezoek-plannen', 'huisbezoek-te-laat']);

      const nu = new Date((await env.currentTimeMs()) - UUR_MS).toISOString();
      let s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(nu, 'bereikt')] });
      expect(s.fase).toBe('begeleiding');
      expect(s.openTaken).toEqual(['budgetgesprek', 'inkomensherstel', 'betalingsregeling', 'budgetplan']);
      const attrs = (await h.describe()).typedSearchAttributes;
      expect(attrs.get(FASE)).toBe('vroeg-eropaf-begeleiding');
      expect(attrs.get(OPEN_TAAK)).toEqual(['budgetgesprek', 'inkomensherstel', 'betalingsregeling', 'budgetplan']);

      const dag = await vandaag(env);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'inkomensherstel', status: 'afgerond', datum: dag }] }),
        'OngeldigeOvergang',
        /eerst het oriënterend budgetgesprek/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'niet-nodig', datum: dag }] }),
        'OngeldigeInvoer',
        /altijd nodig/,
      );
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: dag }] });
      await verwachtAfwijzing(
        h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'afgerond' }] }),
        'OngeldigeOvergang',
        /alle begeleidingsstappen/,
      );
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'inkomensherstel', status: 'niet-nodig', datum: dag }] });
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'betalingsregeling', status: 'afgerond', datum: dag }] });
      s = await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetplan', status: 'afgerond', datum: dag }] });
      expect(s.openTaken).toEqual(['afsluiten-of-overdragen']);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'afgerond' }] });
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'afgerond',
        bezoeken: 1,
        eindresultaat: '(Budget)advies en/of quick fix',
        bereikt: true,
      });
    });
  });

  it('hands a reached person over to a new schuldhulp traject', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const { meldDatum, savonds, dag } = await context();
      const h = await start('melding-overdracht', meldDatum);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.overdrachtUpdate, {
          args: [
            {
              aanmeldDatum: dag,
              client: { bsn: GELDIG_BSN, naam: 'B. Bakker' },
              crisis: false,
              toestemming: { vastleggen: true, delen: false },
              waarschuwingWeken: [6, 7],
            },
          ],
        }),
        'OngeldigeOvergang',
        /alleen na bereiken/,
      );
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(savonds, 'bereikt')] });
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: dag }] });
      const s = await h.executeUpdate(berichten.overdrachtUpdate, {
        args: [
          {
            aanmeldDatum: dag,
            regievoerder: 'mdw-0099',
            client: { bsn: GELDIG_BSN, naam: 'B. Bakker' },
            crisis: false,
            toestemming: { vastleggen: true, delen: false },
            waarschuwingWeken: [6, 7],
          },
        ],
      });
      const trajectId = trajectIdVoorMelding('melding-overdracht');
      expect(s.trajectId).toBe(trajectId);
      expect(await h.result()).toMatchObject({
        fase: 'overgedragen',
        trajectId,
        bezoeken: 1,
        eindresultaat: 'Vervolghulp en/of verwijzing financieel',
        signalen: 1,
      });

      const traject = await env.client.workflow.getHandle(trajectId).query(trajectStatusQuery);
      expect(traject).toMatchObject({
        fase: 'intake',
        vanMelding: 'melding-overdracht',
        buurtteam: 'nieuw-west',
        regievoerder: 'mdw-0099',
      });
    });
  });

  it('closes when the person refuses help at the door', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const { meldDatum, overdag } = await context();
      const h = await start('melding-geweigerd', meldDatum);
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [{ ...bezoek(overdag, 'geweigerd'), notitie: 'wil geen hulp' }] });
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'geweigerd',
        bezoeken: 1,
        eindresultaat: 'Inwoner hoeft geen hulp vanuit vroegsignalering',
        bereikt: true,
      });
    });
  });

  it('rejects visits in the future or before the melding, and records a repeated visit once', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const { meldDatum, overdag } = await context();
      const h = await start('melding-invoer', meldDatum);
      await verwachtAfwijzing(
        h.executeUpdate(berichten.huisbezoekUpdate, {
          args: [bezoek(new Date((await env.currentTimeMs()) + UUR_MS).toISOString(), 'niet-thuis')],
        }),
        'OngeldigeInvoer',
        /toekomst/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.huisbezoekUpdate, {
          args: [bezoek(amsterdamMiddernacht(plusDagen(meldDatum, -1)).toISOString(), 'niet-thuis')],
        }),
        'OngeldigeInvoer',
        /vóór de melddatum/,
      );
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(overdag, 'niet-thuis')] });
      let s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(overdag, 'niet-thuis')] });
      expect(s.bezoeken).toHaveLength(1);
      // The same instant written with another offset is the same visit.
      const anders = new Date(overdag).toISOString().replace('Z', '+00:00');
      s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(anders, 'niet-thuis')] });
      expect(s.bezoeken).toHaveLength(1);
      // Another outcome for the same visit is no repeat: refused with the reason, never a silent 200.
      await verwachtAfwijzing(
        h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(anders, 'bereikt')] }),
        'OngeldigeOvergang',
        /al geregistreerd met uitkomst niet-thuis/,
      );
      expect((await h.query(berichten.meldingStatusQuery)).bezoeken.map((b) => b.uitkomst)).toEqual(['niet-thuis']);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'schuld-voldaan' }] });
      expect(await h.result()).toMatchObject({ fase: 'afgesloten', reden: 'schuld-voldaan' });
    });
  });

  it('escalates a late visit again at every missed term, each once, up to a ceiling with one last alert', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const { meldDatum } = await context();
      const h = await start('melding-escalatie', meldDatum, { bezoekTermijnWerkdagen: 2 });
      const uiterlijk = (await h.query(berichten.meldingStatusQuery)).volgendBezoek!.uiterlijk;
      // Past the first term and one more: two alerts, not one.
      const tweedeTermijn = eindeVanDag(werkdagenNa(amsterdamDatum(new Date(uiterlijk)), 2)).getTime();
      await env.sleep(tweedeTermijn - (await env.currentTimeMs()) + UUR_MS);
      // (Amsterdam's 14-day norm for a first contact attempt may pass meanwhile: tested in signalen.test.ts.)
      const huisbezoekMeldingen = () => adapters.notificaties.voor('melding-escalatie').filter((o) => o.startsWith('huisbezoek'));
      expect(huisbezoekMeldingen()).toEqual(['huisbezoek-plannen', 'huisbezoek-te-laat', 'huisbezoek-te-laat']);
      // Weeks later: five escalations, one last alert, and then silence.
      await env.sleep(40 * 24 * UUR_MS);
      const alerts = adapters.notificaties.ontvangen.filter(
        (n) => n.zaakId === 'melding-escalatie' && n.soort === 'teamleider-alert' && n.onderwerp.startsWith('huisbezoek'),
      );
      expect(alerts.map((n) => n.onderwerp)).toEqual([...Array<string>(5).fill('huisbezoek-te-laat'), 'huisbezoek-te-laat-laatste']);
      expect(new Set(alerts.map((n) => n.idempotencyKey)).size).toBe(6);
      expect((await h.query(berichten.meldingStatusQuery)).volgendBezoek?.herinneringen).toBe(5);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      await h.result();
    });
  });

  it('continues as new when history grows, keeping every visit', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const { meldDatum, om } = await context();
      const h = await start('melding-lang', meldDatum, { maxHistorie: 40 });
      const eersteRun = (await h.describe()).runId;
      for (let i = 0; i < 8; i++) {
        await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(om(9, i), 'niet-thuis')] });
      }
      const s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [bezoek(om(20), 'bereikt')] });
      expect(s.bezoeken).toHaveLength(9);
      expect(s.doorgestart).toBeGreaterThan(0);
      expect((await h.describe()).runId).not.toBe(eersteRun);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({
        fase: 'afgesloten',
        reden: 'verhuisd',
        bezoeken: 9,
        eindresultaat: 'Niet opgepakt: andere reden',
      });
    });
  });
});
