import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { amsterdamDatum, eindeVanDag, plusDagen, plusMaanden } from '../common/kalender';
import { termijnWorkflowId, trajectIdVoorAdvies } from '../common/workflowIds';
import { uiteindelijk } from './helpers/afwijzing';
import { apiPerBestand } from './helpers/apiOmgeving';
import { opnemendeAdapters } from './helpers/fakes';
import { testBsn } from './helpers/invoer';

/**
 * Informatie en advies (werkkader §2.4.1-2, §2.8.1) end to end: HTTP API -> the real Temporal dev
 * server -> worker. Carolien's case (werkkader §1.2) step by step, and the step up into Route 020.
 */
describe('informatie en advies through the API against the real dev server', () => {
  let env: TestWorkflowEnvironment;
  let medewerker: string;
  let teamleider: string;
  const adapters = opnemendeAdapters();
  const vandaag = amsterdamDatum(new Date());
  const verzoek = apiPerBestand(
    async (draaiend) => {
      ({ env } = draaiend);
      medewerker = await draaiend.api.issuer.bearer('medewerker', ['westerpark', 'de-pijp'], { sub: 'mdw-0311' });
      teamleider = await draaiend.api.issuer.bearer('teamleider', ['westerpark', 'de-pijp'], { sub: 'tl-0031' });
    },
    { adapters },
  );
  /** The case's entry in its team's werkvoorraad, once the read model shows `verwacht` (undefined: not listed). */
  const werkvoorraadregel = (team: string, zaakId: string, verwacht: (regel: any) => void) =>
    uiteindelijk(async () => {
      const { status, body } = await verzoek(medewerker, 'GET', `/v1/teams/${team}/taken`);
      expect(status).toBe(200);
      const regel = body.taken.find((t: { zaakId: string }) => t.zaakId === zaakId);
      verwacht(regel);
      return regel;
    });

  it("follows Carolien's case (werkkader §1.2) as informatie en advies: conversations, a payment arrangement by the Sociaal Raadslid, afgerond without beschikking or term", async () => {
    const team = 'westerpark';
    const start = plusDagen(vandaag, -21);
    const uiterlijk = plusDagen(plusMaanden(start, 3), -1);

    // She comes to the inloop with a first aanmaning; the medewerker sees that advies may be enough
    // (§2.4.1) and registers it lightly: her consent, the subject, her first name as she gives it; no BSN.
    const registratie = {
      startDatum: start,
      buurtteam: team,
      regievoerder: 'mdw-0311',
      onderwerpen: ['geldproblemen'],
      toestemming: { vastleggen: true, delen: false },
      client: { naam: 'Carolien' },
    };
    const sleutel = { 'idempotency-key': 'carolien-inloop-1' };
    const aangemaakt = await verzoek(medewerker, 'POST', '/v1/adviezen', registratie, sleutel);
    expect(aangemaakt).toMatchObject({ status: 201, body: { bestaand: false } });
    const id: string = aangemaakt.body.id;
    expect(id).toMatch(/^advies-[0-9a-f]{24}$/);
    expect(aangemaakt.location).toBe(`/v1/adviezen/${id}`);
    // The same request again (a retry) is the same advies; another body under the key is refused.
    expect(await verzoek(medewerker, 'POST', '/v1/adviezen', registratie, sleutel)).toMatchObject({
      status: 200,
      body: { id, bestaand: true },
    });
    expect((await verzoek(medewerker, 'POST', '/v1/adviezen', { ...registratie, onderwerpen: ['inkomen'] }, sleutel)).status).toBe(422);

    const eerste = await werkvoorraadregel(team, id, (r) => expect(r?.openTaken).toEqual(['advies-gesprek']));
    expect(eerste).toMatchObject({
      soort: 'informatieAdvies',
      fase: 'advies-lopend',
      regievoerder: 'mdw-0311',
      termijnDatum: eindeVanDag(uiterlijk).toISOString(),
      wie: { naam: 'Carolien' },
    });
    const describe = await env.client.workflow.getHandle(id).describe();
    expect(describe.memo).toMatchObject({ startDatum: start, onderwerpen: ['geldproblemen'] });
    expect(JSON.stringify(describe.memo)).not.toContain('Carolien');

    // The first conversation at the inloop.
    const gesprek1 = await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gesprekken`, { datum: start, vorm: 'inloop' });
    expect(gesprek1).toMatchObject({ status: 200, body: { fase: 'lopend', uiterlijk, openTaken: ['advies-afronden'] } });
    expect(gesprek1.body.gesprekken).toEqual([{ datum: start, vorm: 'inloop', door: 'mdw-0311' }]);
    await werkvoorraadregel(team, id, (r) => expect(r?.openTaken).toEqual(['advies-afronden']));

    // A week later: the situatieschets with colleagues, discussed with her; suggestions for initiatives in the neighbourhood.
    const week = plusDagen(start, 7);
    await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gesprekken`, { datum: week, vorm: 'inloop' });
    const suggesties = await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gegeven-adviezen`, {
      datum: week,
      soort: 'toeleiding-sociale-basis',
      partner: 'sociale-basis',
    });
    expect(suggesties).toMatchObject({ status: 200, body: { fase: 'lopend', openTaken: ['advies-afronden'] } });

    // The Sociaal Raadslid arranges a payment arrangement for the aanmaningen (§2.8.1: betalingsafspraken).
    const regeling = { datum: plusDagen(start, 10), soort: 'betalingsregeling', partner: 'sociaal-raadslieden' };
    const betalingsregeling = await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gegeven-adviezen`, regeling, {
      'idempotency-key': 'carolien-regeling',
    });
    expect(betalingsregeling.status).toBe(200);
    expect(betalingsregeling.body.adviezen).toEqual([
      { datum: week, soort: 'toeleiding-sociale-basis', partner: 'sociale-basis', door: 'mdw-0311' },
      { ...regeling, door: 'mdw-0311' },
    ]);
    // A retry of the same request records it once.
    expect(
      (await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gegeven-adviezen`, regeling, { 'idempotency-key': 'carolien-regeling' })).body
        .adviezen,
    ).toHaveLength(2);
    // A date the workflow cannot accept is refused at its field.
    expect(
      await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gesprekken`, { datum: plusDagen(start, -1), vorm: 'telefoon' }),
    ).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'datum' }] },
    });

    // The next conversation: a sportmaatje found, dagbesteding in a textile workshop, a gardening group.
    await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/gesprekken`, { datum: plusDagen(start, 17), vorm: 'telefoon' });
    const lopend = await verzoek(medewerker, 'GET', `/v1/adviezen/${id}`);
    expect(lopend).toMatchObject({ status: 200, body: { fase: 'lopend', client: { naam: 'Carolien' }, openTaken: ['advies-afronden'] } });
    expect(lopend.body.gesprekken).toHaveLength(3);

    // She goes on by herself: the medewerker closes the advies as afgerond, well within the three months.
    const afgerond = await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/afsluiting`, { uitkomst: 'afgerond', datum: vandaag });
    expect(afgerond).toMatchObject({
      status: 200,
      body: { fase: 'afgesloten', afsluiting: { uitkomst: 'afgerond', datum: vandaag }, openTaken: [] },
    });
    expect(afgerond.body).not.toHaveProperty('beschikking');
    expect(afgerond.body).not.toHaveProperty('termijn');
    expect(afgerond.body.afrondenGevraagd).toBeUndefined();
    expect(afgerond.body.verstreken).toBeUndefined();
    await werkvoorraadregel(team, id, (r) => expect(r).toBeUndefined());
    expect((await env.client.workflow.getHandle(id).result()) as unknown).toMatchObject({ fase: 'afgesloten' });
    expect((await verzoek(medewerker, 'GET', `/v1/adviezen/${id}`)).body).toMatchObject({ fase: 'afgesloten' });

    // No beschikkingstermijn ran, no term alert or task was sent, and no person's lock was taken.
    expect(
      (await env.client.workflow
        .getHandle(termijnWorkflowId(id))
        .describe()
        .catch((e: unknown) => e)) as Error,
    ).toBeInstanceOf(Error);
    expect(adapters.notificaties.ontvangen.filter((n) => n.zaakId === id)).toEqual([]);
    expect((await verzoek(teamleider, 'GET', `/v1/teams/${team}/overzicht`)).body.termijnenOverschreden).toEqual([]);

    // The rapportage counts the advies with its outcome.
    await uiteindelijk(async () => {
      const r = await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&van=${plusDagen(vandaag, -30)}&tot=${vandaag}`);
      expect(r.body.adviezen).toEqual({ gestart: 1, perUitkomst: { afgerond: 1 } });
      expect(r.body.trajecten.aangemeld).toBe(0);
    }, 30_000);
  });

  it('steps an advies up into a Route 020 traject through the person lock, linked both ways; a person with an open traject gets 409', async () => {
    const team = 'de-pijp';
    const registratie = {
      startDatum: vandaag,
      buurtteam: team,
      onderwerpen: ['budgettering'],
      toestemming: { vastleggen: false, delen: false },
    };
    const { body } = await verzoek(medewerker, 'POST', '/v1/adviezen', { ...registratie, client: { naam: 'zonder toestemming' } });
    const id: string = body.id;
    expect((await verzoek(medewerker, 'GET', `/v1/adviezen/${id}`)).body).not.toHaveProperty('client');

    const overdracht = {
      aanmeldDatum: vandaag,
      client: { bsn: testBsn(3119), naam: 'P. de Wit' },
      toestemming: { vastleggen: true, delen: false },
    };
    expect(
      await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/opschaling`, { ...overdracht, client: { bsn: '123456789', naam: 'x' } }),
    ).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'client.bsn' }] },
    });
    const op = await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/opschaling`, overdracht);
    const trajectId = trajectIdVoorAdvies(id);
    expect(op).toMatchObject({
      status: 201,
      location: `/v1/trajecten/${trajectId}`,
      body: { fase: 'afgesloten', afsluiting: { uitkomst: 'opgeschaald', trajectId } },
    });
    expect((await verzoek(medewerker, 'GET', `/v1/trajecten/${trajectId}`)).body).toMatchObject({
      vanAdvies: id,
      buurtteam: team,
      fase: 'intake',
      openTaken: ['intake-plannen'],
    });
    expect(await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/opschaling`, overdracht)).toMatchObject({
      status: 200,
      location: `/v1/trajecten/${trajectId}`,
    });
    // A closed advies takes no other closing.
    expect((await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/afsluiting`, { uitkomst: 'afgerond', datum: vandaag })).status).toBe(409);
    expect(await verzoek(medewerker, 'POST', `/v1/adviezen/${id}/afsluiting`, { uitkomst: 'opgeschaald', datum: vandaag })).toMatchObject({
      status: 400,
      body: { velden: [{ pad: 'uitkomst' }] },
    });

    // The same person in another advies: their traject is open, so the existing 409 names it to their own team.
    const tweede = (await verzoek(medewerker, 'POST', '/v1/adviezen', registratie)).body.id as string;
    expect(await verzoek(medewerker, 'POST', `/v1/adviezen/${tweede}/opschaling`, overdracht)).toMatchObject({
      status: 409,
      body: { trajectId },
    });
    expect((await verzoek(medewerker, 'GET', `/v1/adviezen/${tweede}`)).body).toMatchObject({ fase: 'lopend' });
  });
});
