import { describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import type { DraaiendeApi } from './helpers/api';
import { apiPerBestand } from './helpers/apiOmgeving';
import { opnemendeAdapters } from './helpers/fakes';
import { melding } from './helpers/invoer';

/** End to end: signals about people with a Participatiewet uitkering over HTTP -> real Temporal -> worker (werkkader §2.8.2). */
describe('the WPI routes over HTTP', () => {
  let api: DraaiendeApi;
  let medewerker: string;
  const adapters = opnemendeAdapters();
  const vandaag = amsterdamDatum(new Date());
  const verzoekAls = apiPerBestand(
    async (draaiend) => {
      ({ api } = draaiend);
      medewerker = await api.issuer.bearer('medewerker', ['zuidoost'], { sub: 'mdw-0031' });
    },
    { adapters },
  );
  const verzoek = (methode: string, pad: string, body?: unknown) => verzoekAls(medewerker, methode, pad, body);
  /** The team's werkvoorraad for one open task: the ids of the cases that have it. */
  const werkvoorraad = async (taak: string) =>
    ((await verzoek('GET', `/v1/teams/zuidoost/taken?taak=${taak}`)).body.taken as { zaakId: string }[]).map((t) => t.zaakId);
  const stap = (id: string, body: Record<string, unknown>) =>
    verzoek('POST', `/v1/meldingen/${id}/wpi-stappen`, { status: 'afgerond', datum: vandaag, ...body });

  /**
   * Werkkader §3.1.9: Angela has an uitkering and works on a zero-hours contract; her premiums are
   * unpaid. Her zorgverzekeraar's signal follows ISHV with WPI's klantmanager and inkomensconsulent,
   * not Vroeg Eropaf's visits.
   */
  it("takes Angela's insurer signal through ISHV with the inkomensconsulent, step by step", async () => {
    const signaal = {
      ...melding('ZK-ANGELA-38', plusDagen(vandaag, -2), {
        buurtteam: 'zuidoost',
        client: { naam: 'Angela', adres: { straat: 'Bijlmerdreef', huisnummer: '101', postcode: '1102 AB' } },
      }),
      schuldeiser: { type: 'zorgverzekeraar', naam: 'Zilveren Kruis' },
      achterstand: { bedragCent: 62_400, maanden: 4 },
      uitkering: 'participatiewet',
    };
    const ontvangen = await verzoek('POST', '/v1/meldingen', signaal);
    expect(ontvangen).toMatchObject({ status: 201, body: { bestaand: false } });
    const id = ontvangen.body.id as string;

    let status = (await verzoek('GET', `/v1/meldingen/${id}`)).body;
    expect(status).toMatchObject({
      route: 'ishv',
      fase: 'bereiken',
      openTaken: ['wpi-oppakken'],
      wpi: { aanleiding: 'signaal', stappen: {} },
    });
    expect(status.volgendBezoek).toBeUndefined();
    // WPI is told to pick it up (free of personal data); the buurtteam gets no visit to plan.
    await uiteindelijk(async () =>
      expect(adapters.notificaties.ontvangen.filter((n) => n.zaakId === id)).toMatchObject([
        { soort: 'wpi-taak', onderwerp: 'wpi-oppakken' },
      ]),
    );
    expect(JSON.stringify(adapters.notificaties.ontvangen.filter((n) => n.zaakId === id))).not.toContain('Angela');
    await uiteindelijk(async () => expect(await werkvoorraad('wpi-oppakken')).toContain(id));
    expect(await werkvoorraad('huisbezoek')).not.toContain(id);

    // A visit is not the route: refused, naming why.
    const bezoek = await verzoek('POST', `/v1/meldingen/${id}/huisbezoeken`, {
      tijdstip: new Date().toISOString(),
      uitkomst: 'bereikt',
      medewerker: 'mdw-0031',
    });
    expect(bezoek).toMatchObject({ status: 409, body: { detail: expect.stringContaining('WPI-route') } });

    // The klantmanager and the dedicated inkomensconsulent take the case.
    const zonderConsulent = await stap(id, { stap: 'toegewezen', klantmanager: 'km-0107' });
    expect(zonderConsulent.status).toBe(400);
    expect(zonderConsulent.body.velden).toEqual([{ pad: 'inkomensconsulent', melding: expect.stringContaining('inkomensconsulent') }]);
    status = (await stap(id, { stap: 'toegewezen', klantmanager: 'km-0107', inkomensconsulent: 'ic-0012' })).body;
    expect(status).toMatchObject({ openTaken: ['wpi-contact'], wpi: { klantmanager: 'km-0107', inkomensconsulent: 'ic-0012' } });
    await uiteindelijk(async () => expect(await werkvoorraad('wpi-contact')).toContain(id));
    expect(await werkvoorraad('wpi-oppakken')).not.toContain(id);

    // ISHV withholds nothing from the uitkering: that step is Geregelde betaling's.
    const inhouding = await stap(id, { stap: 'inhouding-gestart' });
    expect(inhouding).toMatchObject({ status: 400, body: { velden: [{ pad: 'stap' }] } });

    status = (await stap(id, { stap: 'contact' })).body;
    expect(status).toMatchObject({ fase: 'begeleiding', openTaken: ['wpi-schuldhulp-gestart'] });
    status = (await stap(id, { stap: 'schuldhulp-gestart' })).body;
    expect(status.openTaken).toEqual(['wpi-afsluiten']);
    await uiteindelijk(async () => expect(await werkvoorraad('wpi-afsluiten')).toContain(id));

    status = (await verzoek('POST', `/v1/meldingen/${id}/afsluiting`, { reden: 'afgerond' })).body;
    expect(status).toMatchObject({ fase: 'afgesloten', eindresultaat: 'Vervolghulp en/of verwijzing financieel', openTaken: [] });
    expect((await verzoek('GET', `/v1/meldingen/${id}/terugkoppeling`)).body).toMatchObject({
      afgesloten: true,
      terugkoppeling: [{ schuldeiser: { naam: 'Zilveren Kruis' }, status: 'Opgepakt' }],
    });
    await uiteindelijk(async () => expect(await werkvoorraad('wpi-afsluiten')).not.toContain(id));
    expect(adapters.notificaties.voor(id)).toEqual(['wpi-oppakken']);
  });

  it('re-routes an open Vroeg Eropaf melding when a medewerker finds the uitkering, once', async () => {
    const huur = melding('YM-WPI-2', plusDagen(vandaag, -1), { buurtteam: 'zuidoost', achterstand: { bedragCent: 190_000, maanden: 3 } });
    const id = (await verzoek('POST', '/v1/meldingen', huur)).body.id as string;
    expect((await verzoek('GET', `/v1/meldingen/${id}`)).body).toMatchObject({ route: 'vroeg-eropaf', openTaken: ['huisbezoek'] });

    const ongeldig = await verzoek('POST', `/v1/meldingen/${id}/wpi-route`, { uitkering: 'ww' });
    expect(ongeldig).toMatchObject({ status: 400, body: { velden: [{ pad: 'uitkering' }] } });
    const omgeleid = await verzoek('POST', `/v1/meldingen/${id}/wpi-route`, { uitkering: 'participatiewet' });
    expect(omgeleid).toMatchObject({
      status: 200,
      body: { route: 'geregelde-betaling', openTaken: ['wpi-oppakken'], wpi: { aanleiding: 'medewerker', door: 'mdw-0031' } },
    });
    const nogmaals = await verzoek('POST', `/v1/meldingen/${id}/wpi-route`, { uitkering: 'participatiewet' });
    expect(nogmaals.body.wpi).toEqual(omgeleid.body.wpi);
    await uiteindelijk(async () => expect(await werkvoorraad('wpi-oppakken')).toContain(id));
    expect(await werkvoorraad('huisbezoek')).not.toContain(id);
  });

  it("counts the team's meldingen per route: Angela's closed ISHV case (its result) and the open re-routed one (its status)", async () => {
    const teamleider = await api.issuer.bearer('teamleider', ['zuidoost'], { sub: 'tl-0031' });
    const periode = `buurtteam=zuidoost&van=${plusDagen(vandaag, -7)}&tot=${vandaag}`;
    const rapportage = await uiteindelijk(async () => {
      const a = await fetch(`${api.basis}/v1/rapportage?${periode}`, { headers: { authorization: teamleider } });
      const body = (await a.json()) as any;
      expect(body.meldingen.aantal).toBe(2);
      return body;
    });
    expect(rapportage.meldingen.perRoute).toEqual({ 'geregelde-betaling': 1, ishv: 1 });
    const csv = await fetch(`${api.basis}/v1/rapportage?${periode}&formaat=csv`, { headers: { authorization: teamleider } });
    expect((await csv.text()).split('\r\n')).toEqual(expect.arrayContaining(['Meldingen via route: ishv;1']));
  });
});
