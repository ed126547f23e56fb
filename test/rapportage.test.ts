import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht, plusDagen } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import type { DraaiendeApi } from './helpers/api';
import { apiPerBestand, geslaagd } from './helpers/apiOmgeving';
import { melding, planVersie, testBsn } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';

/** VNG's JSON Schema of the DDAS uitwisselmodel v0.9, as published (its $id names the source). */
const DDAS_SCHEMA = resolve(__dirname, '../docs/ddas/uitwisselmodel-v0.9.schema.json');

/**
 * GET /rapportage and the DDAS delivery, end to end against the real dev server: figures computed
 * from cases these tests create through the API, open ones (status query) and closed ones (result).
 */
describe('rapportage for the gemeente', () => {
  let api: DraaiendeApi;
  let teamleider: string;
  let beheerder: string;
  const team = 'rapport-oost';
  const vandaag = amsterdamDatum(new Date());
  const periode = `van=${plusDagen(vandaag, -30)}&tot=${vandaag}`;
  /** An instant on Amsterdam's day `dagen` before today at `uur` o'clock. */
  const op = (dagen: number, uur: number) =>
    new Date(amsterdamMiddernacht(plusDagen(vandaag, -dagen)).getTime() + uur * 3600_000).toISOString();
  const ids = {} as Record<'bereikt' | 'geweigerd' | 'open' | 'voldaan' | 'opTijd' | 'ingetrokken' | 'teLaat', string>;

  const verzoek = apiPerBestand(
    (draaiend) => {
      ({ api } = draaiend);
    },
    { server: devServerOmgeving },
  );
  const ok = geslaagd(verzoek);

  beforeAll(async () => {
    teamleider = await api.issuer.bearer('teamleider', [team], { sub: 'tl-rapport' });
    beheerder = await api.issuer.bearer('beheerder', [], { sub: 'beheer-01' });
    const mdw = await api.issuer.bearer('medewerker', [team], { sub: 'mdw-rapport' });
    const nieuw = async (ref: string, dagenGeleden: number, extra = {}) =>
      (await ok(mdw, 'POST', '/v1/meldingen', melding(ref, plusDagen(vandaag, -dagenGeleden), { buurtteam: team, ...extra }))).id as string;
    const bezoek = (id: string, tijdstip: string, uitkomst: string) =>
      ok(mdw, 'POST', `/v1/meldingen/${id}/huisbezoeken`, { tijdstip, uitkomst, medewerker: 'mdw-rapport' });

    // Open, reached 3 days after its melddatum (first attempt 08:00, not at home), repeated with a higher arrear.
    ids.bereikt = await nieuw('RP-1', 10);
    await bezoek(ids.bereikt, op(7, 8), 'niet-thuis');
    await bezoek(ids.bereikt, op(6, 19), 'bereikt');
    await ok(
      mdw,
      'POST',
      '/v1/meldingen',
      melding('RP-1', plusDagen(vandaag, -2), { buurtteam: team, achterstand: { bedragCent: 250_000, maanden: 3 } }),
    );
    // Closed: help refused at the door (contact was made).
    ids.geweigerd = await nieuw('RP-2', 20, { schuldeiser: { type: 'energieleverancier', naam: 'Vattenfall' } });
    await bezoek(ids.geweigerd, op(4, 14), 'geweigerd');
    // The same repeat again (arrears not higher): a signal the case lists but does not take up.
    await ok(
      mdw,
      'POST',
      '/v1/meldingen',
      melding('RP-1', plusDagen(vandaag, -1), { buurtteam: team, achterstand: { bedragCent: 250_000, maanden: 3 } }),
    );
    // Open, not yet reached, no attempt: an announced eviction (a crisis signal).
    ids.open = await nieuw('RP-3', 5, { soort: 'huisuitzetting', ontruimingsDatum: plusDagen(vandaag, 30) });
    // Closed by the team: the debt was paid (the result does not say whether anyone was reached).
    ids.voldaan = await nieuw('RP-4', 3);
    await ok(mdw, 'POST', `/v1/meldingen/${ids.voldaan}/afsluiting`, { reden: 'schuld-voldaan' });
    // Outside the period, and another team's melding inside it: neither counts.
    await nieuw('RP-5', 40);
    const ander = await api.issuer.bearer('medewerker', ['rapport-west']);
    await ok(ander, 'POST', '/v1/meldingen', melding('RP-6', plusDagen(vandaag, -5), { buurtteam: 'rapport-west' }));

    const aanmelding = (n: number, dagenGeleden: number) => ({
      aanmeldDatum: plusDagen(vandaag, -dagenGeleden),
      toestemming: { vastleggen: true, delen: false },
      buurtteam: team,
      regievoerder: 'mdw-rapport',
      client: { bsn: testBsn(700 + n), naam: `Client ${n}` },
    });
    // In the period: one in intake with a beschikking on time, one closed without a beschikking.
    ids.opTijd = (await ok(mdw, 'POST', '/v1/aanmeldingen', aanmelding(1, 2))).id;
    const intake = { actie: 'gehouden', tijdstip: new Date(Date.now() - 3600_000).toISOString() };
    await ok(mdw, 'POST', `/v1/trajecten/${ids.opTijd}/intake`, intake);
    await ok(mdw, 'POST', `/v1/trajecten/${ids.opTijd}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)));
    await ok(teamleider, 'POST', `/v1/trajecten/${ids.opTijd}/beschikking`, { datum: vandaag, besluit: 'toegekend' });
    ids.ingetrokken = (await ok(mdw, 'POST', '/v1/aanmeldingen', aanmelding(2, 1))).id;
    await ok(teamleider, 'POST', `/v1/trajecten/${ids.ingetrokken}/fase`, {
      naar: 'afgesloten',
      reden: 'aanmelding ingetrokken',
      uitstroom: 'client-stopt',
    });
    // Aangemeld before the period (not counted as a traject of it); its beschikking today is 10 weeks late.
    ids.teLaat = (await ok(mdw, 'POST', '/v1/aanmeldingen', aanmelding(3, 70))).id;
    await ok(mdw, 'POST', `/v1/trajecten/${ids.teLaat}/intake`, intake);
    await ok(mdw, 'POST', `/v1/trajecten/${ids.teLaat}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)));
    await ok(teamleider, 'POST', `/v1/trajecten/${ids.teLaat}/beschikking`, { datum: vandaag, besluit: 'afgewezen' });
  }, 120_000);

  it("computes the team's figures for the period from open and closed cases", async () => {
    const { body } = await uiteindelijk(async () => {
      const a = await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&${periode}`);
      expect(a.status, a.tekst).toBe(200);
      // Visibility is eventually consistent: wait until every case and both beschikkingen show.
      expect(a.body.meldingen.aantal).toBe(4);
      expect(a.body.trajecten.aangemeld).toBe(2);
      expect(a.body.beschikkingen.afgegeven).toBe(2);
      return a;
    }, 30_000);
    expect(body).toMatchObject({
      buurtteam: team,
      van: plusDagen(vandaag, -30),
      tot: vandaag,
      meldingen: {
        aantal: 4,
        signalen: 6,
        lopend: 2,
        // RP-4 closed without any contact attempt: not reached (its result says so).
        bereikt: 2,
        nietBereikt: 2,
        bereiktOnbekend: 0,
        bereiktAandeel: 0.5,
        // RP-1 after 3 days (open: its status), RP-2 after 16 (closed: its result).
        dagenTotEersteContactpoging: { aantal: 2, gemiddeld: 9.5, mediaan: 9.5, binnenNorm: 1 },
        eindresultaten: {
          'Inwoner heeft zelf al betaald/betalingsregeling getroffen': 1,
          'Inwoner hoeft geen hulp vanuit vroegsignalering': 1,
        },
        perRoute: { 'vroeg-eropaf': 4 },
      },
      trajecten: { aangemeld: 2, perFase: { afgesloten: 1, intake: 1 } },
      beschikkingen: { afgegeven: 2, opTijd: 1, teLaat: 1, opTijdAandeel: 0.5 },
    });
  });

  it('exports the same figures as CSV for Dutch Excel', async () => {
    const a = await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&${periode}&formaat=csv`);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(a.headers.get('content-disposition')).toContain(`rapportage-${team}-`);
    // fetch's text() drops the byte order mark; the raw body starts with it.
    const regels = a.tekst.split('\r\n');
    expect(regels[0]).toBe('Kengetal;Waarde');
    expect(regels).toEqual(
      expect.arrayContaining([
        `Buurtteam;${team}`,
        'Signalen ontvangen;6',
        'Aandeel bereikt;0,5',
        'Eindresultaat: Inwoner hoeft geen hulp vanuit vroegsignalering;1',
        'Trajecten in fase intake;1',
        'Aandeel beschikkingen op tijd;0,5',
      ]),
    );
    const ruw = await fetch(`${api.basis}/v1/rapportage?buurtteam=${team}&${periode}&formaat=csv`, {
      headers: { authorization: teamleider },
    });
    expect([...new Uint8Array(await ruw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("lets only the team's teamleiders and beheerders read figures; checks the period", async () => {
    const pad = `/v1/rapportage?buurtteam=${team}&${periode}`;
    const medewerker = await api.issuer.bearer('medewerker', [team]);
    const andereTeamleider = await api.issuer.bearer('teamleider', ['rapport-west']);
    const operator = await api.issuer.bearer('operator', []);
    expect((await verzoek(medewerker, 'GET', pad)).status).toBe(403);
    expect(await verzoek(andereTeamleider, 'GET', pad)).toMatchObject({
      status: 403,
      body: { fout: `u bent geen teamleider van buurtteam ${team}` },
    });
    expect((await verzoek(operator, 'GET', pad)).status).toBe(403);
    expect((await verzoek(beheerder, 'GET', pad)).status).toBe(200);
    const fout = await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}&van=${vandaag}&tot=${plusDagen(vandaag, -1)}`);
    expect(fout).toMatchObject({ status: 400, body: { velden: [{ pad: 'tot', melding: 'tot ligt vóór van' }] } });
    expect((await verzoek(teamleider, 'GET', `/v1/rapportage?buurtteam=${team}`)).body.velden.map((v: { pad: string }) => v.pad)).toEqual([
      'van',
      'tot',
    ]);
  });

  it('delivers the DDAS uitwisselmodel v0.9, valid against its schema, to a beheerder only, every case protocolled', async () => {
    const pad = `/v1/rapportage/ddas?${periode}&buurtteam=${team}`;
    expect((await verzoek(teamleider, 'GET', pad)).status).toBe(403);
    const a = await verzoek(beheerder, 'GET', pad);
    expect(a.status, a.tekst).toBe(200);
    expect(a.headers.get('cache-control')).toBe('no-store');
    const model = a.body;

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const valideer = ajv.compile(JSON.parse(readFileSync(DDAS_SCHEMA, 'utf8')));
    expect(valideer(model), JSON.stringify(valideer.errors)).toBe(true);
    // The validator itself rejects what the schema forbids (it is not a validator that passes anything).
    expect(valideer({ ...model, leveringen: [{ ...model.leveringen[0], gemeentecode: 363 }] })).toBe(false);

    expect(model).toMatchObject({ startdatumLevering: plusDagen(vandaag, -30), einddatumLevering: vandaag });
    const [levering] = model.leveringen;
    expect(levering).toMatchObject({ teller: 1, gemeentecode: '0363', aanleverende_organisatie: { naam: 'Gemeente Amsterdam' } });
    const signaal = (id: string) => levering.vroegsignalen.find((s: { ID: string }) => s.ID === id);
    expect(levering.vroegsignalen).toHaveLength(6);
    // A closed melding still delivers its address (read from the melding as it came in).
    expect(signaal(`${ids.geweigerd}-s1`)).toEqual({
      ID: `${ids.geweigerd}-s1`,
      crisissignaal: false,
      warmeOverdracht: false,
      bedrag: 1840,
      signaaldatum: plusDagen(vandaag, -20),
      signaalpartner: { type: 'Energie' },
      // The test meldingen live at an address of their own (one household each): a plain house number.
      client: {
        Straatnaam: 'Osdorpplein',
        Huisnummer: melding('RP-2', vandaag).client.adres.huisnummer,
        Postcode: '1068EW',
        Plaatsnaam: 'Amsterdam',
      },
    });
    expect(signaal(`${ids.open}-s1`)).toMatchObject({ status: 'Nog niet opgepakt', crisissignaal: true, signaalpartner: { type: 'Huur' } });
    expect(signaal(`${ids.bereikt}-s2`)).toMatchObject({ bedrag: 2500, signaaldatum: plusDagen(vandaag, -2) });
    expect(signaal(`${ids.bereikt}-s2`).status).toBeUndefined();
    expect(signaal(`${ids.bereikt}-s3`)).toMatchObject({ status: 'Niet opgepakt: herhaalde melding', crisissignaal: false });
    const zaak = (id: string) =>
      levering.vroegsignaalzaken.find((z: { vroegsignalen: { ID: string }[] }) => z.vroegsignalen[0]!.ID === `${id}-s1`);
    expect(zaak(ids.bereikt)).toEqual({
      datum_opgepakt: plusDagen(vandaag, -7),
      vroegsignalen: [{ ID: `${ids.bereikt}-s1` }, { ID: `${ids.bereikt}-s2` }, { ID: `${ids.bereikt}-s3` }],
      contactpogingen: [
        { soort: 'Huisbezoek', bereikt: false, datum: plusDagen(vandaag, -7), dagdeel: 'Ochtend' },
        { soort: 'Huisbezoek', bereikt: true, datum: plusDagen(vandaag, -6), dagdeel: 'Avond' },
      ],
    });
    expect(zaak(ids.geweigerd)).toMatchObject({ resultaat: 'Inwoner hoeft geen hulp vanuit vroegsignalering' });

    // Every delivered case is in the protocol under the beheerder's name.
    const protocol = await verzoek(beheerder, 'GET', `/v1/audit?zaakId=${ids.geweigerd}`);
    expect(protocol.body.regels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gebruiker: 'beheer-01', actie: 'GET /v1/rapportage/ddas (zaak geleverd)', buurtteam: team }),
      ]),
    );
  });

  it('counts a change made after an earlier report (facts are kept only while a case is unchanged)', async () => {
    const pad = `/v1/rapportage?buurtteam=${team}&${periode}`;
    expect((await verzoek(teamleider, 'GET', pad)).body.meldingen.dagenTotEersteContactpoging.aantal).toBe(2);
    const mdw = await api.issuer.bearer('medewerker', [team], { sub: 'mdw-rapport' });
    await ok(mdw, 'POST', `/v1/meldingen/${ids.open}/huisbezoeken`, {
      tijdstip: op(1, 10),
      uitkomst: 'niet-thuis',
      medewerker: 'mdw-rapport',
    });
    const na = await uiteindelijk(async () => {
      const a = await verzoek(teamleider, 'GET', pad);
      expect(a.body.meldingen.dagenTotEersteContactpoging.aantal).toBe(3);
      return a.body;
    }, 30_000);
    // RP-3: melddatum 5 days ago, first attempt yesterday: 4 days; RP-1 took 3, RP-2 16.
    expect(na.meldingen.dagenTotEersteContactpoging).toEqual({ aantal: 3, gemiddeld: 7.7, mediaan: 4, binnenNorm: 2 });
  });
});
