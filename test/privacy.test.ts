import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecServer } from '../api/auth/codecServer';
import { vastTokenToegang } from '../api/auth/codecToegang';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { AesGcmCodec } from '../common/versleuteling';
import { uiteindelijk } from './helpers/afwijzing';
import { startApi, type DraaiendeApi } from './helpers/api';
import { opnemendeAdapters } from './helpers/fakes';
import { draaiendeWorker } from './helpers/werkers';
import { aanmelding, GELDIG_BSN, melding, testBsn } from './helpers/invoer';
import { gevondenPersoonsgegevens } from './helpers/persoonsgegevens';
import { testSleutelring } from './helpers/sleutels';
import { devServerOmgeving } from './helpers/temporal';

const ROOT = resolve(__dirname, '..');
const exec = promisify(execFile);
/** The personal values of the test input (helpers/invoer.ts). */
const PERSOONLIJK = [GELDIG_BSN, 'A. de Vries', 'B. Bakker', 'Osdorpplein', '1068 EW'];
const UI_ORIGIN = 'http://localhost:8233';

describe('stored replay histories', () => {
  it('finds a BSN on its own in a payload, not nine digits inside a hex id', () => {
    const payload = (waarde: unknown) => ({
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from(JSON.stringify(waarde)).toString('base64'),
    });
    // 011409009 passes the elfproef: seen in a traject id on a CI run, where it was reported as a BSN.
    const zonder = { events: [{ input: { payloads: [payload({ trajectId: 'traject-26bc011409009fad8b6fe28c73bae66d' })] } }] };
    expect(gevondenPersoonsgegevens(zonder, [])).toEqual([]);
    const met = { events: [{ input: { payloads: [payload({ bsn: GELDIG_BSN, slot: `persoon-${testBsn(701)}` })] } }] };
    expect(gevondenPersoonsgegevens(met, [])).toEqual([GELDIG_BSN, testBsn(701)]);
  });

  const map = join(__dirname, 'histories');
  it.each(readdirSync(map).filter((f) => f.endsWith('.json')))('%s holds no BSN, name, street or postcode', (bestand) => {
    const history = JSON.parse(readFileSync(join(map, bestand), 'utf8'));
    expect(gevondenPersoonsgegevens(history, PERSOONLIJK)).toEqual([]);
  });
});

