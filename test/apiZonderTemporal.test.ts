import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app';

/** The API in front of a Temporal cluster that cannot be reached (nothing listens on port 1). */
describe('HTTP API without a reachable Temporal', () => {
  let server: Server;
  let basis: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    app = createApp(client);
    server = app.listen(0);
    basis = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it('reports not-ready on /health and answers 503, not 500, for case requests', async () => {
    const health = await fetch(`${basis}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'niet-gereed' });
    const antwoord = await fetch(`${basis}/trajecten/traject-abc`);
    expect(antwoord.status).toBe(503);
    expect(await antwoord.json()).toEqual({ fout: 'Temporal is niet bereikbaar; probeer het later opnieuw' });
  });

  it('still validates input first: bad input is 400 without touching Temporal', async () => {
    const antwoord = await fetch(`${basis}/aanmeldingen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(antwoord.status).toBe(400);
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
    expect(doc.paths['/trajecten/{id}/fase']!.post.responses['409']).toBeDefined();
  });
});
