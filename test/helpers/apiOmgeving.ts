import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ActivityAdapters } from '../../activities';
import { VORIG_TRAJECT_SLUIT } from '../../api/zaaktoegang';
import { uiteindelijk } from './afwijzing';
import { startApi, type DraaiendeApi } from './api';
import { opnemendeAdapters } from './fakes';
import { e2eOmgeving } from './temporal';
import { draaiendeWorker } from './werkers';

/** The API's answer: `body` parsed when it is JSON (problem+json too), else undefined; `tekst` as it came. */
export interface Antwoord {
  status: number;
  body: any;
  tekst: string;
  location: string | null;
  headers: Headers;
}

/** A request with a bearer token; a string body goes as it is (e.g. malformed JSON), any other as JSON. */
export type Verzoek = (token: string, methode: string, pad: string, body?: unknown, headers?: Record<string, string>) => Promise<Antwoord>;

/**
 * For a whole test file: a Temporal server (`server`, by default the end-to-end suite's), a worker
 * with `adapters` (fresh recording ones unless given) and the API on it, started by startApi with
 * `projectie` and `opties`; all stopped after the file. `zet` gets the server and the API once they
 * run; the file mints its tokens there or in its own beforeAll. Returns the file's `verzoek`.
 */
export function apiPerBestand(
  zet: (draaiend: { env: TestWorkflowEnvironment; api: DraaiendeApi }) => void | Promise<void>,
  {
    server = e2eOmgeving,
    adapters = opnemendeAdapters(),
    projectie,
    opties,
  }: {
    server?: () => Promise<TestWorkflowEnvironment>;
    adapters?: ActivityAdapters;
    projectie?: Parameters<typeof startApi>[1];
    opties?: Parameters<typeof startApi>[2];
  } = {},
): Verzoek {
  let env: TestWorkflowEnvironment | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  let api: DraaiendeApi | undefined;
  beforeAll(async () => {
    env = await server();
    worker = await draaiendeWorker(env, adapters);
    api = await startApi(env.client, projectie, opties);
    await zet({ env, api });
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await env?.teardown();
  });
  return async (token, methode, pad, body, headers = {}) => {
    const antwoord = await fetch(`${api!.basis}${pad}`, {
      method: methode,
      headers: { 'content-type': 'application/json', authorization: token, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const tekst = await antwoord.text();
    const json = /^application\/(problem\+)?json/.test(antwoord.headers.get('content-type') ?? '');
    return {
      status: antwoord.status,
      body: json ? (JSON.parse(tekst) as unknown) : undefined,
      tekst,
      location: antwoord.headers.get('location'),
      headers: antwoord.headers,
    };
  };
}

/** `verzoek` for the steps a test sets up: it fails on an answer of 300 or more (with its text) and returns the body. */
export function geslaagd(verzoek: Verzoek): (...args: Parameters<Verzoek>) => Promise<any> {
  return async (...args) => {
    const a = await verzoek(...args);
    expect(a.status, a.tekst).toBeLessThan(300);
    return a.body;
  };
}

/**
 * Sends `stuur` again until it answers `status`, while the person's previous traject is closing:
 * every answer before must be that 409 (api/zaaktoegang.ts) with Retry-After. Gives the last answer.
 */
export async function naVorigTraject(stuur: () => Promise<Antwoord>, status: number): Promise<Antwoord> {
  const pogingen: Antwoord[] = [];
  await uiteindelijk(async () => {
    pogingen.push(await stuur());
    expect(pogingen.at(-1)!.status).toBe(status);
  });
  for (const p of pogingen.slice(0, -1)) {
    expect(p).toMatchObject({ status: 409, body: { fout: VORIG_TRAJECT_SLUIT } });
    expect(p.headers.get('retry-after')).toBe('2');
  }
  return pogingen.at(-1)!;
}
