import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { foutAfhandeling } from '../api/fouten';
import { openTrajectElders, VORIG_TRAJECT_SLUIT } from '../api/zaaktoegang';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { BUURTTEAM, FASE } from '../common/searchAttributes';
import { opnemendeAdapters } from './helpers/fakes';
import { melding, planVersie, testBsn } from './helpers/invoer';
import { uiteindelijk } from './helpers/afwijzing';
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
    const { body } = await verzoek(oost, 'POST', '/v1/meldingen', melding('SC-1', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    const id = body.id as string;
    expect((await verzoek(oost, 'GET', `/v1/meldingen/${id}`)).status).toBe(200);

    const onbekend = await verzoek(west, 'GET', '/v1/meldingen/melding-bestaat-niet');
    expect(onbekend).toMatchObject({ status: 404, body: { fout: 'zaak niet gevonden' } });
    expect(await verzoek(west, 'GET', `/v1/meldingen/${id}`)).toEqual(onbekend);
    const bezoek = { tijdstip: eenUurGeleden(), uitkomst: 'niet-thuis', medewerker: 'mdw-0301' };
    expect(await verzoek(west, 'POST', `/v1/meldingen/${id}/huisbezoeken`, bezoek)).toEqual(onbekend);
    // A bad body answers the same for someone else's case as for an unknown one.
    expect(await verzoek(west, 'POST', `/v1/meldingen/${id}/huisbezoeken`, { onzin: true })).toEqual(
      await verzoek(west, 'POST', '/v1/meldingen/melding-bestaat-niet/huisbezoeken', { onzin: true }),
    );
    expect((await verzoek(oost, 'GET', `/v1/meldingen/${id}`)).body.bezoeken).toEqual([]);

    // The same melding registered again for another team is refused without its id.
    const dubbel = await verzoek(west, 'POST', '/v1/meldingen', melding('SC-1', plusDagen(vandaag, -2), { buurtteam: 'west' }));
    expect(dubbel).toMatchObject({ status: 409, body: { fout: 'deze zaak is al bij een ander buurtteam geregistreerd' } });
  });

  it('records the acting user from the token with every update, never from the body', async () => {
    const mdw = await issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0007' });
    const { body } = await verzoek(mdw, 'POST', '/v1/meldingen', melding('SC-2', plusDagen(vandaag, -2), { buurtteam: 'noord' }));
    const pad = `/v1/meldingen/${body.id}`;
    const bezoek = { tijdstip: eenUurGeleden(), uitkomst: 'bereikt', medewerker: 'mdw-0008' };
    expect(await verzoek(mdw, 'POST', `${pad}/huisbezoeken`, { ...bezoek, door: 'iemand-anders' })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'door', melding: 'onbekend veld' }] },
    });
    const status = (await verzoek(mdw, 'POST', `${pad}/huisbezoeken`, bezoek)).body;
    expect(status.bezoeken[0]).toMatchObject({ medewerker: 'mdw-0008', door: 'mdw-0007' });
    const stap = await verzoek(mdw, 'POST', `${pad}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });
    expect(stap.body.stappen.budgetgesprek).toEqual({ status: 'afgerond', datum: vandaag, door: 'mdw-0007' });
    const overdracht = await verzoek(mdw, 'POST', `${pad}/overdracht`, {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      client: { bsn: testBsn(701), naam: 'F' },
    });
    expect(overdracht.body.overgedragenDoor).toBe('mdw-0007');

    // The traject handed over is the same team's: reachable, and its changes carry the user too.
    const trajectId = overdracht.body.trajectId as string;
    // Consent is kept with the day and the medewerker who recorded it (werkkader §2.4.6, "Privacy en uitwisseling gegevens").
    expect((await verzoek(mdw, 'GET', `/v1/trajecten/${trajectId}`)).body.toestemming).toEqual({
      vastleggen: true,
      delen: false,
      datum: vandaag,
      door: 'mdw-0007',
    });
    const intake = await verzoek(mdw, 'POST', `/v1/trajecten/${trajectId}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() });
    expect(intake.body.intake).toMatchObject({ gehoudenDoor: 'mdw-0007' });
    const fase = await verzoek(mdw, 'POST', `/v1/trajecten/${trajectId}/fase`, { naar: 'stabilisatie' });
    expect(fase.body.faseHistorie.at(-1)).toMatchObject({ fase: 'stabilisatie', door: 'mdw-0007' });
    const module = await verzoek(mdw, 'POST', `/v1/trajecten/${trajectId}/flankmodules`, { module: 'budgetcoaching', actief: true });
    expect(module.body.moduleHistorie).toEqual([expect.objectContaining({ wijziging: 'budgetcoaching aan', door: 'mdw-0007' })]);
  });

  it('lets only a teamleider close as niet-bereikt and register a beschikking, never as its own regievoerder', async () => {
    const mdw = await issuer.bearer('medewerker', ['zuid'], { sub: 'mdw-0042' });
    const tl = await issuer.bearer('teamleider', ['zuid'], { sub: 'tl-0042' });
    const tlRegie = await issuer.bearer('teamleider', ['zuid'], { sub: 'mdw-0042' });
    const { body } = await verzoek(mdw, 'POST', '/v1/meldingen', melding('SC-3', plusDagen(vandaag, -2), { buurtteam: 'zuid' }));
    expect(await verzoek(mdw, 'POST', `/v1/meldingen/${body.id}/afsluiting`, { reden: 'niet-bereikt' })).toMatchObject({
      status: 403,
      body: { fout: 'melding afsluiten mag alleen met de rol teamleider' },
    });
    // The teamleider passes the role check and meets the rule of the workflow instead.
    expect((await verzoek(tl, 'POST', `/v1/meldingen/${body.id}/afsluiting`, { reden: 'niet-bereikt' })).status).toBe(409);
    // Short of the visits (werkkader §2.8.2) only the teamleider's decision closes it: a reason code, and who decided from the token.
    const besluit = { reden: 'niet-bereikt', besluitReden: 'geen-toegang-woning' };
    expect((await verzoek(mdw, 'POST', `/v1/meldingen/${body.id}/afsluiting`, besluit)).status).toBe(403);
    expect(
      await verzoek(tl, 'POST', `/v1/meldingen/${body.id}/afsluiting`, { reden: 'verhuisd', besluitReden: 'verblijft-elders' }),
    ).toMatchObject({
      status: 400,
      body: {
        velden: [
          {
            pad: 'besluitReden',
            melding: 'een besluitreden hoort alleen bij afsluiten als niet bereikt (definitief geen contact kunnen krijgen)',
          },
        ],
      },
    });
    const gesloten = await verzoek(tl, 'POST', `/v1/meldingen/${body.id}/afsluiting`, besluit);
    expect(gesloten.status).toBe(200);
    expect(gesloten.body.afsluiting).toEqual({ ...besluit, door: 'tl-0042' });
    expect(gesloten.body.eindresultaat).toBe('Definitief geen contact kunnen krijgen');

    // One open traject per person: each aanmelding is someone else.
    const aanmelding = (n: number) => ({
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'zuid',
      regievoerder: 'mdw-0042',
      client: { bsn: testBsn(n), naam: 'G' },
    });
    const traject = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding(702))).body.id as string;
    const beschikking = { datum: vandaag, besluit: 'toegekend' };
    const intake = { actie: 'gehouden', tijdstip: eenUurGeleden() };
    expect((await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/beschikking`, beschikking)).status).toBe(403);
    expect(await verzoek(tlRegie, 'POST', `/v1/trajecten/${traject}/beschikking`, beschikking)).toMatchObject({
      status: 403,
      body: { fout: 'vier ogen: de regievoerder van de zaak mag dit niet zelf doen (beschikking registreren)' },
    });
    // The beschikking follows the intake (werkkader §2.4.6): before it, a clear 409.
    expect(await verzoek(tl, 'POST', `/v1/trajecten/${traject}/beschikking`, beschikking)).toMatchObject({
      status: 409,
      body: { fout: 'een beschikking volgt op de intake: registreer eerst dat de intake is gehouden' },
    });
    expect((await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/intake`, intake)).status).toBe(200);
    // Then the ondersteuningsplan, made with the client: before it, another clear 409.
    expect(await verzoek(tl, 'POST', `/v1/trajecten/${traject}/beschikking`, beschikking)).toMatchObject({
      status: 409,
      body: {
        fout: 'een beschikking volgt op het ondersteuningsplan: stel eerst met de cliënt het ondersteuningsplan vast (werkkader §2.4.6)',
      },
    });
    const plan = planVersie(vandaag, plusDagen(vandaag, 30));
    const zonderOrganisatie = { ...plan, acties: [plan.acties[0], { ...plan.acties[1], organisatie: undefined }] };
    expect(await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/ondersteuningsplan`, zonderOrganisatie)).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'acties.1.organisatie', melding: 'een actie van een partner noemt de organisatie' }] },
    });
    expect((await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/ondersteuningsplan`, plan)).body.ondersteuningsplan).toMatchObject({
      versies: [{ versie: 1, door: 'mdw-0042' }],
    });
    // Four-eyes switched off (VIER_OGEN=uit): the regievoerder who is teamleider may.
    const tlRegieElders = await zonderVierOgen.issuer.bearer('teamleider', ['zuid'], { sub: 'mdw-0042' });
    const zelf = await verzoek(tlRegieElders, 'POST', `/v1/trajecten/${traject}/beschikking`, beschikking, zonderVierOgen.basis);
    expect(zelf).toMatchObject({ status: 200, body: { beschikking: { besluit: 'toegekend', door: 'mdw-0042' } } });
    const ander = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding(703))).body.id as string;
    expect((await verzoek(mdw, 'POST', `/v1/trajecten/${ander}/intake`, intake)).status).toBe(200);
    expect((await verzoek(mdw, 'POST', `/v1/trajecten/${ander}/ondersteuningsplan`, plan)).status).toBe(200);
    expect((await verzoek(tl, 'POST', `/v1/trajecten/${ander}/beschikking`, beschikking)).body.beschikking).toMatchObject({
      door: 'tl-0042',
    });
  });

  it('keeps four eyes on the beschikking without a regievoerder: who held the intake may not register it', async () => {
    const tl = await issuer.bearer(['medewerker', 'teamleider'], ['zuid'], { sub: 'tl-0043' });
    const { body } = await verzoek(tl, 'POST', '/v1/aanmeldingen', {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'zuid',
      client: { bsn: testBsn(719), naam: 'H' },
    });
    const pad = `/v1/trajecten/${body.id}`;
    const beschikking = { datum: vandaag, besluit: 'toegekend' };
    expect((await verzoek(tl, 'POST', `${pad}/intake`, { actie: 'gehouden', tijdstip: eenUurGeleden() })).body.intake).toMatchObject({
      gehoudenDoor: 'tl-0043',
    });
    expect((await verzoek(tl, 'POST', `${pad}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)))).status).toBe(200);
    expect(await verzoek(tl, 'POST', `${pad}/beschikking`, beschikking)).toMatchObject({
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
    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'osdorp',
      client: { bsn: testBsn(706), naam: 'M' },
    };
    const traject = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding)).body.id as string;
    const uitgave = { bedragCent: 2_500, datum: vandaag, huishouden: { postcode: '1068 AB', huisnummer: '3' } };

    expect(await verzoek(elders, 'POST', `/v1/trajecten/${traject}/minimaatwerk`, uitgave)).toMatchObject({
      status: 404,
      body: { fout: 'zaak niet gevonden' },
    });
    expect((await verzoek(operator, 'POST', `/v1/trajecten/${traject}/minimaatwerk`, uitgave)).status).toBe(403);
    expect(await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/minimaatwerk`, uitgave)).toMatchObject({
      status: 200,
      body: { team: { besteedCent: 2_500 } },
    });
    const jaar = vandaag.slice(0, 4);
    const { bestedingen } = await env.client.workflow
      .getHandle(`minimaatwerkbudget-osdorp-${jaar}`)
      .query<{ bestedingen: unknown[] }>('budgetStatus');
    expect(bestedingen).toEqual([expect.objectContaining({ trajectId: traject, door: 'mdw-0610' })]);

    expect((await verzoek(elders, 'GET', `/v1/teams/osdorp/minimaatwerkbudget?jaar=${jaar}`)).status).toBe(403);
    expect((await verzoek(operator, 'GET', `/v1/teams/osdorp/minimaatwerkbudget?jaar=${jaar}`)).body.team).toMatchObject({
      besteedCent: 2_500,
    });
  });

  it('keeps minimaatwerk per household and in a bookable year, and lets a colleague, not the spender, approve it (zes ogen)', async () => {
    const mdw = await issuer.bearer('medewerker', ['geuzenveld'], { sub: 'mdw-0620' });
    const collega = await issuer.bearer('medewerker', ['geuzenveld'], { sub: 'mdw-0621' });
    const operator = await issuer.bearer('operator', [], { sub: 'ops-0003' });
    const nieuw = async (n: number) =>
      (
        await verzoek(mdw, 'POST', '/v1/aanmeldingen', {
          aanmeldDatum: vandaag,
          toestemming: { vastleggen: true, delen: false },
          buurtteam: 'geuzenveld',
          client: { bsn: testBsn(n), naam: 'K' },
        })
      ).body.id as string;
    // Two trajecten of one household (two people at one address).
    const [eerste, tweede] = [await nieuw(720), await nieuw(721)];
    const huishouden = { postcode: '1067 AA', huisnummer: '5 a' };
    const besteed = (id: string, bedragCent: number, datum = vandaag) =>
      verzoek(mdw, 'POST', `/v1/trajecten/${id}/minimaatwerk`, { bedragCent, datum, huishouden });
    const beoordeel = (als: string, id: string, uitgaveId: string, besluit: string) =>
      verzoek(als, 'POST', `/v1/trajecten/${id}/minimaatwerk/${uitgaveId}/beoordeling`, { besluit });

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
      await verzoek(mdw, 'POST', `/v1/trajecten/${tweede}/minimaatwerk`, {
        bedragCent: 20_000,
        datum: vandaag,
        huishouden: { postcode: '1067AA', huisnummer: '5A' },
      }),
    ).toMatchObject({
      status: 409,
      body: { fout: 'minimaatwerkbudget van het huishouden ontoereikend: nog € 100,00 over' },
    });

    const { uitgaveId } = aangevraagd.body.uitgave;
    expect(await beoordeel(mdw, eerste, uitgaveId, 'goedgekeurd')).toMatchObject({
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
    expect((await beoordeel(collega, eerste, uitgaveId, 'afgewezen')).body).toMatchObject({ fout: 'deze uitgave is al goedgekeurd' });

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
    const { body } = await verzoek(
      mdw,
      'POST',
      '/v1/meldingen',
      melding('GEHEIM-REF-77', plusDagen(vandaag, -2), { buurtteam: 'centrum' }),
    );
    await verzoek(mdw, 'POST', `/v1/meldingen/${body.id}/huisbezoeken`, {
      tijdstip: eenUurGeleden(),
      uitkomst: 'geweigerd',
      medewerker: 'mdw-0500',
      notitie: 'mevrouw Jansen wil geen hulp',
    });
    const volledig = await verzoek(mdw, 'GET', `/v1/meldingen/${body.id}`);
    expect(JSON.stringify(volledig.body)).toContain('GEHEIM-REF-77');

    const gezien = await verzoek(operator, 'GET', `/v1/meldingen/${body.id}`);
    expect(gezien.status).toBe(200);
    expect(gezien.body).toMatchObject({
      buurtteam: 'centrum',
      fase: 'afgesloten',
      afsluitReden: 'geweigerd',
      schuldeiserType: 'woningcorporatie',
    });
    for (const geheim of ['GEHEIM-REF-77', 'Jansen', 'Ymere', 'Bakker', 'Osdorpplein', 'mdw-0500'])
      expect(JSON.stringify(gezien.body)).not.toContain(geheim);
    expect((await verzoek(operator, 'GET', '/v1/teams/centrum/taken')).status).toBe(200);
    expect((await verzoek(operator, 'POST', `/v1/meldingen/${body.id}/afsluiting`, { reden: 'verhuisd' })).status).toBe(403);

    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'centrum',
      client: { bsn: testBsn(704), naam: 'H. de Boer' },
    };
    const traject = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding)).body.id as string;
    // A traject keeping a plan closes with an uitstroomkenmerk: without it, a 400 at that field.
    expect(
      await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/fase`, { naar: 'afgesloten', reden: 'verhuisd naar Utrecht' }),
    ).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'uitstroom', melding: 'afsluiten vraagt een uitstroomreden (uitstroomkenmerk)' }] },
    });
    await verzoek(mdw, 'POST', `/v1/trajecten/${traject}/fase`, {
      naar: 'afgesloten',
      reden: 'verhuisd naar Utrecht',
      uitstroom: 'verhuisd',
    });
    const trajectGezien = await verzoek(operator, 'GET', `/v1/trajecten/${traject}`);
    expect(trajectGezien.body).toMatchObject({ fase: 'afgesloten', buurtteam: 'centrum' });
    for (const geheim of ['Utrecht', 'de Boer', testBsn(704)]) expect(JSON.stringify(trajectGezien.body)).not.toContain(geheim);
  });
  it('records consent with its day and the medewerker from the token, never from the body', async () => {
    const mdw = await issuer.bearer('medewerker', ['geuzenveld'], { sub: 'mdw-0801' });
    const aanmelding = {
      aanmeldDatum: plusDagen(vandaag, -3),
      buurtteam: 'geuzenveld',
      client: { bsn: testBsn(801), naam: 'T' },
      toestemming: { vastleggen: true, delen: false },
    };
    expect(
      await verzoek(mdw, 'POST', '/v1/aanmeldingen', { ...aanmelding, toestemming: { ...aanmelding.toestemming, door: 'iemand-anders' } }),
    ).toMatchObject({ status: 400, body: { velden: [{ pad: 'toestemming.door', melding: 'onbekend veld' }] } });
    const { id } = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding)).body;
    const status = (await verzoek(mdw, 'GET', `/v1/trajecten/${id}`)).body;
    // Recorded today by mdw-0801, though the aanmelding came in three days ago.
    expect(status.toestemming).toEqual({ vastleggen: true, delen: false, datum: vandaag, door: 'mdw-0801' });
    expect(status.toestemmingHistorie).toEqual([status.toestemming]);
  });

  it("answers a second aanmelding for a person with another team's open traject without its id, and protocols which one", async () => {
    const noord = await issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0901' });
    const zuid = await issuer.bearer('medewerker', ['zuid'], { sub: 'mdw-0902' });
    const beheerder = await issuer.bearer('beheerder', [], { sub: 'bh-0001' });
    const persoon = { client: { bsn: testBsn(901), naam: 'P' }, toestemming: { vastleggen: true, delen: false } };
    const { id } = (await verzoek(noord, 'POST', '/v1/aanmeldingen', { ...persoon, aanmeldDatum: vandaag, buurtteam: 'noord' })).body;

    // Its own team learns which traject; another team only that there is one.
    expect(await verzoek(noord, 'POST', '/v1/aanmeldingen', { ...persoon, aanmeldDatum: vandaag, buurtteam: 'noord' })).toMatchObject({
      status: 409,
      body: { fout: 'deze persoon heeft al een open schuldhulptraject', trajectId: id },
    });
    const elders = await verzoek(zuid, 'POST', '/v1/aanmeldingen', { ...persoon, aanmeldDatum: vandaag, buurtteam: 'zuid' });
    expect(elders).toMatchObject({
      status: 409,
      body: { fout: 'deze persoon heeft al een open schuldhulptraject bij een ander buurtteam; stem af via de teamleider' },
    });
    expect(JSON.stringify(elders)).not.toContain(id);
    // The same for a hand-over by the other team.
    const m = (await verzoek(zuid, 'POST', '/v1/meldingen', melding('SC-9', plusDagen(vandaag, -2), { buurtteam: 'zuid' }))).body.id;
    await verzoek(zuid, 'POST', `/v1/meldingen/${m}/huisbezoeken`, {
      tijdstip: eenUurGeleden(),
      uitkomst: 'bereikt',
      medewerker: 'mdw-0902',
    });
    await verzoek(zuid, 'POST', `/v1/meldingen/${m}/stappen`, { stap: 'budgetgesprek', status: 'afgerond', datum: vandaag });
    const overdracht = await verzoek(zuid, 'POST', `/v1/meldingen/${m}/overdracht`, { ...persoon, aanmeldDatum: vandaag });
    expect(overdracht).toEqual(elders);

    // The beheerder sees who ran into which traject.
    const { regels } = (await verzoek(beheerder, 'GET', `/v1/audit?zaakId=${id}`)).body;
    expect(regels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actie: 'POST /v1/aanmeldingen', gebruiker: 'mdw-0902', status: 409, buurtteam: 'noord' }),
        expect.objectContaining({ actie: 'POST /v1/meldingen/:id/overdracht', gebruiker: 'mdw-0902', status: 409 }),
      ]),
    );
  });

  it("answers 404 for a traject's own helper workflows (its beschikking term), for reads and changes", async () => {
    const mdw = await issuer.bearer('medewerker', ['bos-en-lommer'], { sub: 'mdw-0951' });
    const aanmelding = { aanmeldDatum: vandaag, buurtteam: 'bos-en-lommer', client: { bsn: testBsn(951), naam: 'Q' } };
    const { id } = (await verzoek(mdw, 'POST', '/v1/aanmeldingen', { ...aanmelding, toestemming: { vastleggen: false, delen: false } }))
      .body;
    const termijn = `${id}-beschikkingstermijn`;
    await uiteindelijk(async () => expect((await env.client.workflow.getHandle(termijn).describe()).status.name).toBe('RUNNING'));
    const onbekend = { status: 404, body: { fout: 'zaak niet gevonden' } };
    expect(await verzoek(mdw, 'GET', `/v1/trajecten/${termijn}`)).toMatchObject(onbekend);
    expect(
      await verzoek(mdw, 'POST', `/v1/trajecten/${termijn}/fase`, { naar: 'afgesloten', reden: 'x', uitstroom: 'client-stopt' }),
    ).toMatchObject(onbekend);
    expect((await verzoek(mdw, 'GET', `/v1/trajecten/${id}`)).status).toBe(200);
  });

  it('asks a second aanmelding to wait a moment while the traject its lock still names is already afgesloten', async () => {
    // The person's lock hears of the close a moment after the traject upserts Fase: what the route
    // answers in that moment, made lasting here by trajecten that never run (no worker on their queue).
    const traject = async (fase: string) => {
      const id = `traject-toegang-${fase}-${Date.now()}`;
      await env.client.workflow.start('schuldhulpTraject', {
        taskQueue: 'toegang-zonder-worker',
        workflowId: id,
        typedSearchAttributes: [
          { key: FASE, value: fase },
          { key: BUURTTEAM, value: 'noord' },
        ],
      });
      return id;
    };
    const app = express();
    app.use((_req, res, next) => {
      res.locals.gebruiker = { sub: 'mdw-1001', rollen: ['medewerker'], buurtteams: ['noord'] };
      next();
    });
    app.post('/:id', (req, res) => openTrajectElders(env.client, res, req.params.id, 'noord'));
    app.use(foutAfhandeling);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const stuur = async (id: string) => {
      const antwoord = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/${id}`, { method: 'POST' });
      return { status: antwoord.status, retryAfter: antwoord.headers.get('retry-after'), body: await antwoord.json() };
    };
    try {
      const gesloten = await traject('afgesloten');
      expect(await stuur(gesloten)).toEqual({
        status: 409,
        retryAfter: '2',
        body: expect.objectContaining({ fout: VORIG_TRAJECT_SLUIT }),
      });
      const open = await traject('uitvoering');
      expect(await stuur(open)).toEqual({
        status: 409,
        retryAfter: null,
        body: expect.objectContaining({ fout: 'deze persoon heeft al een open schuldhulptraject', trajectId: open }),
      });
      await Promise.all([gesloten, open].map((id) => env.client.workflow.getHandle(id).terminate()));
    } finally {
      server.close();
    }
  });

  it('records every read and change of a case, refusals included, for the beheerder only', async () => {
    const mdw = await issuer.bearer('medewerker', ['oost'], { sub: 'mdw-0601' });
    const ander = await issuer.bearer('medewerker', ['west'], { sub: 'mdw-0602' });
    const beheerder = await issuer.bearer('beheerder', [], { sub: 'bh-0001' });
    const begin = new Date().toISOString();
    const { body } = await verzoek(mdw, 'POST', '/v1/meldingen', melding('AU-1', plusDagen(vandaag, -2), { buurtteam: 'oost' }));
    const id = body.id as string;
    await verzoek(mdw, 'GET', `/v1/meldingen/${id}`);
    await verzoek(mdw, 'POST', `/v1/meldingen/${id}/huisbezoeken`, {
      tijdstip: eenUurGeleden(),
      uitkomst: 'niet-thuis',
      medewerker: 'mdw-0601',
    });
    await verzoek(ander, 'GET', `/v1/meldingen/${id}`);
    const aanmelding = {
      aanmeldDatum: vandaag,
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'oost',
      client: { bsn: testBsn(705), naam: 'K. Kaya' },
    };
    await verzoek(mdw, 'POST', '/v1/aanmeldingen', aanmelding);

    expect(await verzoek(mdw, 'GET', `/v1/audit?zaakId=${id}`)).toMatchObject({ status: 403 });
    const { status, body: protocol } = await verzoek(beheerder, 'GET', `/v1/audit?zaakId=${id}`);
    expect(status).toBe(200);
    expect(protocol.regels.map((r: any) => [r.gebruiker, r.actie, r.status])).toEqual([
      ['mdw-0601', 'POST /v1/meldingen', 201],
      ['mdw-0601', 'GET /v1/meldingen/:id', 200],
      ['mdw-0601', 'POST /v1/meldingen/:id/huisbezoeken', 200],
      ['mdw-0602', 'GET /v1/meldingen/:id', 404],
    ]);
    expect(protocol.regels[0]).toMatchObject({ zaakId: id, buurtteam: 'oost', rollen: ['medewerker'] });
    expect(protocol.regels.every((r: any) => r.tijdstip >= begin)).toBe(true);

    const alles = await verzoek(beheerder, 'GET', `/v1/audit?van=${encodeURIComponent(begin)}&limiet=1000`);
    expect(alles.body.regels.map((r: any) => r.actie)).toEqual(expect.arrayContaining(['POST /v1/aanmeldingen', 'GET /v1/audit']));
    expect(alles.body.regels).toContainEqual(expect.objectContaining({ gebruiker: 'mdw-0601', actie: 'GET /v1/audit', status: 403 }));
    for (const geheim of [testBsn(705), 'Kaya', 'Bakker', 'Osdorpplein']) expect(JSON.stringify(alles.body)).not.toContain(geheim);
    expect((await verzoek(beheerder, 'GET', `/v1/audit?tot=${encodeURIComponent(begin)}&zaakId=${id}`)).body.regels).toEqual([]);
    expect((await verzoek(beheerder, 'GET', '/v1/audit?van=gisteren')).body.velden).toEqual([
      { pad: 'van', melding: 'verwacht een datum of een ISO-tijdstip met tijdzone' },
    ]);
    const pagina = await verzoek(beheerder, 'GET', `/v1/audit?zaakId=${id}&limiet=3`);
    expect(pagina.body.volgende).toBe(pagina.body.regels[2].id);
    expect((await verzoek(beheerder, 'GET', `/v1/audit?zaakId=${id}&na=${pagina.body.volgende}`)).body.regels).toHaveLength(1);
  });

  it('keeps the protocol append-only in its file, across a restart of the API', async () => {
    const beheerder = await issuer.bearer('beheerder', [], { sub: 'bh-0002' });
    const voor = (await verzoek(beheerder, 'GET', '/v1/audit?limiet=1000')).body.regels;
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
    const na = (await verzoek(beheerderNu, 'GET', '/v1/audit?limiet=1000', undefined, api.basis)).body.regels;
    expect(na.slice(0, voor.length)).toEqual(voor);
  });
});
