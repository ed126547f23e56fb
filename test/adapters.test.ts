import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { FileNotificationAdapter, FileRegistrationAdapter } from '../activities/adapters/fileAdapters';
import { HttpNotificationAdapter } from '../activities/adapters/httpNotification';
import { HttpRegistrationAdapter } from '../activities/adapters/httpRegistration';
import { OngeldigeGegevensFout, type Notificatie, type Registratie } from '../activities/ports';

const notificatie: Notificatie = {
  idempotencyKey: 'traject-1:overschreden',
  soort: 'teamleider-alert',
  buurtteam: 'oost',
  zaakId: 'traject-1',
  onderwerp: 'beschikkingstermijn-overschreden',
  bericht: 'termijn overschreden',
};
const registratie: Registratie = {
  idempotencyKey: 'traject-1:registratie:1',
  trajectId: 'traject-1',
  gebeurtenis: 'fase',
  bsn: '111222333',
  gegevens: { fase: 'intake' },
};

describe('HTTP adapters against a real HTTP server', () => {
  let server: Server;
  let url: string;
  const ontvangen: { pad: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
  let volgendeStatus = 204;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => {
        ontvangen.push({ pad: req.url!, headers: req.headers, body: JSON.parse(data) });
        res.statusCode = volgendeStatus;
        res.end(volgendeStatus >= 400 ? 'bsn onbekend' : '');
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it('posts the notification as JSON with its idempotency key and bearer token', async () => {
    volgendeStatus = 204;
    await new HttpNotificationAdapter(`${url}/alerts`, 'geheim').verstuur(notificatie);
    const laatste = ontvangen.at(-1)!;
    expect(laatste.pad).toBe('/alerts');
    expect(laatste.headers['idempotency-key']).toBe('traject-1:overschreden');
    expect(laatste.headers.authorization).toBe('Bearer geheim');
    expect(laatste.body).toEqual(notificatie);
  });

  it('treats 4xx as bad data (not retryable) and 5xx or 429 as retryable', async () => {
    const adapter = new HttpRegistrationAdapter(`${url}/registraties`);
    volgendeStatus = 422;
    await expect(adapter.registreer(registratie)).rejects.toBeInstanceOf(OngeldigeGegevensFout);
    volgendeStatus = 503;
    const fout = await adapter.registreer(registratie).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(Error);
    expect(fout).not.toBeInstanceOf(OngeldigeGegevensFout);
    volgendeStatus = 429;
    await expect(adapter.registreer(registratie)).rejects.not.toBeInstanceOf(OngeldigeGegevensFout);
  });

  it('turns refused data into a non-retryable ApplicationFailure in the activity', async () => {
    volgendeStatus = 400;
    const activiteiten = createActivities({
      notificaties: new HttpNotificationAdapter(`${url}/alerts`),
      registratie: new HttpRegistrationAdapter(`${url}/registraties`),
    });
    const fout = await new MockActivityEnvironment().run(activiteiten.registreer, registratie).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(ApplicationFailure);
    expect((fout as ApplicationFailure).nonRetryable).toBe(true);
    expect((fout as ApplicationFailure).type).toBe('OngeldigeGegevens');
    // Host and status only: the receiver's body may echo personal data, the path may hold a secret.
    expect((fout as ApplicationFailure).message).toBe(`${new URL(url).host} antwoordde 400`);
  });
});

describe('file-backed development adapters', () => {
  it('store each idempotency key once, also across restarts of the worker', async () => {
    const map = await mkdtemp(join(tmpdir(), 'schuldhulp-'));
    const pad = join(map, 'notificaties.jsonl');
    await new FileNotificationAdapter(pad, 30).verstuur(notificatie);
    await new FileNotificationAdapter(pad, 30).verstuur(notificatie);
    const adapter = new FileNotificationAdapter(pad, 30);
    await adapter.verstuur({ ...notificatie, idempotencyKey: 'traject-1:waarschuwing-6w' });
    await adapter.verstuur({ ...notificatie, idempotencyKey: 'traject-1:waarschuwing-6w' });
    const regels = (await readFile(pad, 'utf8'))
      .trim()
      .split('\n')
      .map((r) => JSON.parse(r));
    expect(regels.map((r) => r.idempotencyKey)).toEqual(['traject-1:overschreden', 'traject-1:waarschuwing-6w']);

    const regPad = join(map, 'registraties.jsonl');
    await new FileRegistrationAdapter(regPad, 30).registreer(registratie);
    await new FileRegistrationAdapter(regPad, 30).registreer(registratie);
    expect((await readFile(regPad, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('store a key once when its attempts arrive together (a retry while the first is still writing)', async () => {
    const pad = join(await mkdtemp(join(tmpdir(), 'schuldhulp-')), 'map', 'notificaties.jsonl');
    const adapter = new FileNotificationAdapter(pad, 30);
    await Promise.all([
      adapter.verstuur(notificatie),
      adapter.verstuur(notificatie),
      adapter.verstuur({ ...notificatie, idempotencyKey: 'ander' }),
    ]);
    await adapter.verstuur(notificatie);
    const sleutels = (await readFile(pad, 'utf8'))
      .trim()
      .split('\n')
      .map((r) => JSON.parse(r).idempotencyKey);
    expect(sleutels).toEqual([notificatie.idempotencyKey, 'ander']);
  });

  it('keep personal data only for the retention period: older records are removed', async () => {
    const pad = join(await mkdtemp(join(tmpdir(), 'schuldhulp-')), 'registraties.jsonl');
    const oud = new Date(Date.now() - 31 * 24 * 3600_000).toISOString();
    const recent = new Date(Date.now() - 29 * 24 * 3600_000).toISOString();
    await writeFile(
      pad,
      [
        `${JSON.stringify({ ...registratie, idempotencyKey: 'oud', ontvangen: oud })}\n`,
        `${JSON.stringify({ ...registratie, idempotencyKey: 'recent', ontvangen: recent })}\n`,
      ].join(''),
    );
    await new FileRegistrationAdapter(pad, 30).registreer({ ...registratie, idempotencyKey: 'nieuw' });
    const sleutels = (await readFile(pad, 'utf8'))
      .trim()
      .split('\n')
      .map((r) => JSON.parse(r).idempotencyKey);
    expect(sleutels).toEqual(['recent', 'nieuw']);
  });
});
