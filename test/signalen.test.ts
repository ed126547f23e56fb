import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { PRIORITEIT } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { vroegEropaf } from '../workflows/vroegEropaf';
import type { VroegEropafInput } from '../workflows/types';
import { signaalVan } from '../api/signaalIntake';
import { uiteindelijk, verwachtAfwijzing } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { GELDIG_BSN, melding, vandaag } from './helpers/invoer';
import { tijdreisPerTest } from './helpers/perTest';
import { metWorker } from './helpers/werkers';
import { trajectIdVoorMelding } from '../common/workflowIds';

const UUR_MS = 3600 * 1000;
const DAG_MS = 24 * UUR_MS;

/** Signals, crisis path, DDAS contact attempts, norms and end results of a Vroeg Eropaf melding. */
describe('signals of a household on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  tijdreisPerTest((e) => (env = e));

  async function start(meldingId: string, meldDatum: string, extra: Partial<VroegEropafInput> = {}) {
    return env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding(`ref-${meldingId}`, meldDatum), meldingId, ...extra }],
    });
  }
  const overdracht = (aanmeldDatum: string) => ({
    aanmeldDatum,
    client: { bsn: GELDIG_BSN, naam: 'B. Bakker' },
    crisis: false,
    toestemming: { vastleggen: true, delen: false },
    waarschuwingWeken: [6, 7],
  });

  it('lists every signal; a repeat without higher arrears is not taken up, another creditor and a higher amount are; more signals weigh more', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const h = await start('melding-huishouden', plusDagen(dag, -3));
      const eerste = melding('ref-melding-huishouden', plusDagen(dag, -3));
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBeUndefined();

      const water = melding('WN-77', plusDagen(dag, -1), { schuldeiser: { type: 'waternet', naam: 'Waternet' } });
      expect(await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [signaalVan(water)] })).toEqual({
        bijgewerkt: true,
        opgepakt: true,
      });
      // The landlord again, the same amount, its referentie written differently: herhaalde melding.
      const zelfde = { ...signaalVan(eerste), referentie: ' REF melding huishouden', meldDatum: dag };
      expect(await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [zelfde] })).toEqual({
        bijgewerkt: false,
        opgepakt: false,
        reden: 'herhaalde-melding',
      });
      const hoger = { ...signaalVan(eerste), achterstand: { bedragCent: 300_000, maanden: 3 }, meldDatum: dag };
      expect(await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [hoger] })).toEqual({ bijgewerkt: true, opgepakt: true });

      const s = await h.query(berichten.meldingStatusQuery);
      expect(s.signalen.map((x) => [x.signaalId, x.schuldeiser.type, x.opgepakt, x.reden])).toEqual([
        ['melding-huishouden-s1', 'woningcorporatie', true, undefined],
        ['melding-huishouden-s2', 'waternet', true, undefined],
        ['melding-huishouden-s3', 'woningcorporatie', false, 'herhaalde-melding'],
        ['melding-huishouden-s4', 'woningcorporatie', true, undefined],
      ]);
      // The case's achterstand follows its own creditor's higher amount, as it did before households.
      expect(s.achterstand).toEqual({ bedragCent: 300_000, maanden: 3 });
      expect(s.terugkoppeling.map((t) => t.status)).toEqual(['Opgepakt', 'Opgepakt', 'Niet opgepakt: herhaalde melding', 'Opgepakt']);
      // Three signals taken up: two more than one.
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(2);

      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({ signalen: 4, eindresultaat: 'Niet opgepakt: andere reden' });
    });
  });

  it('starts a crisis path on an announced eviction: alert at once, again without contact in 3 werkdagen; the traject gets crisisinterventie', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('melding-ontruiming', dag, { soort: 'huisuitzetting', ontruimingsDatum: plusDagen(dag, 20) });
      const s = await h.query(berichten.meldingStatusQuery);
      const uiterlijk = eindeVanDag(werkdagenNa(dag, 3)).toISOString();
      expect(s.crisis).toEqual({ soort: 'huisuitzetting', sinds: expect.any(String), eersteContactUiterlijk: uiterlijk });
      expect(s.signalen[0]).toMatchObject({ soort: 'huisuitzetting', crisis: true, ontruimingsDatum: plusDagen(dag, 20) });
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(100);
      const crisisAlerts = () => adapters.notificaties.voor('melding-ontruiming').filter((o) => o.startsWith('crisis'));
      await uiteindelijk(async () => expect(crisisAlerts()).toEqual(['crisissignaal']));
      const alert = adapters.notificaties.ontvangen.find((n) => n.onderwerp === 'crisissignaal')!;
      expect(alert).toMatchObject({ soort: 'teamleider-alert', termijn: uiterlijk });
      expect(alert.bericht).toContain(`huisuitzetting per ${plusDagen(dag, 20)}`);

      await env.sleep(Date.parse(uiterlijk) - (await env.currentTimeMs()) - UUR_MS);
      expect(crisisAlerts()).toEqual(['crisissignaal']);
      await env.sleep(2 * UUR_MS);
      expect(crisisAlerts()).toEqual(['crisissignaal', 'crisis-contact-te-laat']);

      // Reached by phone after all; the traject that follows starts as a crisis case.
      const nu = await vandaag(env);
      await h.executeUpdate(berichten.contactpogingUpdate, { args: [{ soort: 'telefoon', datum: nu, dagdeel: 'middag', bereikt: true }] });
      await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: nu }] });
      await h.executeUpdate(berichten.overdrachtUpdate, { args: [overdracht(nu)] });
      const traject = await env.client.workflow.getHandle(trajectIdVoorMelding('melding-ontruiming')).query(berichten.trajectStatusQuery);
      expect(traject.crisisinterventie).toBe(true);
      expect(await h.result()).toMatchObject({ crisis: 'huisuitzetting', bereikt: true, eersteContactpoging: nu });
    });
  });

  it('a crisis signal joining a case alerts once; contact within 3 werkdagen means no second alert', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('melding-afsluiting-energie', plusDagen(dag, -2));
      const energie = melding('EN-1', dag, {
        schuldeiser: { type: 'energieleverancier', naam: 'Vattenfall' },
        soort: 'energieafsluiting',
        afsluitDatum: werkdagenNa(dag, 25),
      });
      await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [signaalVan(energie)] });
      const s = await h.query(berichten.meldingStatusQuery);
      expect(s.crisis?.soort).toBe('energieafsluiting');
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(101);
      await h.executeUpdate(berichten.contactpogingUpdate, { args: [{ soort: 'e-mail', datum: dag, dagdeel: 'avond', bereikt: true }] });
      await env.sleep(7 * DAG_MS);
      expect(adapters.notificaties.voor('melding-afsluiting-energie').filter((o) => o.startsWith('crisis'))).toEqual(['crisissignaal']);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
        args: [{ eindresultaat: 'Inwoner hoeft geen hulp vanuit vroegsignalering' }],
      });
      await h.result();
    });
  });

  it('takes an end of energy supply announced less than 20 werkdagen ahead as the most urgent crisis, counted against its supplier', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const afsluitDatum = werkdagenNa(dag, 3);
      const h = await start('melding-laat-afsluitsignaal', dag, {
        schuldeiser: { type: 'energieleverancier', naam: 'Eneco' },
        soort: 'energieafsluiting',
        afsluitDatum,
      });
      const s = await h.query(berichten.meldingStatusQuery);
      expect(s.crisis?.soort).toBe('energieafsluiting');
      expect(s.signalen[0]).toMatchObject({ soort: 'energieafsluiting', crisis: true, teLaatGemeld: true });
      // Above every other crisis (100) and a crisis with more signals (101).
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(200);
      await uiteindelijk(async () => expect(adapters.notificaties.voor('melding-laat-afsluitsignaal')).toContain('crisissignaal'));
      const alert = adapters.notificaties.ontvangen.find(
        (n) => n.zaakId === 'melding-laat-afsluitsignaal' && n.onderwerp === 'crisissignaal',
      )!;
      expect(alert.bericht).toBe(
        `crisissignaal energieafsluiting per ${afsluitDatum} (te laat gemeld: minder dan 20 werkdagen vóór de afsluiting; hoogste prioriteit): ` +
          'eerste contact binnen 3 werkdagen',
      );
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Niet opgepakt: onterecht signaal' }] });
      expect(await h.result()).toMatchObject({ crisis: 'energieafsluiting', teLaatGemeld: ['Eneco'] });

      // On time (20 werkdagen ahead) it is an ordinary crisis, and nothing is counted.
      const opTijd = await start('melding-afsluitsignaal-op-tijd', dag, {
        schuldeiser: { type: 'energieleverancier', naam: 'Eneco' },
        soort: 'energieafsluiting',
        afsluitDatum: werkdagenNa(dag, 20),
      });
      expect((await opTijd.query(berichten.meldingStatusQuery)).signalen[0]!.teLaatGemeld).toBeUndefined();
      expect((await opTijd.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(100);
      await opTijd.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Niet opgepakt: onterecht signaal' }] });
      expect(await opTijd.result()).not.toHaveProperty('teLaatGemeld');
    });
  });

  it('starts a crisis path on an announced disconnection of water (Wgs art. 4 lid 2), also when it joins a case', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('melding-waterafsluiting', plusDagen(dag, -2));
      const water = melding('WN-404', dag, {
        schuldeiser: { type: 'waternet', naam: 'Waternet' },
        soort: 'waterafsluiting',
        afsluitDatum: plusDagen(dag, 14),
      });
      expect(await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [signaalVan(water)] })).toEqual({
        bijgewerkt: true,
        opgepakt: true,
      });
      const s = await h.query(berichten.meldingStatusQuery);
      expect(s.crisis).toMatchObject({ soort: 'waterafsluiting', eersteContactUiterlijk: eindeVanDag(werkdagenNa(dag, 3)).toISOString() });
      expect(s.signalen[1]).toMatchObject({ soort: 'waterafsluiting', crisis: true, afsluitDatum: plusDagen(dag, 14) });
      expect((await h.describe()).typedSearchAttributes.get(PRIORITEIT)).toBe(101);
      await uiteindelijk(async () => expect(adapters.notificaties.voor('melding-waterafsluiting')).toContain('crisissignaal'));
      const alert = adapters.notificaties.ontvangen.find((n) => n.zaakId === 'melding-waterafsluiting' && n.onderwerp === 'crisissignaal')!;
      expect(alert.bericht).toBe(`crisissignaal waterafsluiting per ${plusDagen(dag, 14)}: eerste contact binnen 3 werkdagen`);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      expect(await h.result()).toMatchObject({ crisis: 'waterafsluiting', signalen: 2 });
    });
  });

  it("alerts when Amsterdam's norms pass: no contact attempt within 14 days, no first analysis within 28", async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('melding-normen', dag);
      const normAlerts = () => adapters.notificaties.voor('melding-normen').filter((o) => o.endsWith('norm-overschreden'));
      const { normen } = await h.query(berichten.meldingStatusQuery);
      expect(normen).toEqual({
        eersteContactpogingUiterlijk: eindeVanDag(plusDagen(dag, 14)).toISOString(),
        eersteAnalyseUiterlijk: eindeVanDag(plusDagen(dag, 28)).toISOString(),
      });
      await env.sleep(Date.parse(normen.eersteContactpogingUiterlijk) - (await env.currentTimeMs()) - UUR_MS);
      expect(normAlerts()).toEqual([]);
      await env.sleep(2 * UUR_MS);
      expect(normAlerts()).toEqual(['contactpoging-norm-overschreden']);

      const poging = amsterdamDatum(new Date(await env.currentTimeMs()));
      const s = await h.executeUpdate(berichten.contactpogingUpdate, {
        args: [{ soort: 'brief', datum: poging, dagdeel: 'ochtend', bereikt: true }],
      });
      expect(s.normen.eersteContactpoging).toBe(poging);
      await env.sleep(Date.parse(normen.eersteAnalyseUiterlijk) - (await env.currentTimeMs()) + UUR_MS);
      expect(normAlerts()).toEqual(['contactpoging-norm-overschreden', 'analyse-norm-overschreden']);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Geen reactie na eerder contact' }] });
      await h.result();
    });
  });

  it('meets both norms with a huisbezoek and a budgetgesprek in time: no norm alert', async () => {
    const adapters = opnemendeAdapters();
    await metWorker(env, adapters, async () => {
      const dag = await vandaag(env);
      const h = await start('melding-op-tijd', dag);
      await env.sleep(2 * DAG_MS);
      const tijdstip = new Date((await env.currentTimeMs()) - UUR_MS).toISOString();
      await h.executeUpdate(berichten.huisbezoekUpdate, { args: [{ tijdstip, uitkomst: 'bereikt', medewerker: 'mdw-0007' }] });
      const nu = amsterdamDatum(new Date(await env.currentTimeMs()));
      const s = await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: nu }] });
      expect(s.normen.eersteAnalyse).toBe(nu);
      await env.sleep(30 * DAG_MS);
      expect(adapters.notificaties.voor('melding-op-tijd').filter((o) => o.endsWith('norm-overschreden'))).toEqual([]);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
        args: [{ eindresultaat: 'Inwoner hoeft geen hulp vanuit vroegsignalering' }],
      });
      await h.result();
    });
  });

  it('records contact attempts as DDAS does: kind, date, dagdeel, reached; a huisbezoek counts as one; a repeat once', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const h = await start('melding-contact', plusDagen(dag, -5));
      const telefoon = { soort: 'telefoon' as const, datum: plusDagen(dag, -4), dagdeel: 'ochtend' as const, bereikt: false };
      await h.executeUpdate(berichten.contactpogingUpdate, { args: [telefoon] });
      let s = await h.executeUpdate(berichten.contactpogingUpdate, { args: [telefoon] });
      expect(s.contactpogingen).toEqual([telefoon]);
      expect(s.fase).toBe('bereiken');
      await verwachtAfwijzing(
        h.executeUpdate(berichten.contactpogingUpdate, { args: [{ ...telefoon, datum: plusDagen(dag, -6) }] }),
        'OngeldigeInvoer',
        /vóór de melddatum/,
      );
      // 19:30 in Amsterdam is avond.
      const tijdstip = new Date(amsterdamMiddernacht(plusDagen(dag, -3)).getTime() + 19.5 * UUR_MS).toISOString();
      s = await h.executeUpdate(berichten.huisbezoekUpdate, { args: [{ tijdstip, uitkomst: 'bereikt', medewerker: 'mdw-0007' }] });
      expect(s.contactpogingen[1]).toEqual({ soort: 'huisbezoek', datum: plusDagen(dag, -3), dagdeel: 'avond', bereikt: true });
      expect(s.fase).toBe('begeleiding');
      expect(s.normen.eersteContactpoging).toBe(plusDagen(dag, -4));
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'schuld-voldaan' }] });
      expect(await h.result()).toMatchObject({
        eersteContactpoging: plusDagen(dag, -4),
        bereikt: true,
        eindresultaat: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
      });
    });
  });

  it('closes with a DDAS end result that fits the phase, and tells the creditor no more than DDAS allows', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const h = await start('melding-eindresultaat', plusDagen(dag, -2));
      await verwachtAfwijzing(
        h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Geen reactie na eerder contact' }] }),
        'OngeldigeOvergang',
        /vraagt eerst contact met de persoon/,
      );
      await verwachtAfwijzing(
        h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Definitief geen contact kunnen krijgen' }] }),
        'OngeldigeOvergang',
        /minstens 2 huisbezoeken/,
      );
      const s = await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
        args: [{ eindresultaat: 'Niet opgepakt: andere reden', toelichting: 'inwoner in detentie' }],
      });
      expect(s.eindresultaat).toBe('Niet opgepakt: andere reden');
      // The creditor learns that the signal was not taken up, not why.
      expect(s.terugkoppeling).toEqual([
        {
          signaalId: 'melding-eindresultaat-s1',
          schuldeiser: { type: 'woningcorporatie', naam: 'Ymere' },
          referentie: 'ref-melding-eindresultaat',
          status: 'Niet opgepakt',
        },
      ]);
      expect(JSON.stringify(s.terugkoppeling)).not.toMatch(/andere reden|detentie/);
      expect(await h.result()).toMatchObject({ fase: 'afgesloten', eindresultaat: 'Niet opgepakt: andere reden', bereikt: false });
    });
  });

  it('reports an end result DDAS passes on as it is', async () => {
    await metWorker(env, opnemendeAdapters(), async () => {
      const dag = await vandaag(env);
      const h = await start('melding-overleden', plusDagen(dag, -2));
      await verwachtAfwijzing(
        h.executeUpdate(berichten.overdrachtUpdate, { args: [overdracht(dag)] }),
        'OngeldigeOvergang',
        /alleen na bereiken/,
      );
      const s = await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ eindresultaat: 'Inwoner is overleden' }] });
      expect(s.terugkoppeling.map((t) => t.status)).toEqual(['Inwoner is overleden']);
      await h.result();
    });
  });
});
