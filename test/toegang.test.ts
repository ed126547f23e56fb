import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAuditLog } from '../api/auditSqlite';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { opnemendeAdapters } from './helpers/fakes';
import { melding, testBsn } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';
import { draaiendeWorker } from './helpers/werkers';
import { startApi, type DraaiendeApi } from './helpers/api';
import type { TestIssuer } from './helpers/tokens';

/** Who may do what on existing cases, end to end against the real dev server with real tokens. */
describe('team scoping, roles and the acting user', () => {
  let env: TestWorkflowEnvironment;
  let worker: { stop(): Promise<void> } | undefined;
  let api: DraaiendeApi;
  let zonderVierOgen: DraaiendeApi;
  let issuer: TestIssuer;
  let basis: string;
  /** The protocol as `npm start` keeps it: a SQLite file. */
  let auditBestand: string;
  const vandaag = amsterdamDatum(new Date());
  const eenUurGeleden = () => new Date(Date.now() - 3600_000).toISOString();

  beforeAll(async () => {
    env = await devServerOmgeving();
    worker = await draaiendeWorker(env, opnemendeAdapters());
    auditBestand = join(await mkdtemp(join(tmpdir(), 'schuldhulp-audit-')), 'audit.sqlite');
    api = await startApi(env.client, {}, { audit: sqliteAuditLog(auditBestand) });
    ({ issuer, basis } = api);
    await api.werkvoorraad.gereed();
    zonderVierOgen = await startApi(env.client, {}, { vierOgen: false });
  });
  afterAll(async () => {
    await api?.stop();
    await zonderVierOgen?.stop();
    await worker?.stop();
    await env?.teardown();
  });

  async function verzoek(als: string, methode: string, pad: string, body?: unknown, via = basis) {
    const antwoord = await fetch(`${via}${pad}`, {
      method: methode,
      headers: { 'content-type': 'application/json', authorization: als },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: antwoord.status, body: (await antwoord.json()) as any };
  }

  it("keeps other teams' cases out of sight: 404 exactly like an unknown case, for reads and changes", async () => {
    const oost = await issuer.bearer('medewerker', ['oost'], { sub: 'mdw-0201' });
    const west = await issuer.bearer(['medewerker', 'teamleider'], ['west', 'zuid'], { sub: 'mdw-0301' });
    const { body } = await verzoek(oost, 'POST', '/meldingen', melding('SC-1', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    const id = body.id as string;
    expect((await verzoek(oost, 'GET', `/meldingen/${id}`)).status).toBe(200);

    const onbekend = await verzoek(west, 'GET', '/meldingen/melding-bestaat-niet');
    expect(onbekend).toEqual({ status: 404, body: { fout: 'zaak niet gevonden' } });
    expect(await verzoek(west, 'GET', `/meldingen/${id}`)).toEqual(onbekend);
    const bezoek = { tijdstip: eenUurGeleden(), uitkomst: 'niet-thuis', medewerker: 'mdw-0301' };
    expect(await verzoek(west, 'POST', `/meldingen/${id}/huisbezoeken`, bezoek)).toEqual(onbekend);
    // A bad body answers the same for someone else's case as for an unknown one.
    expect(await verzoek(west, 'POST', `/meldingen/${id}/huisbezoeken`, { onzin: true })).toEqual(
      await verzoek(west, 'POST', '/meldingen/melding-bestaat-niet/huisbezoeken', { onzin: true }),
    );
    expect((await verzoek(oost, 'GET', `/meldingen/${id}`)).body.bezoeken).toEqual([]);

    // The same melding registered again for another team is refused without its id.
    const dubbel = await verzoek(west, 'POST', '/meldingen', melding('SC-1', plusDagen(vandaag, -2), { buurtteam: 'west' }));
    expect(dubbel).toEqual({ status: 409, body: { fout: 'deze zaak is al bij een ander buurtteam geregistreerd' } });
  });

  it('records the acting user from the token with every update, never from the body', async () => {
    const mdw = await issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0007' });
    const { body } = await verzoek(mdw, 'POST', '/meldingen', melding('SC-2', plusDagen(vandaag, -2), { buurtteam: 'noord' }));
    const pad = `/meldingen/${body.id}`;
    const bezoek = { tijdstip: eenUurGeleden(), uitkomst: 'bereikt', medewerker: 'mdw-0008' };
    expect(await verzoek(mdw, 'POST', `${pad}/huisbezoeken`, { ...bezoek, door: 'iemand-anders' })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'door', melding: 'onbekend veld' }] },
    });
    const status = (await verzoek(mdw, 'POST', `${pad}/huisbezoeken`, bezoek)).body;
    expect(status.bezoeken[0]).toMatchObject({ medewerker: 'mdw-0008', door: 'mdw-0007' });
    const stap = await verzoek(mdw, 'POST', `${pad}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });
    expect(stap.body.stappen.budgetgesprek).toEqual({ status: 'afgerond', datum: vandaag, door: 'mdw-0007' });
    const overdracht = await verzoek(mdw, 'POST', `${pad}/overdracht`, { aanmeldDatum: vandaag, client: { bsn: testBsn(701), naam: 'F' } });
    expect(overdracht.body.overgedragenDoor).toBe('mdw-0007');

    // The traject handed over is the same team's: reachable, and its changes carry the user too.
    const trajectId = overdracht.body.trajectId as string;
    const intake = await verzoek(mdw, 'POST', `/trajecten/${trajectId}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() });
    expect(intake.body.intake).toMatchObject({ gehoudenDoor: 'mdw-0007' });
    const fase = await verzoek(mdw, 'POST', `/trajecten/${trajectId}/fase`, { naar: 'stabilisatie' });
    expect(fase.body.faseHistorie.at(-1)).toMatchObject({ fase: 'stabilisatie', door: 'mdw-0007' });
    const module = await verzoek(mdw, 'POST', `/trajecten/${trajectId}/flankmodules`, { module: 'budgetcoaching', actief: true });
    expect(module.body.moduleHistorie).toEqual([expect.objectContaining({ wijziging: 'budgetcoaching aan', door: 'mdw-0007' })]);
  });

  it('lets only a teamleider close as niet-bereikt and register a beschikking, never as its own regievoerder', async () => {
    const mdw = await issuer.bearer('medewerker', ['zuid'], { sub: 'mdw-0042' });
    const tl = await issuer.bearer('teamleider', ['zuid'], { sub: 'tl-0042' });
    const tlRegie = await issuer.bearer('teamleider', ['zuid'], { sub: 'mdw-0042' });
    const { body } = await verzoek(mdw, 'POST', '/meldingen', melding('SC-3', plusDagen(vandaag, -2), { buurtteam: 'zuid' }));
    expect(await verzoek(mdw, 'POST', `/meldingen/${body.id}/afsluiting`, { reden: 'niet-bereikt' })).toEqual({
      status: 403,
      body: { fout: 'melding afsluiten mag alleen met de rol teamleider' },
    });
    // The teamleider passes the role check and meets the rule of the workflow instead.
    expect((await verzoek(tl, 'POST', `/meldingen/${body.id}/afsluiting`, { reden: 'niet-bereikt' })).status).toBe(409);

    // One open traject per person: each aanmelding is someone else.
    const aanmelding = (n: number) => ({
      aanmeldDatum: vandaag,
      buurtteam: 'zuid',
      regievoerder: 'mdw-0042',
      client: { bsn: testBsn(n), naam: 'G' },
    });
    const traject = (await verzoek(mdw, 'POST', '/aanmeldingen', aanmelding(702))).body.id as string;
    const beschikking = { datum: vandaag, besluit: 'toegekend' };
    const intake = { actie: 'gehouden', tijdstip: eenUurGeleden() };
    expect((await verzoek(mdw, 'POST', `/trajecten/${traject}/beschikking`, beschikking)).status).toBe(403);
    expect(await verzoek(tlRegie, 'POST', `/trajecten/${traject}/beschikking`, beschikking)).toEqual({
      status: 403,
      body: { fout: 'vier ogen: de regievoerder van de zaak mag dit niet zelf doen (beschikking registreren)' },
    });
    // The beschikking follows the intake (werkkader §2.4.6): before it, a clear 409.
    expect(await verzoek(tl, 'POST', `/trajecten/${traject}/beschikking`, beschikking)).toEqual({
      status: 409,
      body: { fout: 'een beschikking volgt op de intake: registreer eerst dat de intake is gehouden' },
    });
    expect((await verzoek(mdw, 'POST', `/trajecten/${traject}/intake`, intake)).status).toBe(200);
    // Four-eyes switched off (VIER_OGEN=uit): the regievoerder who is teamleider may.
    const tlRegieElders = await zonderVierOgen.issuer.bearer('teamleider', ['zuid'], { sub: 'mdw-0042' });
    const zelf = await verzoek(tlRegieElders, 'POST', `/trajecten/${traject}/beschikking`, beschikking, zonderVierOgen.basis);
    expect(zelf).toMatchObject({ status: 200, body: { beschikking: { besluit: 'toegekend', door: 'mdw-0042' } } });
    const ander = (await verzoek(mdw, 'POST', '/aanmeldingen', aanmelding(703))).body.id as string;
    expect((await verzoek(mdw, 'POST', `/trajecten/${ander}/intake`, intake)).status).toBe(200);
    expect((await verzoek(tl, 'POST', `/trajecten/${ander}/beschikking`, beschikking)).body.beschikking).toMatchObject({ door: 'tl-0042' });
  });

  it('keeps four eyes on the beschikking without a regievoerder: who held the intake may not register it', async () => {
    const tl = await issuer.bearer(['medewerker', 'teamleider'], ['zuid'], { sub: 'tl-0043' });
    const { body } = await verzoek(tl, 'POST', '/aanmeldingen', {
      aanmeldDatum: vandaag,
      buurtteam: 'zuid',
      client: { bsn: testBsn(719), naam: 'H' },
    });
    const pad = `/trajecten/${body.id}`;
    const beschikking = { datum: vandaag, besluit: 'toegekend' };
    expect((await verzoek(tl, 'POST', `${pad}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() })).body.intake).toMatchObject({
      gehoudenDoor: 'tl-0043',
    });
    expect(await verzoek(tl, 'POST', `${pad}/beschikking`, beschikking)).toEqual({
      status: 403,
      body: { fout: 'vier ogen: wie de intake hield mag dit niet zelf doen (beschikking registreren)' },
    });
    // VIER_OGEN=uit lifts it.
    const zelfZonder = await zonderVierOgen.issuer.bearer(['medewerker', 'teamleider'], ['zuid'], { sub: 'tl-0043' });
    const zelf = await verzoek(zelfZonder, 'POST', `${pad}/beschikking`, beschikking, zonderVierOgen.basis);
    expect(zelf).toMatchObject({ status: 200, body: { beschikking: { besluit: 'toegekend', door: 'tl-0043' } } });
  });

  it("lets only the traject's own team spend minimaatwerk, records who spent it, and shows other teams' budgets to nobody but operators", async () => {
    const mdw = await issuer.bearer('medewerker', ['osdorp'], { sub: 'mdw-0610' });
    const elders = await issuer.bearer(['medewerker', 'teamleider'], ['slotervaart'], { sub: 'mdw-0611' });
    const operator = await issuer.bearer('operator', [], { sub: 'ops-0002' });
    const aanmelding = { aanmeldDatum: vandaag, buurtteam: 'osdorp', client: { bsn: testBsn(706), naam: 'M' } };
    const traject = (await verzoek(mdw, 'POST', '/aanmeldingen', aanmelding)).body.id as string;
    const uitgave = { bedragCent: 2_500, datum: vandaag, huishouden: { postcode: '1068 AB', huisnummer: '3' } };

    expect(await verzoek(elders, 'POST', `/trajecten/${traject}/minimaatwerk`, uitgave)).toEqual({
      status: 404,
      body: { fout: 'zaak niet gevonden' },
    });
    expect((await verzoek(operator, 'POST', `/trajecten/${traject}/minimaatwerk`, uitgave)).status).toBe(403);
    expect(await verzoek(mdw, 'POST', `/trajecten/${traject}/minimaatwerk`, uitgave)).toMatchObject({
      status: 200,
      body: { team: { besteedCent: 2_500 } },
    });
    const jaar = vandaag.slice(0, 4);
    const { bestedingen } = await env.client.workflow
      .getHandle(`minimaatwerkbudget-osdorp-${jaar}`)
      .query<{ bestedingen: unknown[] }>('budgetStatus');
    expect(bestedingen).toEqual([expect.objectContaining({ trajectId: traject, door: 'mdw-0610' })]);

    expect((await verzoek(elders, 'GET', `/teams/osdorp/minimaatwerkbudget?jaar=${jaar}`)).status).toBe(403);
    expect((await verzoek(operator, 'GET', `/teams/osdorp/minimaatwerkbudget?jaar=${jaar}`)).body.team).toMatchObject({
      besteedCent: 2_500,
    });
  });

  it('keeps minimaatwerk per household and in a bookable year, and lets a colleague, not the spender, approve it (zes ogen)', async () => {
    const mdw = await issuer.bearer('medewerker', ['geuzenveld'], { sub: 'mdw-0620' });
    const collega = await issuer.bearer('medewerker', ['geuzenveld'], { sub: 'mdw-0621' });
    const operator = await issuer.bearer('operator', [], { sub: 'ops-0003' });
    const nieuw = async (n: number) =>
      (
        await verzoek(mdw, 'POST', '/aanmeldingen', {
          aanmeldDatum: vandaag,
          buurtteam: 'geuzenveld',
          client: { bsn: testBsn(n), naam: 'K' },
        })
      ).body.id as string;
    // Two trajecten of one household (two people at one address).
    const [eerste, tweede] = [await nieuw(720), await nieuw(721)];
    const huishouden = { postcode: '1067 AA', huisnummer: '5 a' };
    const besteed = (id: string, bedragCent: number, datum = vandaag) =>
      verzoek(mdw, 'POST', `/trajecten/${id}/minimaatwerk`, { bedragCent, datum, huishouden });
    const beoordeel = (als: string, id: string, uitgaveId: string, besluit: string) =>
      verzoek(als, 'POST', `/trajecten/${id}/minimaatwerk/${uitgaveId}/beoordeling`, { besluit });

    const jaar = Number(vandaag.slice(0, 4));
    for (const datum of [`${jaar + 1}-01-01`, `${jaar - 2}-12-31`]) {
      const buiten = await besteed(eerste, 1_000, datum);
      expect(buiten.status).toBe(400);
      expect(buiten.body.velden).toEqual([{ pad: 'datum', melding: expect.stringMatching(/^een uitgave hoort bij/) }]);
    }

    const aangevraagd = await besteed(eerste, 40_000);
    expect(aangevraagd).toMatchObject({ status: 200, body: { uitgave: { status: 'aangevraagd' }, huishouden: { resterendCent: 10_000 } } });
    // The EUR 500 is the household's: the other traject at the same address ("5A") meets the same limit.
    expect(
      await verzoek(mdw, 'POST', `/trajecten/${tweede}/minimaatwerk`, {
        bedragCent: 20_000,
        datum: vandaag,
        huishouden: { postcode: '1067AA', huisnummer: '5A' },
      }),
    ).toEqual({
      status: 409,
      body: { fout: 'minimaatwerkbudget van het huishouden ontoereikend: nog € 100,00 over' },
    });

    const { uitgaveId } = aangevraagd.body.uitgave;
    expect(await beoordeel(mdw, eerste, uitgaveId, 'goedgekeurd')).toEqual({
      status: 409,
      body: { fout: 'zes ogen: wie de uitgave registreerde, keurt haar niet zelf goed of af; vraag een collega van het team' },
    });
    expect((await beoordeel(operator, eerste, uitgaveId, 'goedgekeurd')).status).toBe(403);
    expect((await beoordeel(collega, tweede, uitgaveId, 'goedgekeurd')).status).toBe(400); // not this traject's spend
    expect(await beoordeel(collega, eerste, uitgaveId, 'goedgekeurd')).toMatchObject({
      status: 200,
      body: { uitgave: { status: 'goedgekeurd' }, huishouden: { besteedCent: 40_000 } },
    });
    expect((await beoordeel(collega, eerste, uitgaveId, 'goedgekeurd')).status).toBe(200); // a repeat
    expect((await beoordeel(collega, eerste, uitgaveId, 'afgewezen')).body).toEqual({ fout: 'deze uitgave is al goedgekeurd' });

    // A pending spend holds budget until it is refused.
    const tweedeUitgave = await besteed(tweede, 10_000);
    expect(tweedeUitgave.body.huishouden).toMatchObject({ besteedCent: 50_000 });
    expect((await beoordeel(collega, tweede, tweedeUitgave.body.uitgave.uitgaveId, 'afgewezen')).body).toMatchObject({
      uitgave: { status: 'afgewezen' },
      huishouden: { besteedCent: 40_000, resterendCent: 10_000 },
    });
    expect((await beoordeel(collega, eerste, 'onbekend-0001', 'goedgekeurd')).status).toBe(404);
  });

  it('shows an operator any case without personal data, and lets an operator change nothing', async () => {
    const mdw = await issuer.bearer('medewerker', ['centrum'], { sub: 'mdw-0500' });
    const operator = await issuer.bearer('operator', [], { sub: 'ops-0001' });
    const { body } = await verzoek(mdw, 'POST', '/meldingen', melding('GEHEIM-REF-77', plusDagen(vandaag, -2), { buurtteam: 'centrum' }));
    await verzoek(mdw, 'POST', `/meldingen/${body.id}/huisbezoeken`, {
      tijdstip: eenUurGeleden(),
      uitkomst: 'geweigerd',
      medewerker: 'mdw-0500',
      notitie: 'mevrouw Jansen wil geen hulp',
    });
    const volledig = await verzoek(mdw, 'GET', `/meldingen/${body.id}`);
    expect(JSON.stringify(volledig.body)).toContain('GEHEIM-REF-77');

    const gezien = await verzoek(operator, 'GET', `/meldingen/${body.id}`);
    expect(gezien.status).toBe(200);
    expect(gezien.body).toMatchObject({
      buurtteam: 'centrum',
      fase: 'afgesloten',
      afsluitReden: 'geweigerd',
      schuldeiserType: 'woningcorporatie',
    });
    for (const geheim of ['GEHEIM-REF-77', 'Jansen', 'Ymere', 'Bakker', 'Osdorpplein', 'mdw-0500'])
      expect(JSON.stringify(gezien.body)).not.toContain(geheim);
    expect((await verzoek(operator, 'GET', '/teams/centrum/taken')).status).toBe(200);
    expect((await verzoek(operator, 'POST', `/meldingen/${body.id}/afsluiting`, { reden: 'verhuisd' })).status).toBe(403);

    const aanmelding = { aanmeldDatum: vandaag, buurtteam: 'centrum', client: { bsn: testBsn(704), naam: 'H. de Boer' } };
    const traject = (await verzoek(mdw, 'POST', '/aanmeldingen', aanmelding)).body.id as string;
    await verzoek(mdw, 'POST', `/trajecten/${traject}/fase`, { naar: 'afgesloten', reden: 'verhuisd naar Utrecht' });
    const trajectGezien = await verzoek(operator, 'GET', `/trajecten/${traject}`);
    expect(trajectGezien.body).toMatchObject({ fase: 'afgesloten', buurtteam: 'centrum' });
    for (const geheim of ['Utrecht', 'de Boer', testBsn(704)]) expect(JSON.stringify(trajectGezien.body)).not.toContain(geheim);
  });
  it('records every read and change of a case, refusals included, for the beheerder only', async () => {
    const mdw = await issuer.bearer('medewerker', ['oost'], { sub: 'mdw-0601' });
    const ander = await issuer.bearer('medewerker', ['west'], { sub: 'mdw-0602' });
    const beheerder = await issuer.bearer('beheerder', [], { sub: 'bh-0001' });
    const begin = new Date().toISOString();
    const { body } = await verzoek(mdw, 'POST', '/meldingen', melding('AU-1', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    const id = body.id as string;
    await verzoek(mdw, 'GET', `/meldingen/${id}`);
    await verzoek(mdw, 'POST', `/meldingen/${id}/huisbezoeken`, {
      tijdstip: eenUurGeleden(),
      uitkomst: 'niet-thuis',
      medewerker: 'mdw-0601',
    });
    await verzoek(ander, 'GET', `/meldingen/${id}`);
    const aanmelding = { aanmeldDatum: vandaag, buurtteam: 'oost', client: { bsn: testBsn(705), naam: 'K. Kaya' } };
    await verzoek(mdw, 'POST', '/aanmeldingen', aanmelding);

    expect(await verzoek(mdw, 'GET', `/audit?zaakId=${id}`)).toMatchObject({ status: 403 });
    const { status, body: protocol } = await verzoek(beheerder, 'GET', `/audit?zaakId=${id}`);
    expect(status).toBe(200);
    expect(protocol.regels.map((r: any) => [r.gebruiker, r.actie, r.status])).toEqual([
      ['mdw-0601', 'POST /meldingen', 201],
      ['mdw-0601', 'GET /meldingen/:id', 200],
      ['mdw-0601', 'POST /meldingen/:id/huisbezoeken', 200],
      ['mdw-0602', 'GET /meldingen/:id', 404],
    ]);
    expect(protocol.regels[0]).toMatchObject({ zaakId: id, buurtteam: 'oost', rollen: ['medewerker'] });
    expect(protocol.regels.every((r: any) => r.tijdstip >= begin)).toBe(true);

    const alles = await verzoek(beheerder, 'GET', `/audit?van=${encodeURIComponent(begin)}&limiet=1000`);
    expect(alles.body.regels.map((r: any) => r.actie)).toEqual(expect.arrayContaining(['POST /aanmeldingen', 'GET /audit']));
    expect(alles.body.regels).toContainEqual(expect.objectContaining({ gebruiker: 'mdw-0601', actie: 'GET /audit', status: 403 }));
    for (const geheim of [testBsn(705), 'Kaya', 'Bakker', 'Osdorpplein']) expect(JSON.stringify(alles.body)).not.toContain(geheim);
    expect((await verzoek(beheerder, 'GET', `/audit?tot=${encodeURIComponent(begin)}&zaakId=${id}`)).body.regels).toEqual([]);
    expect((await verzoek(beheerder, 'GET', '/audit?van=gisteren')).body.velden).toEqual([
      { pad: 'van', melding: 'verwacht een datum of een ISO-tijdstip met tijdzone' },
    ]);
    const pagina = await verzoek(beheerder, 'GET', `/audit?zaakId=${id}&limiet=3`);
    expect(pagina.body.volgende).toBe(pagina.body.regels[2].id);
    expect((await verzoek(beheerder, 'GET', `/audit?zaakId=${id}&na=${pagina.body.volgende}`)).body.regels).toHaveLength(1);
  });

  it('keeps the protocol append-only in its file, across a restart of the API', async () => {
    const beheerder = await issuer.bearer('beheerder', [], { sub: 'bh-0002' });
    const voor = (await verzoek(beheerder, 'GET', '/audit?limiet=1000')).body.regels;
    await api.stop();
    // The file itself refuses changes and deletions, whoever opens it.
    const db = new Database(auditBestand);
    try {
      expect(() => db.prepare('UPDATE audit SET status = 200').run()).toThrow('het protocol kan alleen worden aangevuld');
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow('het protocol kan alleen worden aangevuld');
    } finally {
      db.close();
    }
    api = await startApi(env.client, {}, { audit: sqliteAuditLog(auditBestand) });
    const beheerderNu = await api.issuer.bearer('beheerder', [], { sub: 'bh-0002' });
    const na = (await verzoek(beheerderNu, 'GET', '/audit?limiet=1000', undefined, api.basis)).body.regels;
    expect(na.slice(0, voor.length)).toEqual(voor);
  });
});