/** API with codec server -> real Temporal dev server -> worker, all with the encrypting data converter. */
describe('personal data on the real dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: { stop(): Promise<void> } | undefined;
  let api: DraaiendeApi;
  let basis: string;
  /** The team's own teamleider sees the full status; what an operator sees is tested in toegang.test.ts. */
  let teamleider: string;
  const token = randomBytes(24).toString('base64url');
  const adapters = opnemendeAdapters();
  const vandaag = amsterdamDatum(new Date());

  beforeAll(async () => {
    env = await devServerOmgeving();
    adapters.registratie.storing = 'weigert';
    worker = await draaiendeWorker(env, adapters);
    const codec = codecServer({ codec: new AesGcmCodec(testSleutelring), toegang: vastTokenToegang(token), uiOrigin: UI_ORIGIN });
    api = await startApi(env.client, {}, { codec });
    basis = api.basis;
    teamleider = await api.issuer.bearer('teamleider', ['nieuw-west', 'zuidoost']);
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await env?.teardown();
  });

  async function post(pad: string, body: unknown): Promise<any> {
    const antwoord = await fetch(`${basis}${pad}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: teamleider },
      body: JSON.stringify(body),
    });
    expect(antwoord.status).toBeLessThan(300);
    return antwoord.json();
  }
  const get = async (pad: string): Promise<any> => (await fetch(`${basis}${pad}`, { headers: { authorization: teamleider } })).json();

  /** `temporal workflow show -o json` with the CLI installed by scripts/install.sh, as an operator runs it. */
  async function toon(workflowId: string, ...extra: string[]): Promise<unknown> {
    const { stdout } = await exec(join(ROOT, '.temporal/bin/temporal'), [
      'workflow',
      'show',
      '--address',
      env.address,
      '--workflow-id',
      workflowId,
      '-o',
      'json',
      ...extra,
    ]);
    return JSON.parse(stdout);
  }

  /** A melding and a traject whose registration was refused (a failure in the history), both with activities done. */
  async function zaken(): Promise<{ meldingId: string; trajectId: string }> {
    const { id: meldingId } = await post('/v1/meldingen', melding('PRIV-1', plusDagen(vandaag, -1)));
    const { trajectId: _, ...invoer } = aanmelding('x', vandaag);
    const { id: trajectId } = await post('/v1/aanmeldingen', invoer);
    await uiteindelijk(async () => {
      expect(adapters.notificaties.voor(meldingId)).toContain('huisbezoek-plannen');
      expect(adapters.notificaties.voor(trajectId)).toContain('registratie-geweigerd');
    });
    return { meldingId, trajectId };
  }
  let ids: Promise<{ meldingId: string; trajectId: string }>;
  beforeAll(() => {
    ids = zaken();
  });

  it('raw histories from the CLI without codec hold no BSN, name, street, postcode or failure text', async () => {
    const { meldingId, trajectId } = await ids;
    for (const id of [meldingId, trajectId]) {
      const history = await toon(id);
      expect(JSON.stringify(history)).toContain(Buffer.from('binary/encrypted').toString('base64'));
      expect(gevondenPersoonsgegevens(history, [...PERSOONLIJK, 'onbekend in registratiesysteem'])).toEqual([]);
    }
  });

  it('the CLI decodes through the codec server with the right token', async () => {
    const { meldingId, trajectId } = await ids;
    const codec = ['--codec-endpoint', `${basis}/codec`, '--codec-auth', `Bearer ${token}`];
    expect(gevondenPersoonsgegevens(await toon(meldingId, ...codec), PERSOONLIJK)).toEqual(['B. Bakker', 'Osdorpplein', '1068 EW']);
    // A query without arguments: the CLI sends an empty payload list (left out of the JSON) to encode.
    const { stdout } = await exec(join(ROOT, '.temporal/bin/temporal'), [
      ...['workflow', 'query', '--address', env.address, '--workflow-id', meldingId, '--name', 'meldingStatus', '-o', 'json'],
      ...codec,
    ]);
    expect(stdout).toContain('Osdorpplein');
    const traject = await toon(trajectId, ...codec);
    expect(gevondenPersoonsgegevens(traject, [...PERSOONLIJK, 'onbekend in registratiesysteem'])).toEqual([
      GELDIG_BSN,
      'A. de Vries',
      'onbekend in registratiesysteem',
    ]);
  });
  /** One encrypted payload as the UI and CLI send it: the melding's start input. */
  async function versleuteldePayload(): Promise<unknown> {
    const history = (await toon((await ids).meldingId)) as { events: any[] };
    return history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
  }
  async function decode(headers: Record<string, string>) {
    const antwoord = await fetch(`${basis}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: JSON.stringify({ payloads: [await versleuteldePayload()] }),
    });
    return { status: antwoord.status, tekst: await antwoord.text(), headers: antwoord.headers };
  }

  it('the codec server decodes for the right token and answers 401 without or with a wrong one', async () => {
    const goed = await decode({ authorization: `Bearer ${token}` });
    expect(goed.status).toBe(200);
    const [payload] = JSON.parse(goed.tekst).payloads;
    expect(JSON.parse(Buffer.from(payload.data, 'base64').toString())).toMatchObject({ client: { naam: 'B. Bakker' } });

    const fouteKoppen: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${token}x` },
      { authorization: token },
      { cookie: 'codec-sessie=fout' },
    ];
    for (const headers of fouteKoppen) {
      const fout = await decode(headers);
      expect(fout.status).toBe(401);
      expect(fout.tekst).not.toContain('payloads');
    }
  });

  it('lets only the UI origin call from a browser, and the UI through a same-site session cookie', async () => {
    const preflight = (origin: string) =>
      fetch(`${basis}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    const ander = await preflight('http://evil.example');
    expect(ander.status).toBe(403);
    expect(ander.headers.get('access-control-allow-origin')).toBeNull();

    const fout = await fetch(`${basis}/codec/sessie`, { method: 'POST', body: new URLSearchParams({ token: 'fout' }) });
    expect(fout.status).toBe(401);
    expect(fout.headers.get('set-cookie')).toBeNull();
    const sessie = await fetch(`${basis}/codec/sessie`, { method: 'POST', body: new URLSearchParams({ token }) });
    const cookie = sessie.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const metCookie = await decode({ cookie: cookie.split(';')[0]!, origin: UI_ORIGIN });
    expect(metCookie.status).toBe(200);
    expect(metCookie.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(metCookie.tekst).not.toContain('binary/encrypted');
  });

  it('shows the address to the team while the melding is open, and no longer once it is closed', async () => {
    const { meldingId } = await ids;
    expect((await get(`/v1/meldingen/${meldingId}`)).client).toEqual(melding('PRIV-1', vandaag).client);
    await post(`/v1/meldingen/${meldingId}/huisbezoeken`, {
      tijdstip: new Date(Date.now() - 3600_000).toISOString(),
      uitkomst: 'geweigerd',
      medewerker: 'mdw-1',
    });
    expect((await get(`/v1/meldingen/${meldingId}`)).client).toBeUndefined();
  });

  it('without consent to record (vastleggen) the name never enters the traject', async () => {
    // Other people than the file's first traject: one open traject per person.
    const client = (n: number) => ({ bsn: testBsn(n), naam: 'A. de Vries' });
    const { trajectId: _, ...invoer } = aanmelding('x', vandaag, { client: client(701), toestemming: { vastleggen: false, delen: false } });
    const { id } = await post('/v1/aanmeldingen', invoer);
    const status = await get(`/v1/trajecten/${id}`);
    expect(status.client).toBeUndefined();
    const gedecodeerd = await toon(id, '--codec-endpoint', `${basis}/codec`, '--codec-auth', `Bearer ${token}`);
    expect(gevondenPersoonsgegevens(gedecodeerd, PERSOONLIJK)).toEqual([testBsn(701)]);

    const delenZonderVastleggen = await fetch(`${basis}/v1/aanmeldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: teamleider },
      body: JSON.stringify({ ...invoer, toestemming: { vastleggen: false, delen: true } }),
    });
    expect(delenZonderVastleggen.status).toBe(400);
    expect(((await delenZonderVastleggen.json()) as { velden: { pad: string }[] }).velden.map((v) => v.pad)).toEqual(['toestemming.delen']);

    const { trajectId: __, ...metToestemming } = aanmelding('x', vandaag, {
      client: client(702),
      toestemming: { vastleggen: true, delen: false },
    });
    const ander = await post('/v1/aanmeldingen', metToestemming);
    expect((await get(`/v1/trajecten/${ander.id}`)).client).toEqual({ naam: 'A. de Vries' });
  });
});
