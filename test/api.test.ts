import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { TASK_QUEUE } from '../common/taskQueues';
import { faseUpdate, huisbezoekUpdate, meldingAfsluitingUpdate } from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { uiteindelijk } from './helpers/afwijzing';
import { startApi, type DraaiendeApi } from './helpers/api';
import { apiPerBestand, naVorigTraject } from './helpers/apiOmgeving';
import { WerkvoorraadProjectie } from '../api/werkvoorraad/werkvoorraadProjectie';
import { opnemendeAdapters } from './helpers/fakes';
import { aanmelding, melding, ONGELDIG_BSN, planVersie, testBsn } from './helpers/invoer';

/** End to end: HTTP API -> real Temporal (dev server, or the PostgreSQL cluster) -> worker, with recording adapters. */
describe(`HTTP API against the real Temporal ${process.env.TEMPORAL_CLUSTER_ADDRESS ? 'cluster on PostgreSQL' : 'dev server'}`, () => {
  let env: TestWorkflowEnvironment;
  let api: DraaiendeApi;
  let basis: string;
  /** A teamleider of every team these tests use; authorisation itself is tested in toegang.test.ts. */
  let teamleider: string;
  const adapters = opnemendeAdapters();
  const vandaag = amsterdamDatum(new Date());
  const verzoekAls = apiPerBestand(
    async (draaiend) => {
      ({ env, api } = draaiend);
      basis = api.basis;
      teamleider = await api.issuer.bearer('teamleider', ['oost', 'zuid', 'west', 'nieuw-west', 'noord', 'westpoort'], { sub: 'tl-0001' });
    },
    { adapters },
  );
  const verzoek = (methode: string, pad: string, body?: unknown, headers?: Record<string, string>) =>
    verzoekAls(teamleider, methode, pad, body, headers);
  const velden = (body: { velden?: { pad: string }[] }) => (body.velden ?? []).map((v) => v.pad);
  const eenUurGeleden = () => new Date(Date.now() - 3600_000).toISOString();

  it('answers the health check once Temporal is reachable', async () => {
    expect(await verzoek('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('runs a workflow on the dev server: result through the client, found by search attributes', async () => {
    const trajectId = 'traject-devserver-1';
    const handle = await env.client.workflow.start(schuldhulpTraject, {
      taskQueue: TASK_QUEUE,
      workflowId: trajectId,
      args: [aanmelding(trajectId, vandaag, { buurtteam: 'centrum' })],
    });
    await handle.executeUpdate(faseUpdate, { args: [{ naar: 'afgesloten', reden: 'aanmelding ingetrokken', uitstroom: 'client-stopt' }] });
    expect(await handle.result()).toMatchObject({ fase: 'afgesloten', afsluitReden: 'aanmelding ingetrokken' });
    const gevonden = await uiteindelijk(async () => {
      const ids = [];
      for await (const wf of env.client.workflow.list({
        query: `Buurtteam = 'centrum' AND Fase = 'afgesloten' AND ExecutionStatus = 'Completed'`,
      }))
        ids.push(wf.workflowId);
      expect(ids).toEqual([trajectId]);
      return ids;
    });
    expect(gevonden).toHaveLength(1);
  });

  it('starts one case per creditor and reference; a duplicate melding returns the same case', async () => {
    const m = melding('YM-2026-0001', plusDagen(vandaag, -2), { buurtteam: 'oost' });
    const eerste = await verzoek('POST', '/v1/meldingen', m);
    expect(eerste.status).toBe(201);
    expect(eerste.location).toBe(`/v1/meldingen/${eerste.body.id}`);
    const nogmaals = await verzoek('POST', '/v1/meldingen', { ...m, achterstand: { bedragCent: 999, maanden: 3 } });
    expect(nogmaals).toMatchObject({ status: 200, body: { id: eerste.body.id, bestaand: true } });

    // Visibility (search attribute query) sees exactly one case, tagged for the team's queue.
    const zaken = await uiteindelijk(async () => {
      const gevonden = [];
      for await (const wf of env.client.workflow.list({ query: `Buurtteam = 'oost' AND WorkflowType = 'vroegEropaf'` })) gevonden.push(wf);
      expect(gevonden).toHaveLength(1);
      return gevonden;
    });
    expect(zaken[0]!.workflowId).toBe(eerste.body.id);
    // Operators see a non-sensitive summary as memo in the UI.
    expect((await env.client.workflow.getHandle(eerste.body.id).describe()).memo).toEqual({
      schuldeiserType: 'woningcorporatie',
      maandenAchterstand: 2,
      meldDatum: m.meldDatum,
    });
    expect(JSON.stringify(zaken[0]!.searchAttributes)).not.toContain('Bakker');
  });

  it('rejects a bad melding with 400 and every offending field path, starting nothing', async () => {
    const fout = await verzoek('POST', '/v1/meldingen', {
      ...melding('X-1', vandaag),
      schuldeiser: { type: 'telefoonprovider', naam: 'Bel' },
      achterstand: { bedragCent: -5, maanden: 2 },
      client: { naam: 'C', adres: { straat: 'Dam', huisnummer: '1', postcode: '0123 ab' } },
      onbekend: true,
    });
    expect(fout.status).toBe(400);
    expect(velden(fout.body)).toEqual(
      expect.arrayContaining(['schuldeiser.type', 'achterstand.bedragCent', 'client.adres.postcode', 'onbekend']),
    );
    expect(await verzoek('POST', '/v1/meldingen', '{"kapot":')).toMatchObject({ status: 400, body: { fout: 'body is geen geldige JSON' } });
  });

  it('records huisbezoeken: 200 with the new status, 400 for a future visit, 404 for an unknown case', async () => {
    const { body } = await verzoek('POST', '/v1/meldingen', melding('YM-2026-0002', plusDagen(vandaag, -2), { buurtteam: 'zuid' }));
    const pad = `/v1/meldingen/${body.id}/huisbezoeken`;
    const ok = await verzoek('POST', pad, { tijdstip: eenUurGeleden(), uitkomst: 'niet-thuis', medewerker: 'mdw-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.bezoeken).toHaveLength(1);
    const toekomst = await verzoek('POST', pad, {
      tijdstip: new Date(Date.now() + 86_400_000).toISOString(),
      uitkomst: 'niet-thuis',
      medewerker: 'mdw-1',
    });
    expect(toekomst).toMatchObject({ status: 400, body: { velden: [{ pad: 'tijdstip' }] } });
    const slecht = await verzoek('POST', pad, { tijdstip: 'gisteren', uitkomst: 'misschien' });
    expect(velden(slecht.body).sort()).toEqual(['medewerker', 'tijdstip', 'uitkomst']);
    expect(
      (
        await verzoek('POST', '/v1/meldingen/melding-bestaat-niet/huisbezoeken', {
          tijdstip: eenUurGeleden(),
          uitkomst: 'bereikt',
          medewerker: 'mdw-1',
        })
      ).status,
    ).toBe(404);
    expect((await verzoek('GET', '/v1/meldingen/traject-verkeerd-soort')).status).toBe(404);

    // Closing the case makes further visits a conflict, not a silent no-op.
    expect((await verzoek('POST', `/v1/meldingen/${body.id}/afsluiting`, { reden: 'schuld-voldaan' })).status).toBe(200);
    const naAfsluiten = await verzoek('POST', pad, {
      tijdstip: new Date(Date.now() - 60_000).toISOString(),
      uitkomst: 'bereikt',
      medewerker: 'mdw-1',
    });
    expect(naAfsluiten.status).toBe(409);
    expect((await verzoek('GET', `/v1/meldingen/${body.id}`)).body.fase).toBe('afgesloten');
  });

  it('shows a refused task in the status and delivers it again on POST …/herlevering (no body needed)', async () => {
    adapters.notificaties.storing = 'weigert';
    try {
      const { body } = await verzoek('POST', '/v1/meldingen', melding('YM-2026-0401', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
      const status = await uiteindelijk(async () => {
        const s = await verzoek('GET', `/v1/meldingen/${body.id}`);
        expect(s.body.storingen).toHaveLength(1);
        return s.body;
      });
      expect(status.storingen[0]).toMatchObject({
        soort: 'notificatie',
        onderwerp: 'huisbezoek-plannen',
        reden: expect.stringMatching(/401/),
      });
      adapters.notificaties.storing = undefined;
      // An operator action: any case, no team needed.
      const herlevering = await fetch(`${basis}/v1/meldingen/${body.id}/herlevering`, {
        method: 'POST',
        headers: { authorization: await api.issuer.bearer('operator') },
      });
      expect(herlevering.status).toBe(200);
      // The operator's answer is the operator's view of the case: no name, address or creditor.
      const antwoord = JSON.stringify(await herlevering.json());
      expect(antwoord).toContain(body.id);
      expect(antwoord).not.toMatch(/B\. Bakker|Osdorpplein|Ymere|YM-2026-0401/);
      await uiteindelijk(async () => expect((await verzoek('GET', `/v1/meldingen/${body.id}`)).body.storingen).toEqual([]));
      expect(adapters.notificaties.voor(body.id)).toEqual(['huisbezoek-plannen']);
      const niets = await verzoek('POST', `/v1/meldingen/${body.id}/herlevering`, {});
      expect(niets).toMatchObject({ status: 409, body: { fout: expect.stringMatching(/geen geweigerde levering/) } });
    } finally {
      adapters.notificaties.storing = undefined;
    }
  });

  it("lists a team's werkvoorraad from visibility, most urgent term first", async () => {
    const a = await verzoek(
      'POST',
      '/v1/meldingen',
      melding('WN-1', plusDagen(vandaag, -1), { buurtteam: 'west', schuldeiser: { type: 'waternet', naam: 'Waternet' } }),
    );
    const t = await verzoek('POST', '/v1/aanmeldingen', {
      aanmeldDatum: plusDagen(vandaag, -54),
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'west',
      regievoerder: 'mdw-0007',
      client: { bsn: testBsn(1), naam: 'D' },
    });
    const taken = await uiteindelijk(async () => {
      const { status, body } = await verzoek('GET', '/v1/teams/west/taken');
      expect(status).toBe(200);
      expect(body.taken).toHaveLength(2);
      return body.taken;
    });
    // The traject's beschikking term (8 weeks from 54 days ago, on or after the 2nd werkdag from now)
    // comes before the next huisbezoek (the 3rd werkdag from now).
    expect(taken.map((x: { zaakId: string }) => x.zaakId)).toEqual([t.body.id, a.body.id]);
    expect(taken[0]).toMatchObject({ soort: 'schuldhulpTraject', fase: 'intake', openTaken: ['intake-plannen'] });
    expect(taken[1]).toMatchObject({ soort: 'vroegEropaf', fase: 'vroeg-eropaf-bereiken', openTaken: ['huisbezoek'] });
    expect(taken[0].regievoerder).toBe('mdw-0007');
    // The team recognises its cases by name (and a melding by street), read from the cases' encrypted
    // payloads; an operator sees the same cases without them.
    expect(taken[0].wie).toEqual({ naam: 'D' });
    expect(taken[1].wie).toEqual({ naam: 'B. Bakker', adres: expect.stringMatching(/^Osdorpplein \S+$/) });
    const alsOperator = await verzoek('GET', '/v1/teams/west/taken', undefined, { authorization: await api.issuer.bearer('operator') });
    expect(alsOperator.body.taken.map((x: { zaakId: string }) => x.zaakId)).toEqual([t.body.id, a.body.id]);
    expect(JSON.stringify(alsOperator.body)).not.toMatch(/B\. Bakker|Osdorpplein|"wie"/);

    const eigen = await verzoek('GET', '/v1/teams/west/taken?regievoerder=mdw-0007');
    expect(eigen.body.taken.map((x: { zaakId: string }) => x.zaakId)).toEqual([t.body.id]);
    expect(velden((await verzoek('GET', '/v1/teams/West%20Team!/taken')).body)).toEqual(['team']);
    expect(velden((await verzoek('GET', '/v1/teams/west/taken?regievoerder=Jan%20de%20Vries')).body)).toEqual(['regievoerder']);

    // Pages with a cursor, counts per task for the whole team on every page.
    const eerste = await verzoek('GET', '/v1/teams/west/taken?limiet=1');
    expect(eerste.body).toMatchObject({
      totaal: 2,
      perTaak: { huisbezoek: 1, 'intake-plannen': 1 },
      taken: [{ zaakId: t.body.id }],
    });
    const tweede = await verzoek('GET', `/v1/teams/west/taken?limiet=1&cursor=${eerste.body.volgende}`);
    expect(tweede.body.taken.map((x: { zaakId: string }) => x.zaakId)).toEqual([a.body.id]);
    expect(tweede.body.volgende).toBeUndefined();
    expect((await verzoek('GET', '/v1/teams/west/taken?taak=huisbezoek')).body.taken).toHaveLength(1);
    expect(velden((await verzoek('GET', '/v1/teams/west/taken?limiet=500')).body)).toEqual(['limiet']);
    expect(velden((await verzoek('GET', '/v1/teams/west/taken?cursor=bm9vaXQ')).body)).toEqual(['cursor']);

    // A new read model (the API restarting) rebuilds the same werkvoorraad from visibility.
    const herstart = new WerkvoorraadProjectie(env.client);
    herstart.start();
    try {
      await herstart.gereed();
      expect(herstart.index.pagina('west', { limiet: 50 }).taken).toEqual(taken.map(({ wie: _, ...taak }: { wie?: unknown }) => taak));
    } finally {
      await herstart.stop();
    }

    // A closed case leaves the werkvoorraad.
    expect((await verzoek('POST', `/v1/meldingen/${a.body.id}/afsluiting`, { reden: 'schuld-voldaan' })).status).toBe(200);
    await uiteindelijk(async () =>
      expect((await verzoek('GET', '/v1/teams/west/taken')).body).toMatchObject({ totaal: 1, taken: [{ zaakId: t.body.id }] }),
    );
  });

  it('catches in a sweep the changes that quick polls missed (late visibility)', async () => {
    // Quick polls that look an hour ahead see no change at all: they stand for polls that ran before
    // a change became visible. Only the sweep, looking back from the previous sweep, can find it.
    const blind = { intervalMs: 100, snelOverlapMs: -3_600_000 };
    const metVangnet = new WerkvoorraadProjectie(env.client, { ...blind, vangnetIntervalMs: 1_000 });
    const zonderVangnet = new WerkvoorraadProjectie(env.client, { ...blind, vangnetIntervalMs: 3_600_000 });
    for (const p of [metVangnet, zonderVangnet]) p.start();
    try {
      await Promise.all([metVangnet.gereed(), zonderVangnet.gereed()]);
      const { body } = await verzoek('POST', '/v1/meldingen', melding('VN-1', plusDagen(vandaag, -1), { buurtteam: 'westpoort' }));
      const ids = (p: WerkvoorraadProjectie) => p.index.pagina('westpoort', { limiet: 50 }).taken.map((t) => t.zaakId);
      await uiteindelijk(async () => expect(ids(metVangnet)).toContain(body.id));
      // Several quick polls later the read model without sweeps has still not seen it; its polls do
      // run (a visibility condition that matched every running case would have shown it here).
      await new Promise((r) => setTimeout(r, 1_000));
      expect(zonderVangnet.actueel).toBe(true);
      expect(ids(zonderVangnet)).not.toContain(body.id);
    } finally {
      await Promise.all([metVangnet.stop(), zonderVangnet.stop()]);
    }
  });

  it('keeps a case that continued as new in the werkvoorraad', async () => {
    const meldingId = `melding-doorgestart-${Date.now()}`;
    const h = await env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding('CAN-1', plusDagen(vandaag, -1), { buurtteam: 'noord' }), meldingId, maxHistorie: 40 }],
    });
    const eersteRun = (await h.describe()).runId;
    const projectie = new WerkvoorraadProjectie(env.client, { intervalMs: 100, vangnetIntervalMs: 500 });
    projectie.start();
    try {
      const taak = () => projectie.index.pagina('noord', { limiet: 50 }).taken.find((t) => t.zaakId === meldingId);
      await uiteindelijk(async () => expect(taak()).toBeDefined());
      for (let i = 0; i < 9; i++) {
        const tijdstip = new Date(Date.now() - (30 - i) * 60_000).toISOString();
        await h.executeUpdate(huisbezoekUpdate, { args: [{ tijdstip, uitkomst: 'niet-thuis', medewerker: 'mdw-1' }] });
      }
      expect((await h.describe()).runId).not.toBe(eersteRun);
      // Both runs are listed by the polls and sweeps that follow (the closed one with its close time).
      await new Promise((r) => setTimeout(r, 1_500));
      expect(taak()).toMatchObject({ soort: 'vroegEropaf', fase: 'vroeg-eropaf-bereiken' });
    } finally {
      await projectie.stop();
      await h.executeUpdate(meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
    }
  });

  it('walks a Vroeg Eropaf case over HTTP from melding to hand-over, as in the README', async () => {
    const { body } = await verzoek('POST', '/v1/meldingen', melding('YM-2026-0417', plusDagen(vandaag, -2), { buurtteam: 'nieuw-west' }));
    const id = body.id as string;
    const pad = `/v1/meldingen/${id}`;
    const bezoek = { tijdstip: eenUurGeleden(), uitkomst: 'bereikt', medewerker: 'mdw-0007' };
    const eerste = await verzoek('POST', `${pad}/huisbezoeken`, bezoek, { 'idempotency-key': 'bezoek-1' });
    const herhaald = await verzoek('POST', `${pad}/huisbezoeken`, bezoek, { 'idempotency-key': 'bezoek-1' });
    expect([eerste.status, herhaald.status]).toEqual([200, 200]);
    expect(herhaald.body.bezoeken).toHaveLength(1);
    expect(herhaald.body.fase).toBe('begeleiding');

    const stap = await verzoek('POST', `${pad}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });
    expect(stap.body.openTaken).toEqual(['inkomensherstel', 'betalingsregeling', 'budgetplan']);
    expect(velden((await verzoek('POST', `${pad}/stappen`, { stap: 'kopje-koffie', status: 'afgerond', datum: vandaag })).body)).toEqual([
      'stap',
    ]);
    expect((await verzoek('POST', `${pad}/afsluiting`, { reden: 'afgerond' })).status).toBe(409);

    const overdracht = await verzoek('POST', `${pad}/overdracht`, {
      aanmeldDatum: vandaag,
      regievoerder: 'mdw-0007',
      client: { bsn: testBsn(2), naam: 'B. Bakker' },
      toestemming: { vastleggen: true, delen: true },
    });
    expect(overdracht.status).toBe(200);
    const trajectId = overdracht.body.trajectId as string;
    // A household's melding's traject carries its run as well: the melding's id comes back after the retention.
    expect(trajectId).toMatch(new RegExp(`^traject-${id}-[0-9a-f]{12}$`));
    expect((await verzoek('GET', pad)).body.fase).toBe('overgedragen');
    const traject = await verzoek('GET', `/v1/trajecten/${trajectId}`);
    expect(traject.body).toMatchObject({
      fase: 'intake',
      vanMelding: id,
      buurtteam: 'nieuw-west',
      openTaken: ['intake-plannen'],
    });
  });

  it('runs a traject through the API: elfproef, idempotent aanmelding, 409 on an illegal move', async () => {
    const aanmelding = {
      aanmeldDatum: vandaag,
      buurtteam: 'noord',
      client: { bsn: testBsn(3), naam: 'E. Eg' },
      toestemming: { vastleggen: true, delen: true },
    };
    const slecht = await verzoek('POST', '/v1/aanmeldingen', { ...aanmelding, client: { bsn: ONGELDIG_BSN, naam: 'E' } });
    expect(slecht).toMatchObject({ status: 400, body: { velden: [{ pad: 'client.bsn', melding: 'BSN voldoet niet aan de elfproef' }] } });

    const nieuw = await verzoek('POST', '/v1/aanmeldingen', aanmelding, { 'idempotency-key': 'aanmelding-noord-42' });
    expect(nieuw.status).toBe(201);
    const herhaald = await verzoek('POST', '/v1/aanmeldingen', aanmelding, { 'idempotency-key': 'aanmelding-noord-42' });
    expect(herhaald).toMatchObject({ status: 200, body: { id: nieuw.body.id, bestaand: true } });

    const id = nieuw.body.id as string;
    const illegaal = await verzoek('POST', `/v1/trajecten/${id}/fase`, { naar: 'stabilisatie' });
    expect(illegaal).toMatchObject({ status: 409, body: { fout: 'stabilisatie kan pas na een gehouden intake' } });
    expect((await verzoek('POST', `/v1/trajecten/${id}/fase`, { naar: 'schuldregeling' })).body.velden).toEqual([
      { pad: 'route', melding: 'schuldregeling vraagt een route: minnelijk of wsnp' },
    ]);
    // A medewerker holds the intake: four eyes keep the beschikking from them.
    const medewerker = { authorization: await api.issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0003' }) };
    const intake = await verzoek('POST', `/v1/trajecten/${id}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() }, medewerker);
    expect(intake.status).toBe(200);
    expect((await verzoek('POST', `/v1/trajecten/${id}/fase`, { naar: 'stabilisatie' })).body.fase).toBe('stabilisatie');
    expect((await verzoek('POST', `/v1/trajecten/${id}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)))).status).toBe(200);
    expect((await verzoek('POST', `/v1/trajecten/${id}/beschikking`, { datum: vandaag, besluit: 'toegekend' })).status).toBe(200);
    expect(
      (await verzoek('POST', `/v1/trajecten/${id}/flankmodules`, { module: 'sociaaljuridisch-advies', actief: true })).body.flankmodules,
    ).toEqual(['sociaaljuridisch-advies']);
    expect((await verzoek('POST', `/v1/trajecten/${id}/crisisinterventie`, { actief: true })).body.crisisinterventie).toBe(true);
    expect((await verzoek('POST', `/v1/trajecten/${id}/inkomensbeheer`, { vorm: 'budgetbeheer', datum: vandaag })).status).toBe(200);
    // Shared in order, asynchronously: updates never wait for the registration system.
    await uiteindelijk(async () =>
      expect(adapters.registratie.voor(id).map((r) => r.gebeurtenis)).toEqual([
        'aanmelding',
        'intake',
        'fase',
        'beschikking',
        'module',
        'module',
        'module',
      ]),
    );
    expect(
      (await verzoek('POST', `/v1/trajecten/${id}/toestemming`, { vastleggen: true, delen: false, datum: vandaag })).body.toestemming.delen,
    ).toBe(false);

    const status = await verzoek('GET', `/v1/trajecten/${id}`);
    expect(status.body).toMatchObject({ fase: 'stabilisatie', beschikking: { besluit: 'toegekend' }, openTaken: [] });

    expect((await verzoek('GET', '/v1/trajecten/traject-onbekend')).status).toBe(404);
  });

  it('suspends, resumes and extends the beschikking term over HTTP (Awb 4:15, 4:14); the verdaging reason never leaves the case', async () => {
    const nieuw = await verzoek('POST', '/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: true },
      buurtteam: 'oost',
      client: { bsn: testBsn(11), naam: 'F. Ee' },
    });
    const pad = `/v1/trajecten/${nieuw.body.id as string}`;
    expect(velden((await verzoek('POST', `${pad}/opschorting`, { actie: 'pauze', datum: vandaag })).body)).toEqual(['actie']);
    expect(await verzoek('POST', `${pad}/opschorting`, { actie: 'hervatten', datum: vandaag })).toMatchObject({
      status: 409,
      body: { fout: 'de termijn is niet opgeschort' },
    });
    const opgeschort = await verzoek('POST', `${pad}/opschorting`, { actie: 'opschorten', datum: vandaag });
    expect(opgeschort.body.termijn.opgeschortSinds).toBe(vandaag);
    const hervat = await verzoek('POST', `${pad}/opschorting`, { actie: 'hervatten', datum: vandaag });
    expect(hervat.body.termijnVerloop.wijzigingen).toEqual([{ soort: 'opschorting', vanaf: vandaag, tot: vandaag }]);
    const nieuweEinddatum = plusDagen(hervat.body.termijn.einddatum, 14);
    const zonderReden = await verzoek('POST', `${pad}/verdaging`, { nieuweEinddatum });
    expect(velden(zonderReden.body)).toEqual(['reden']);
    const verdaagd = await verzoek(
      'POST',
      `${pad}/verdaging`,
      { nieuweEinddatum, reden: 'advies nodig' },
      { 'idempotency-key': 'verdaging-1' },
    );
    expect(verdaagd.body.termijn.kaleEinddatum).toBe(nieuweEinddatum);
    const nogmaals = await verzoek('POST', `${pad}/verdaging`, { nieuweEinddatum: plusDagen(nieuweEinddatum, 7), reden: 'nog eens' });
    expect(nogmaals.status).toBe(409);
    await uiteindelijk(async () => expect(adapters.notificaties.voor(nieuw.body.id)).toContain('verdaging-meedelen'));

    // The next registration carries the verdaging as a fact with its dates, not the reason staff typed.
    expect((await verzoek('POST', `${pad}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() })).status).toBe(200);
    const gedeeld = await uiteindelijk(async () => {
      const intake = adapters.registratie.voor(nieuw.body.id).find((r) => r.gebeurtenis === 'intake');
      expect(intake).toBeDefined();
      return intake!;
    });
    expect((gedeeld.gegevens.termijnVerloop as { wijzigingen: unknown[] }).wijzigingen).toContainEqual({
      soort: 'verdaging',
      nieuweEinddatum,
      datum: vandaag,
    });
    expect(JSON.stringify(gedeeld)).not.toContain('advies nodig');
  });

  it('spends minimaatwerk within EUR 500 per household and EUR 3,000 per team per year, also when spends race', async () => {
    const jaar = Number(vandaag.slice(0, 4));
    let volgnummer = 20; // one open traject per person: every household its own BSN
    const nieuwTraject = async () =>
      (
        await verzoek('POST', '/v1/aanmeldingen', {
          aanmeldDatum: vandaag,
          toestemming: { vastleggen: true, delen: false },
          buurtteam: 'westpoort',
          client: { bsn: testBsn(volgnummer++), naam: 'H. Ee' },
        })
      ).body.id as string;
    // Every household its own address (the limit is per household).
    const huishoudens = new Map<string, { postcode: string; huisnummer: string }>();
    const besteed = (id: string, bedragCent: number, sleutel?: string) => {
      if (!huishoudens.has(id)) huishoudens.set(id, { postcode: '1013 AB', huisnummer: String(huishoudens.size + 1) });
      const uitgave = { bedragCent, datum: vandaag, huishouden: huishoudens.get(id) };
      return verzoek('POST', `/v1/trajecten/${id}/minimaatwerk`, uitgave, sleutel ? { 'idempotency-key': sleutel } : {});
    };

    expect(await verzoek('GET', `/v1/teams/westpoort/minimaatwerkbudget?jaar=${jaar}`)).toMatchObject({
      status: 200,
      body: { team: { besteedCent: 0, resterendCent: 300_000 } },
    });
    const eerste = await nieuwTraject();
    expect(await besteed(eerste, 40_000, 'mw-1')).toMatchObject({ status: 200, body: { huishouden: { resterendCent: 10_000 } } });
    // A retry of the same request is recorded once.
    expect((await besteed(eerste, 40_000, 'mw-1')).body.huishouden.besteedCent).toBe(40_000);
    expect(await besteed(eerste, 20_000)).toMatchObject({
      status: 409,
      body: { fout: 'minimaatwerkbudget van het huishouden ontoereikend: nog € 100,00 over' },
    });

    // Ten households ask for EUR 400 at the same moment: only EUR 2,600 is left, so exactly six get it.
    const anderen = await Promise.all(Array.from({ length: 10 }, nieuwTraject));
    const antwoorden = await Promise.all(anderen.map((id) => besteed(id, 40_000)));
    expect(antwoorden.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 409, 409, 409, 409]);
    expect(antwoorden.find((a) => a.status === 409)?.body.fout).toMatch(/van het team ontoereikend: nog € 200,00 over/);
    expect((await verzoek('GET', `/v1/teams/westpoort/minimaatwerkbudget?jaar=${jaar}`)).body.team).toEqual({
      budgetCent: 300_000,
      besteedCent: 280_000,
      resterendCent: 20_000,
    });
    expect(velden((await besteed(eerste, -5)).body)).toEqual(['bedragCent']);
    const huishouden = { postcode: '1013 AB', huisnummer: '1' };
    expect(
      (await verzoek('POST', '/v1/trajecten/traject-onbekend/minimaatwerk', { bedragCent: 100, datum: vandaag, huishouden })).status,
    ).toBe(404);
  });

  it('binds an Idempotency-Key to its body on the update routes too: the same key with another body answers 422 and changes nothing', async () => {
    const anderVerzoek = {
      status: 422,
      body: { fout: 'deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel' },
    };
    const { body: m } = await verzoek('POST', '/v1/meldingen', melding('YM-2026-0777', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    const bezoek = { tijdstip: new Date(Date.now() - 7200_000).toISOString(), uitkomst: 'niet-thuis', medewerker: 'mdw-0777' };
    const sleutel = { 'idempotency-key': 'bezoek-0777' };
    expect((await verzoek('POST', `/v1/meldingen/${m.id}/huisbezoeken`, bezoek, sleutel)).status).toBe(200);
    expect((await verzoek('POST', `/v1/meldingen/${m.id}/huisbezoeken`, bezoek, sleutel)).body.bezoeken).toHaveLength(1);
    // Another visit under the same key: without the binding it would be recorded as a second visit.
    expect(await verzoek('POST', `/v1/meldingen/${m.id}/huisbezoeken`, { ...bezoek, tijdstip: eenUurGeleden() }, sleutel)).toMatchObject({
      ...anderVerzoek,
      location: null,
    });
    expect((await verzoek('GET', `/v1/meldingen/${m.id}`)).body.bezoeken).toHaveLength(1);

    const { body: t } = await verzoek('POST', '/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'oost',
      client: { bsn: testBsn(777), naam: 'I' },
    });
    const module = (actief: boolean) =>
      verzoek('POST', `/v1/trajecten/${t.id}/flankmodules`, { module: 'budgetcoaching', actief }, { 'idempotency-key': 'module-0777' });
    expect((await module(true)).body.flankmodules).toEqual(['budgetcoaching']);
    expect(await module(false)).toMatchObject(anderVerzoek);
    // The same key on another route is another request as well.
    const crisis = await verzoek('POST', `/v1/trajecten/${t.id}/crisisinterventie`, { actief: true }, { 'idempotency-key': 'module-0777' });
    expect(crisis).toMatchObject(anderVerzoek);
    expect((await verzoek('GET', `/v1/trajecten/${t.id}`)).body).toMatchObject({
      flankmodules: ['budgetcoaching'],
      crisisinterventie: false,
    });

    const uitgave = (bedragCent: number) =>
      verzoek(
        'POST',
        `/v1/trajecten/${t.id}/minimaatwerk`,
        { bedragCent, datum: vandaag, huishouden: { postcode: '1094 AA', huisnummer: '77' } },
        { 'idempotency-key': 'uitgave-0777' },
      );
    expect((await uitgave(1_000)).body.huishouden.besteedCent).toBe(1_000);
    expect((await uitgave(1_000)).body.huishouden.besteedCent).toBe(1_000);
    expect(await uitgave(2_000)).toMatchObject(anderVerzoek);
  });

  it('starts the term at the first conversation when BESCHIKKING_TERMIJN_START says so', async () => {
    const anders = await startApi(env.client, {}, { termijnStart: 'eerste-gesprek' });
    try {
      const authorization = await anders.issuer.bearer('teamleider', ['oost']);
      const post = (pad: string, body: unknown) =>
        fetch(`${anders.basis}${pad}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify(body),
        }).then((a) => a.json() as Promise<any>);
      const { id } = await post('/v1/aanmeldingen', {
        aanmeldDatum: vandaag,
        toestemming: { vastleggen: true, delen: false },
        buurtteam: 'oost',
        client: { bsn: testBsn(12), naam: 'G. Ee' },
      });
      const status = (await verzoek('GET', `/v1/trajecten/${id as string}`)).body;
      expect(status.termijnVerloop).toEqual({ start: 'eerste-gesprek', wijzigingen: [] });
      expect(status.termijn).toBeUndefined();
      const tijdstip = eenUurGeleden();
      const gehouden = await post(`/v1/trajecten/${id as string}/intake`, { actie: 'gehouden', tijdstip });
      const eersteGesprek = amsterdamDatum(new Date(tijdstip));
      expect(gehouden.termijnVerloop.startDatum).toBe(eersteGesprek);
      // From the day of the conversation: an hour ago may be yesterday (just after midnight).
      expect(gehouden.termijn.einddatum >= plusDagen(eersteGesprek, 56)).toBe(true);
    } finally {
      await anders.stop();
    }
  });

  it('allows one open traject per person: 409 with the open traject, atomic under concurrency, and no BSN in any id', async () => {
    const bsn = testBsn(4);
    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'oost',
      client: { bsn, naam: 'F. Fok' },
    };
    // Two aanmeldingen for the same person at the same moment: exactly one starts a traject.
    const [a, b] = await Promise.all([verzoek('POST', '/v1/aanmeldingen', aanmelding), verzoek('POST', '/v1/aanmeldingen', aanmelding)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [gestart, geweigerd] = a.status === 201 ? [a, b] : [b, a];
    expect(geweigerd.body).toMatchObject({ fout: 'deze persoon heeft al een open schuldhulptraject', trajectId: gestart.body.id });

    // The hand-over of a melding for the same person is refused the same way, and changes nothing.
    const m = await verzoek('POST', '/v1/meldingen', melding('ENECO-77', plusDagen(vandaag, -3), { buurtteam: 'oost' }));
    const pad = `/v1/meldingen/${m.body.id}`;
    await verzoek('POST', `${pad}/huisbezoeken`, { tijdstip: eenUurGeleden(), uitkomst: 'bereikt', medewerker: 'mdw-1' });
    await verzoek('POST', `${pad}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });
    const overdracht = { aanmeldDatum: vandaag, toestemming: { vastleggen: true, delen: false }, client: { bsn, naam: 'F. Fok' } };
    expect(await verzoek('POST', `${pad}/overdracht`, overdracht)).toMatchObject({
      status: 409,
      body: { fout: 'deze persoon heeft al een open schuldhulptraject', trajectId: gestart.body.id },
    });
    expect((await verzoek('GET', pad)).body).toMatchObject({ fase: 'begeleiding' });

    // Neither the BSN nor anything else personal is in a workflow id or search attribute.
    const zaken = [];
    for await (const wf of env.client.workflow.list()) zaken.push(JSON.stringify([wf.workflowId, wf.searchAttributes]));
    expect(zaken.some((z) => z.includes('persoon-'))).toBe(true);
    for (const z of zaken) expect(z).not.toContain(bsn);

    // Once the traject closes, the person can be registered again (and handed over).
    await verzoek('POST', `/v1/trajecten/${gestart.body.id}/fase`, {
      naar: 'afgesloten',
      reden: 'aanmelding ingetrokken',
      uitstroom: 'client-stopt',
    });
    // Until the person's lock has ended, a hand-over is refused with why (seen as a 500 on the cluster).
    await naVorigTraject(() => verzoek('POST', `${pad}/overdracht`, overdracht), 200);
    const overgedragen = (await verzoek('GET', pad)).body.trajectId as string;
    expect(overgedragen).toMatch(new RegExp(`^traject-${m.body.id}-[0-9a-f]{12}$`));
    expect((await verzoek('POST', '/v1/aanmeldingen', aanmelding)).body).toMatchObject({ trajectId: overgedragen });
  });

  it('binds an Idempotency-Key to the request body: the same body answers the same traject, another body 422', async () => {
    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'oost',
      client: { bsn: testBsn(5), naam: 'G. Gans' },
    };
    const sleutel = { 'idempotency-key': 'aanmelding-oost-gans' };
    const eerste = await verzoek('POST', '/v1/aanmeldingen', aanmelding, sleutel);
    expect(eerste.status).toBe(201);
    expect(await verzoek('POST', '/v1/aanmeldingen', aanmelding, sleutel)).toMatchObject({
      status: 200,
      body: { id: eerste.body.id, bestaand: true },
    });
    const ander = await verzoek('POST', '/v1/aanmeldingen', { ...aanmelding, crisis: true }, sleutel);
    expect(ander).toMatchObject({
      status: 422,
      body: { fout: 'deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel' },
      location: null,
    });
    // Also after the traject closed.
    await verzoek('POST', `/v1/trajecten/${eerste.body.id}/fase`, {
      naar: 'afgesloten',
      reden: 'aanmelding ingetrokken',
      uitstroom: 'client-stopt',
    });
    expect((await verzoek('POST', '/v1/aanmeldingen', aanmelding, sleutel)).status).toBe(200);
    expect((await verzoek('POST', '/v1/aanmeldingen', { ...aanmelding, buurtteam: 'west' }, sleutel)).status).toBe(422);
  });

  it('updates an open melding when the same melding comes again with a higher achterstand, whatever the referentie notation', async () => {
    const m = melding('VG-2026-0099', plusDagen(vandaag, -5), { buurtteam: 'zuid', schuldeiser: { type: 'zorgverzekeraar', naam: 'VGZ' } });
    const eerste = await verzoek('POST', '/v1/meldingen', m);
    expect(eerste.status).toBe(201);
    const hoger = { ...m, referentie: 'vg 2026 0099', achterstand: { bedragCent: 250_000, maanden: 3 }, meldDatum: plusDagen(vandaag, -1) };
    expect(await verzoek('POST', '/v1/meldingen', hoger)).toMatchObject({
      status: 200,
      body: { id: eerste.body.id, bestaand: true, bijgewerkt: true },
    });
    // The same or a lower amount changes nothing.
    expect((await verzoek('POST', '/v1/meldingen', { ...m, referentie: 'VG2026-0099' })).body).toMatchObject({
      id: eerste.body.id,
      bijgewerkt: false,
    });
    const status = (await verzoek('GET', `/v1/meldingen/${eerste.body.id}`)).body;
    expect(status.achterstand).toEqual({ bedragCent: 250_000, maanden: 3 });
    expect(status.herhaalmeldingen).toEqual([
      { achterstand: { bedragCent: 250_000, maanden: 3 }, meldDatum: hoger.meldDatum, ontvangen: expect.any(String) },
    ]);
    // A closed melding stays closed; the creditor's next signal opens a new melding (recidive).
    await verzoek('POST', `/v1/meldingen/${eerste.body.id}/afsluiting`, { reden: 'schuld-voldaan' });
    const naSluiten = await verzoek('POST', '/v1/meldingen', { ...hoger, achterstand: { bedragCent: 900_000, maanden: 9 } });
    expect(naSluiten).toMatchObject({ status: 201, body: { bestaand: false } });
    expect(naSluiten.body.id).not.toBe(eerste.body.id);
    expect((await verzoek('GET', `/v1/meldingen/${eerste.body.id}`)).body.fase).toBe('afgesloten');
  });
});
