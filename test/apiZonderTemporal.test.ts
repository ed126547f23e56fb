import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { apiVerbindingsOpties } from '../api/verbinding';
import { WerkvoorraadProjectie } from '../api/werkvoorraad/werkvoorraadProjectie';
import { DATUMVENSTERS, vensterGrenzen } from '../common/datumvensters';
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
    const antwoord = await fetch(`${basis}/v1/trajecten/traject-abc`, { headers: json });
    expect(antwoord.status).toBe(503);
    expect(await antwoord.json()).toMatchObject({ fout: 'Temporal is niet bereikbaar; probeer het later opnieuw' });
  });

  it('still validates input first: bad input is 400 without touching Temporal; consent is asked, never presumed', async () => {
    const antwoord = await fetch(`${basis}/v1/aanmeldingen`, { method: 'POST', headers: json, body: '{}' });
    expect(antwoord.status).toBe(400);
    // A missing field is plainly `verplicht` (the web app asks for it in its own words), never zod's type names.
    expect(await antwoord.json()).toMatchObject({
      fout: 'ongeldige invoer',
      velden: [
        { pad: 'aanmeldDatum', melding: 'verplicht' },
        { pad: 'buurtteam', melding: 'verplicht' },
        { pad: 'client', melding: 'verplicht' },
        { pad: 'toestemming', melding: 'verplicht' },
      ],
    });
    // Werkkader §2.4: both answers are given explicitly, for a new aanmelding and a hand-over alike.
    const zonderAntwoord = { aanmeldDatum: amsterdamDatum(new Date()), client: { bsn: GELDIG_BSN, naam: 'A' }, toestemming: {} };
    for (const [pad, body] of [
      ['/v1/aanmeldingen', { ...zonderAntwoord, buurtteam: 'west' }],
      ['/v1/meldingen/melding-abc/overdracht', zonderAntwoord],
    ] as const) {
      const half = await fetch(`${basis}${pad}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
      expect({ pad, status: half.status, body: await half.json() }).toMatchObject({
        pad,
        status: 400,
        body: {
          fout: 'ongeldige invoer',
          velden: [
            { pad: 'toestemming.vastleggen', melding: 'verplicht' },
            { pad: 'toestemming.delen', melding: 'verplicht' },
          ],
        },
      });
    }
  });

  it('words what people get wrong in forms plainly, at each field', async () => {
    const body = {
      ...melding('X-1', '2026-01-01'),
      schuldeiser: { type: 'telefoonprovider', naam: 'Bel' },
      referentie: 'R'.repeat(101),
      achterstand: { bedragCent: '18,40', maanden: 0 },
      client: { naam: ' ', adres: { straat: 'Dam', huisnummer: '1', postcode: '1012 JS' } },
    };
    const antwoord = await fetch(`${basis}/v1/meldingen`, { method: 'POST', headers: json, body: JSON.stringify(body) });
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
    const toestemming = { vastleggen: true, delen: false };
    const gevallen: [string, unknown, string][] = [
      ['/v1/meldingen', melding('X-1', morgen), 'meldDatum'],
      [
        '/v1/aanmeldingen',
        { aanmeldDatum: morgen, buurtteam: 'west', client: { bsn: GELDIG_BSN, naam: 'A' }, toestemming },
        'aanmeldDatum',
      ],
      [
        '/v1/meldingen/melding-abc/overdracht',
        { aanmeldDatum: morgen, client: { bsn: GELDIG_BSN, naam: 'A' }, toestemming },
        'aanmeldDatum',
      ],
      ['/v1/meldingen/melding-abc/huisbezoeken', { tijdstip: overEenUur, uitkomst: 'niet-thuis', medewerker: 'mdw-1' }, 'tijdstip'],
      ['/v1/trajecten/traject-abc/intake', { actie: 'gehouden', tijdstip: overEenUur }, 'tijdstip'],
    ];
    for (const [pad, body, veld] of gevallen) {
      const antwoord = await post(pad, body);
      expect({ pad, status: antwoord.status, body: await antwoord.json() }).toMatchObject({
        pad,
        status: 400,
        body: { fout: 'ongeldige invoer', velden: [{ pad: veld, melding: expect.stringMatching(/kan niet in de toekomst liggen/) }] },
      });
    }
    // A planned intake may lie ahead: it passes the edge (and meets the unreachable cluster).
    expect((await post('/v1/trajecten/traject-abc/intake', { actie: 'gepland', tijdstip: overEenUur })).status).toBe(503);
  });

  it('answers errors as RFC 9457 problem details, and every response with its API-Version', async () => {
    const antwoord = await fetch(`${basis}/v1/meldingen`, { method: 'POST', headers: json, body: JSON.stringify({ buurtteam: 'oost' }) });
    expect(antwoord.status).toBe(400);
    expect(antwoord.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(antwoord.headers.get('api-version')).toMatch(/^1\.\d+\.\d+$/);
    const probleem = (await antwoord.json()) as { velden: unknown[] };
    expect(probleem).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'ongeldige invoer' });
    expect(probleem.velden).toEqual(expect.arrayContaining([{ pad: 'meldDatum', melding: 'verplicht' }]));
    const onbekend = await fetch(`${basis}/bestaat-niet`, { headers: json });
    expect(onbekend.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await onbekend.json()).toMatchObject({ status: 404, title: 'Not Found', detail: 'onbekend pad' });
    const document = await fetch(`${basis}/v1/openapi.json`);
    expect(document.headers.get('api-version')).toBe(((await document.json()) as { info: { version: string } }).info.version);
  });

  it('redirects the paths of before /v1 permanently, keeping method, query and body', async () => {
    const oud = await fetch(`${basis}/teams/oost/taken?limiet=5`, { redirect: 'manual' });
    expect(oud.status).toBe(308);
    expect(oud.headers.get('location')).toBe('/v1/teams/oost/taken?limiet=5');
    expect(oud.headers.get('link')).toBe('</v1/teams/oost/taken?limiet=5>; rel="successor-version"');
    // Followed, a POST arrives with its body: the validation of /v1/meldingen answers.
    const gevolgd = await fetch(`${basis}/meldingen`, { method: 'POST', headers: json, body: JSON.stringify({ buurtteam: 'oost' }) });
    expect(gevolgd.url).toBe(`${basis}/v1/meldingen`);
    expect(gevolgd.status).toBe(400);
    expect((await fetch(`${basis}/health`, { redirect: 'manual' })).status).not.toBe(308);
  });

  it('refuses dates outside their window at the edge with a Dutch 400 at the field, before any calendar is computed', async () => {
    const post = (pad: string, body: unknown) => fetch(`${basis}${pad}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const vandaag = amsterdamDatum(new Date());
    const { vroegst: eenJaarTerug } = vensterGrenzen(DATUMVENSTERS.binnenkomst, vandaag);
    const { laatst: overEenJaar } = vensterGrenzen(DATUMVENSTERS.crisisdatum, vandaag);
    const energie = { type: 'energieleverancier' as const, naam: 'Vattenfall' };
    const gevallen: [string, unknown, string, RegExp][] = [
      // A year typed as 0026 started a traject whose first task never ran (issue 18, item 1).
      [
        '/v1/aanmeldingen',
        {
          aanmeldDatum: '0026-11-26',
          buurtteam: 'west',
          client: { bsn: GELDIG_BSN, naam: 'A' },
          toestemming: { vastleggen: true, delen: false },
        },
        'aanmeldDatum',
        /te ver terug: niet vóór/,
      ],
      // This one answered 500: the afsluitsignaal's 20 werkdagen were counted from the year 999.
      [
        '/v1/meldingen',
        melding('X-2', '0999-01-01', { soort: 'energieafsluiting', schuldeiser: energie, afsluitDatum: plusDagen(vandaag, 40) }),
        'meldDatum',
        /te ver terug/,
      ],
      ['/v1/meldingen', melding('X-3', plusDagen(eenJaarTerug, -1)), 'meldDatum', new RegExp(`niet vóór ${eenJaarTerug}`)],
      [
        '/v1/meldingen',
        melding('X-4', vandaag, { soort: 'energieafsluiting', schuldeiser: energie, afsluitDatum: plusDagen(overEenJaar, 1) }),
        'afsluitDatum',
        new RegExp(`uiterlijk ${overEenJaar}`),
      ],
      [
        '/v1/meldingen',
        melding('X-5', vandaag, {
          soort: 'huisuitzetting',
          schuldeiser: { type: 'woningcorporatie', naam: 'Ymere' },
          ontruimingsDatum: '9999-12-31',
        }),
        'ontruimingsDatum',
        /te ver vooruit/,
      ],
      [
        '/v1/meldingen/melding-abc/huisbezoeken',
        { tijdstip: '0026-11-26T10:00:00+01:00', uitkomst: 'niet-thuis', medewerker: 'mdw-1' },
        'tijdstip',
        /te ver terug/,
      ],
      ['/v1/trajecten/traject-abc/intake', { actie: 'gepland', tijdstip: '2999-01-01T10:00:00Z' }, 'tijdstip', /te ver vooruit/],
      ['/v1/trajecten/traject-abc/verdaging', { nieuweEinddatum: '3026-01-01', reden: 'stukken' }, 'nieuweEinddatum', /te ver vooruit/],
      ['/v1/trajecten/traject-abc/beschikking', { datum: '0026-11-26', besluit: 'toegekend' }, 'datum', /te ver terug/],
    ];
    for (const [pad, body, veld, melding] of gevallen) {
      const antwoord = await post(pad, body);
      expect({ pad, veld, status: antwoord.status, body: await antwoord.json() }).toMatchObject({
        pad,
        veld,
        status: 400,
        body: { fout: 'ongeldige invoer', velden: [{ pad: veld, melding: expect.stringMatching(melding) }] },
      });
    }
    const rapportage = await fetch(`${basis}/v1/rapportage?buurtteam=west&van=0026-01-01&tot=0026-12-31`, { headers: json });
    expect(rapportage.status).toBe(400);
    // The edges of a window pass (and meet the unreachable cluster).
    expect((await post('/v1/meldingen', melding('X-6', eenJaarTerug))).status).toBe(503);
  });

  it('answers 415, not 500, for a body in a charset or encoding it cannot read', async () => {
    const body = JSON.stringify({ aanmeldDatum: '2026-01-01' });
    const gevallen: Record<string, string>[] = [
      { 'content-type': 'application/json; charset=iso-8859-1' },
      { 'content-type': 'application/json; charset=klingon' },
      { 'content-type': 'application/json', 'content-encoding': 'compress' },
    ];
    for (const headers of gevallen) {
      const antwoord = await fetch(`${basis}/v1/aanmeldingen`, { method: 'POST', headers: { ...json, ...headers }, body });
      expect({ headers, status: antwoord.status, body: await antwoord.json() }).toMatchObject({
        headers,
        status: 415,
        body: { fout: expect.stringMatching(/^tekenset of compressie van het verzoek wordt niet ondersteund/) },
      });
    }
  });

  it('answers 413 with a Dutch message for an oversized body', async () => {
    const antwoord = await fetch(`${basis}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...melding('X-1', '2026-01-01'), toelichting: 'x'.repeat(200_000) }),
    });
    expect(antwoord.status).toBe(413);
    expect(await antwoord.json()).toMatchObject({ fout: 'verzoek is te groot (maximaal 100kb)' });
  });

  it('serves an OpenAPI description of every route, from the validating schemas', async () => {
    const antwoord = await fetch(`${basis}/v1/openapi.json`);
    expect(antwoord.status).toBe(200);
    const doc = (await antwoord.json()) as { openapi: string; servers: unknown; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    const beschreven = Object.entries(doc.paths).flatMap(([pad, methoden]) => Object.keys(methoden).map((m) => `${m} ${pad}`));
    // The routes of the versioned router (the one mounted sub-router with routes); /health lies outside the API.
    type Laag = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Laag[] } };
    const routes = (stack: Laag[]) =>
      stack.flatMap((laag) =>
        laag.route ? Object.keys(laag.route.methods).map((m) => `${m} ${laag.route!.path.replace(/:(\w+)/g, '{$1}')}`) : [],
      );
    const geregistreerd = (app as unknown as { router: { stack: Laag[] } }).router.stack
      .map((laag) => routes(laag.handle?.stack ?? []))
      .find((r) => r.includes('post /meldingen'));
    expect(beschreven.sort()).toEqual(geregistreerd?.sort());
    expect(doc.servers).toEqual([{ url: '/v1' }]);
    // Client generators name their methods after operationId: every operation has one, none twice.
    const operationIds = Object.values(doc.paths).flatMap((methoden) => Object.values(methoden).map((o) => o.operationId as unknown));
    expect(operationIds).toHaveLength(beschreven.length);
    expect(operationIds.every((id) => typeof id === 'string' && /^[a-z][a-zA-Z0-9]*$/.test(id))).toBe(true);
    expect(new Set(operationIds).size).toBe(operationIds.length);

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
      expect((await fetch(`${api.basis}/v1/teams/west/taken`, { headers: { authorization } })).status).toBe(200);
    } finally {
      await env.teardown();
    }
    const { basis } = api;
    const json = { 'content-type': 'application/json', authorization };
    const verzoeken: [string, RequestInit][] = [
      ['/health', {}],
      ['/v1/trajecten/traject-abc', { headers: json }],
      ['/v1/meldingen/melding-abc', { headers: json }],
      ['/v1/teams/west/taken', { headers: json }],
      ['/v1/trajecten/traject-abc/crisisinterventie', { method: 'POST', headers: json, body: '{"actief":true}' }],
      ['/v1/meldingen', { method: 'POST', headers: json, body: JSON.stringify(melding('X-1', amsterdamDatum(new Date()))) }],
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
