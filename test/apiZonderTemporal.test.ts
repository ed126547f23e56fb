import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app';
import { sqliteAuditLog } from '../api/auditSqlite';
import { apiVerbindingsOpties } from '../api/verbinding';
import { WerkvoorraadProjectie } from '../api/werkvoorraadProjectie';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { startApi, type DraaiendeApi } from './helpers/api';
import { GELDIG_BSN, melding } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';
import { startTestIssuer, type TestIssuer } from './helpers/tokens';

/** The API in front of a Temporal cluster that cannot be reached (nothing listens on port 1). */
describe('HTTP API without a reachable Temporal', () => {
  let server: Server;
  let basis: string;
  let app: ReturnType<typeof createApp>;
  let werkvoorraad: WerkvoorraadProjectie;
  let issuer: TestIssuer;
  let json: Record<string, string>;

  beforeAll(async () => {
    const client = new Client({ connection: Connection.lazy(apiVerbindingsOpties({ address: '127.0.0.1:1' })) });
    werkvoorraad = new WerkvoorraadProjectie(client);
    issuer = await startTestIssuer();
    json = { 'content-type': 'application/json', authorization: await issuer.bearer('medewerker', ['west', 'nieuw-west']) };
    app = createApp(client, { werkvoorraad, persoonGeheim: randomBytes(32), verifier: issuer.verifier, audit: sqliteAuditLog(':memory:') });
    server = app.listen(0);
    basis = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await issuer.stop();
  });

  it('reports not-ready on /health and answers 503, not 500, for case requests', async () => {
    const health = await fetch(`${basis}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'niet-gereed' });
    const antwoord = await fetch(`${basis}/trajecten/traject-abc`, { headers: json });
    expect(antwoord.status).toBe(503);
    expect(await antwoord.json()).toEqual({ fout: 'Temporal is niet bereikbaar; probeer het later opnieuw' });
  });

  it('still validates input first: bad input is 400 without touching Temporal', async () => {
    const antwoord = await fetch(`${basis}/aanmeldingen`, { method: 'POST', headers: json, body: '{}' });
    expect(antwoord.status).toBe(400);
    // A missing field is plainly `verplicht` (the web app asks for it in its own words), never zod's type names.
    expect(await antwoord.json()).toEqual({
      fout: 'ongeldige invoer',
      velden: [
        { pad: 'aanmeldDatum', melding: 'verplicht' },
        { pad: 'buurtteam', melding: 'verplicht' },
        { pad: 'client', melding: 'verplicht' },
      ],
    });
  });

  it('words what people get wrong in forms plainly, at each field', async () => {
    const body = {
      ...melding('X-1', '2026-01-01'),
      schuldeiser: { type: 'telefoonprovider', naam: 'Bel' },
      referentie: 'R'.repeat(101),
      achterstand: { bedragCent: '18,40', maanden: 0 },
      client: { naam: ' ', adres: { straat: 'Dam', huisnummer: '1', postcode: '1012 JS' } },
    };
    const antwoord = await fetch(`${basis}/meldingen`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(((await antwoord.json()) as { velden: unknown[] }).velden).toEqual([
      { pad: 'schuldeiser.type', melding: 'kies uit: woningcorporatie, zorgverzekeraar, waternet, energieleverancier' },
      { pad: 'referentie', melding: 'maximaal 100 tekens' },
      { pad: 'achterstand.bedragCent', melding: 'verwacht een getal' },
      { pad: 'achterstand.maanden', melding: 'minimaal 1' },
      { pad: 'client.naam', melding: 'verplicht' },
    ]);
  });

  it('refuses dates that cannot lie in the future at the edge, with the field path', async () => {
    const post = (pad: string, body: unknown) => fetch(`${basis}${pad}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const morgen = plusDagen(amsterdamDatum(new Date()), 1);
    const overEenUur = new Date(Date.now() + 3600_000).toISOString();
    const gevallen: [string, unknown, string][] = [
      ['/meldingen', melding('X-1', morgen), 'meldDatum'],
      ['/aanmeldingen', { aanmeldDatum: morgen, buurtteam: 'west', client: { bsn: GELDIG_BSN, naam: 'A' } }, 'aanmeldDatum'],
      ['/meldingen/melding-abc/overdracht', { aanmeldDatum: morgen, client: { bsn: GELDIG_BSN, naam: 'A' } }, 'aanmeldDatum'],
      ['/meldingen/melding-abc/huisbezoeken', { tijdstip: overEenUur, uitkomst: 'niet-thuis', medewerker: 'mdw-1' }, 'tijdstip'],
      ['/trajecten/traject-abc/intake', { actie: 'gehouden', tijdstip: overEenUur }, 'tijdstip'],
    ];
    for (const [pad, body, veld] of gevallen) {
      const antwoord = await post(pad, body);
      expect({ pad, status: antwoord.status, body: await antwoord.json() }).toEqual({
        pad,
        status: 400,
        body: { fout: 'ongeldige invoer', velden: [{ pad: veld, melding: expect.stringMatching(/kan niet in de toekomst liggen/) }] },
      });
    }
    // A planned intake may lie ahead: it passes the edge (and meets the unreachable cluster).
    expect((await post('/trajecten/traject-abc/intake', { actie: 'gepland', tijdstip: overEenUur })).status).toBe(503);
  });

  it('answers 413 with a Dutch message for an oversized body', async () => {
    const antwoord = await fetch(`${basis}/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...melding('X-1', '2026-01-01'), toelichting: 'x'.repeat(200_000) }),
    });
    expect(antwoord.status).toBe(413);
    expect(await antwoord.json()).toEqual({ fout: 'verzoek is te groot (maximaal 100kb)' });
  });

  it('serves an OpenAPI description of every route, from the validating schemas', async () => {
    const antwoord = await fetch(`${basis}/openapi.json`);
    expect(antwoord.status).toBe(200);
    const doc = (await antwoord.json()) as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    const beschreven = Object.entries(doc.paths).flatMap(([pad, methoden]) => Object.keys(methoden).map((m) => `${m} ${pad}`));
    const geregistreerd = (
      app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
    ).router.stack.flatMap((laag) =>
      laag.route ? Object.keys(laag.route.methods).map((m) => `${m} ${laag.route!.path.replace(/:(\w+)/g, '{$1}')}`) : [],
    );
    expect(beschreven.sort()).toEqual(geregistreerd.sort());

    const melding = doc.paths['/meldingen']!.post.requestBody.content['application/json'].schema;
    expect(melding.required).toEqual(
      expect.arrayContaining(['schuldeiser', 'referentie', 'achterstand', 'meldDatum', 'buurtteam', 'client']),
    );
    expect(melding.properties.schuldeiser.properties.type.enum).toEqual([
      'woningcorporatie',
      'zorgverzekeraar',
      'waternet',
      'energieleverancier',
    ]);
    expect(melding.properties.soort.enum).toContain('waterafsluiting');
    const afsluiting = doc.paths['/meldingen/{id}/afsluiting']!.post.requestBody.content['application/json'].schema;
    expect(afsluiting.properties.besluitReden.enum).toEqual([
      'adres-onbewoond',
      'geen-toegang-woning',
      'onveilig-voor-medewerkers',
      'verblijft-elders',
    ]);
    expect(doc.paths['/trajecten/{id}/fase']!.post.responses['409']).toBeDefined();
  });
});

/** The API's own connection to a real dev server that then stops, as in an outage. */
describe('HTTP API when the Temporal server stops', () => {
  let api: DraaiendeApi | undefined;
  let connection: Connection | undefined;
  afterAll(async () => {
    await api?.stop();
    await connection?.close();
  });

  it('answers 503 to every request within seconds, not after the SDK retries, and never echoes the cause', async () => {
    const env = await devServerOmgeving();
    let authorization = '';
    try {
      connection = await Connection.connect(apiVerbindingsOpties({ address: env.address }));
      api = await startApi(new Client({ connection }));
      await api.werkvoorraad.gereed();
      expect((await fetch(`${api.basis}/health`)).status).toBe(200);
      authorization = await api.issuer.bearer('medewerker', ['west', 'nieuw-west']);
      expect((await fetch(`${api.basis}/teams/west/taken`, { headers: { authorization } })).status).toBe(200);
    } finally {
      await env.teardown();
    }
    const { basis } = api;
    const json = { 'content-type': 'application/json', authorization };
    const verzoeken: [string, RequestInit][] = [
      ['/health', {}],
      ['/trajecten/traject-abc', { headers: json }],
      ['/meldingen/melding-abc', { headers: json }],
      ['/teams/west/taken', { headers: json }],
      ['/trajecten/traject-abc/crisisinterventie', { method: 'POST', headers: json, body: '{"actief":true}' }],
      ['/meldingen', { method: 'POST', headers: json, body: JSON.stringify(melding('X-1', amsterdamDatum(new Date()))) }],
    ];
    for (const [pad, init] of verzoeken) {
      const begin = Date.now();
      const antwoord = await fetch(`${basis}${pad}`, init);
      const duur = Date.now() - begin;
      const tekst = await antwoord.text();
      expect({ pad, status: antwoord.status }).toEqual({ pad, status: 503 });
      expect(tekst).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Error|code/);
      // Loosely: the SDK's default retries alone took ~20 s for one request.
      expect(duur).toBeLessThan(10_000);
    }
  });
});
