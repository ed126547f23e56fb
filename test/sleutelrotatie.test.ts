import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataConverterVoor } from '../common/dataConverter';
import { leesSleutelring, metNieuweSleutel, type Sleutelring } from '../common/sleutelring';
import { TASK_QUEUE } from '../common/taskQueues';
import { AesGcmCodec, SLEUTEL_ID_METADATA } from '../common/versleuteling';
import { persoonsslot } from '../workflows/persoonsslot';
import { uiteindelijk } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { tijdreisOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';

const ROOT = resolve(__dirname, '..');
const exec = promisify(execFile);
const WAARDE = { client: { bsn: '111222333', naam: 'A. de Vries' } };
const versleutel = async (ring: Sleutelring, waarde: unknown) =>
  (await new AesGcmCodec(ring).encode([defaultPayloadConverter.toPayload(waarde)]))[0]!;
const ontsleutel = async (ring: Sleutelring, p: Payload) =>
  defaultPayloadConverter.fromPayload((await new AesGcmCodec(ring).decode([p]))[0]!);
const sleutelIdVan = (p: Payload) => Buffer.from(p.metadata![SLEUTEL_ID_METADATA]!).toString();

describe('key rotation with scripts/sleutelring.ts', () => {
  let map: string;
  beforeAll(async () => {
    map = await mkdtemp(join(tmpdir(), 'sleutelring-'));
  });
  afterAll(async () => {
    await rm(map, { recursive: true, force: true });
  });

  it('roteer makes a new key current and keeps the old one: a payload under the old key still decrypts', async () => {
    const bestand = join(map, 'ring.json');
    const script = (opdracht: string) => exec('npx', ['tsx', 'scripts/sleutelring.ts', opdracht, bestand], { cwd: ROOT });
    const lees = async () => leesSleutelring(await readFile(bestand, 'utf8'), bestand);
    await script('maak');
    const voor = await lees();
    const oud = await versleutel(voor, WAARDE);
    expect(sleutelIdVan(oud)).toBe(voor.huidig);

    const { stdout } = await script('roteer');
    const na = await lees();
    expect(stdout).not.toContain(na.sleutels.get(na.huidig)!.toString('base64'));
    expect((await stat(bestand)).mode & 0o777).toBe(0o600);
    expect(na.huidig).not.toBe(voor.huidig);
    expect(na.sleutels.get(voor.huidig)).toEqual(voor.sleutels.get(voor.huidig));
    // The old key is no longer current, and still decrypts what it once encrypted.
    expect(await ontsleutel(na, oud)).toEqual(WAARDE);
    const nieuw = await versleutel(na, WAARDE);
    expect(sleutelIdVan(nieuw)).toBe(na.huidig);
    // A reader that has not been given the rotated ring yet cannot read the new key's payloads.
    await expect(ontsleutel(voor, nieuw)).rejects.toThrow(`payload versleuteld met onbekende sleutel '${na.huidig}'`);
  });
});

describe('tampering with an encrypted payload', () => {
  const oud = leesSleutelring(JSON.stringify(metNieuweSleutel()), 'test');
  const ring = leesSleutelring(
    JSON.stringify(
      metNieuweSleutel({
        huidig: oud.huidig,
        sleutels: Object.fromEntries([...oud.sleutels].map(([id, s]) => [id, s.toString('base64')])),
      }),
    ),
    'test',
  );
  const gewijzigd = (p: Payload, wijzig: (data: Buffer) => void, sleutelId = sleutelIdVan(p)): Payload => {
    const data = Buffer.from(p.data!);
    wijzig(data);
    return { metadata: { ...p.metadata, [SLEUTEL_ID_METADATA]: Buffer.from(sleutelId) }, data };
  };

  it('decrypts the untouched payload', async () => {
    expect(await ontsleutel(ring, await versleutel(ring, WAARDE))).toEqual(WAARDE);
  });

  it.each([
    ['a ciphertext byte', 20],
    ['the IV', 0],
    ['the authentication tag', -1],
  ])('%s altered: an error, not another value', async (_, positie) => {
    const p = gewijzigd(await versleutel(ring, WAARDE), (d) => d.writeUInt8(d.at(positie)! ^ 1, (positie + d.length) % d.length));
    await expect(new AesGcmCodec(ring).decode([p])).rejects.toThrow(/unable to authenticate data/);
  });

  it('the key id altered to another key of the ring: an error', async () => {
    const p = gewijzigd(await versleutel(ring, WAARDE), () => undefined, oud.huidig);
    expect(oud.huidig).not.toBe(ring.huidig);
    await expect(new AesGcmCodec(ring).decode([p])).rejects.toThrow(/unable to authenticate data/);
  });

  it('the key id altered to one the ring does not have: an error naming only the id', async () => {
    const p = gewijzigd(await versleutel(ring, WAARDE), () => undefined, 'sleutel-die-niet-bestaat');
    await expect(new AesGcmCodec(ring).decode([p])).rejects.toThrow("payload versleuteld met onbekende sleutel 'sleutel-die-niet-bestaat'");
  });
});

/**
 * The API was given the rotated ring before the worker: the worker cannot decrypt a workflow's
 * input yet. Its workflow task fails and is retried; the workflow itself does not fail, and it
 * completes once a worker with the rotated ring polls.
 */
describe('a worker without the current key, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await tijdreisOmgeving();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('retries the workflow task instead of failing the workflow, and completes once the key is there', async () => {
    const oud = metNieuweSleutel();
    const nieuw = metNieuweSleutel(oud);
    const ringOud = leesSleutelring(JSON.stringify(oud), 'oud');
    const ringNieuw = leesSleutelring(JSON.stringify(nieuw), 'nieuw');
    const api = new Client({ connection: env.connection, namespace: env.namespace, dataConverter: dataConverterVoor(ringNieuw) });
    const h = await api.workflow.start(persoonsslot, { taskQueue: TASK_QUEUE, workflowId: 'persoon-rotatie', args: [{}] });
    const events = async () => (await h.fetchHistory()).events ?? [];
    const mislukteTaken = async () => (await events()).filter((e) => e.workflowTaskFailedEventAttributes);

    await metWorker(
      env,
      opnemendeAdapters(),
      () =>
        uiteindelijk(async () => {
          const mislukt = await mislukteTaken();
          expect(mislukt.length).toBeGreaterThanOrEqual(1);
        }),
      undefined,
      dataConverterVoor(ringOud),
    );
    expect((await h.describe()).status.name).toBe('RUNNING');
    expect((await events()).some((e) => e.workflowExecutionFailedEventAttributes || e.workflowExecutionCompletedEventAttributes)).toBe(
      false,
    );

    await metWorker(env, opnemendeAdapters(), () => h.result(), undefined, dataConverterVoor(ringNieuw));
    expect((await h.describe()).status.name).toBe('COMPLETED');
    expect((await mislukteTaken()).length).toBeGreaterThanOrEqual(1);
  });
});
