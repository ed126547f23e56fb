import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app';

/** The API in front of a Temporal cluster that cannot be reached (nothing listens on port 1). */
describe('HTTP API without a reachable Temporal', () => {
  let server: Server;
  let basis: string;

  beforeAll(async () => {
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    server = createApp(client).listen(0);
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
});
