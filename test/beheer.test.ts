import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { dienstProces, wachtTotGereed } from './helpers/dienstProces';
import { opnemendeAdapters } from './helpers/fakes';
import { melding } from './helpers/invoer';
import type { Kindproces } from './helpers/kindproces';
import { Ontvanger } from './helpers/ontvanger';
import { opsPoorten, vrijePoort } from './helpers/poorten';
import { devBearer } from './helpers/tokens';
import { devServerOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';

const PERSOONSGEGEVENS = ['B. Bakker', 'Osdorpplein', '1068 EW'];

/** Every line is one JSON object with time, level and message. */
function logRegels(proces: Kindproces): Record<string, unknown>[] {
  return proces
    .uitvoer()
    .trim()
    .split('\n')
    .map((regel) => {
      try {
        return JSON.parse(regel) as Record<string, unknown>;
      } catch {
        throw new Error(`geen JSON-logregel: ${regel}`);
      }
    });
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe('operations: metrics, JSON logs, probes and graceful shutdown of the worker and API processes', () => {
  let env: TestWorkflowEnvironment;
  let webhook: Ontvanger;
  /** Held requests keep an activity in flight. */
  let vasthouden = false;
  const ontvangen = () => webhook.aankomsten.map((a) => a.body.zaakId);
  let worker: Kindproces;
  let api: Kindproces;
  let poorten: Awaited<ReturnType<typeof opsPoorten>>;
  let basis: string;
  /** The development issuer api/main.ts runs without OIDC_ISSUER, on a free port. */
  let issuer: string;
  const ops = (poort: string, pad: string) => `http://127.0.0.1:${poort}${pad}`;

  beforeAll(async () => {
    env = await devServerOmgeving();
    webhook = await Ontvanger.start(() => (vasthouden ? 'vasthouden' : 204));
    poorten = await opsPoorten();
    const poort = await vrijePoort();
    basis = `http://127.0.0.1:${poort}`;
    const issuerPoort = await vrijePoort();
    issuer = `http://127.0.0.1:${issuerPoort}`;
    const procesEnv = {
      ...process.env,
      ...poorten,
      DEV_ISSUER_PORT: String(issuerPoort),
      PORT: String(poort),
      TEMPORAL_ADDRESS: env.address,
      NOTIFICATIE_WEBHOOK_URL: `${webhook.url}/alerts`,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'schuldhulp-beheer-')),
    };
    worker = dienstProces('workers/main.ts', procesEnv);
    api = dienstProces('api/main.ts', procesEnv);
    await Promise.all([wachtTotGereed(worker, poorten.WORKER_OPS_PORT), wachtTotGereed(api, poorten.API_OPS_PORT)]);
  });
  afterAll(async () => {
    webhook?.laatGaan();
    await Promise.all([worker?.stop(), api?.stop()]);
    await webhook?.stop();
    await env?.teardown();
  });

  async function meld(referentie: string): Promise<string> {
    const antwoord = await fetch(`${basis}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await devBearer(issuer, 'medewerker', ['nieuw-west']) },
      body: JSON.stringify(melding(referentie, amsterdamDatum(new Date()))),
    });
    expect(antwoord.status).toBe(201);
    return ((await antwoord.json()) as { id: string }).id;
  }

  it('serves liveness, readiness and Prometheus metrics of the SDK, the API and the domain', async () => {
    expect(await status(ops(poorten.WORKER_OPS_PORT, '/health/live'))).toBe(200);
    expect(await status(ops(poorten.API_OPS_PORT, '/health/live'))).toBe(200);
    const id = await meld('BEHEER-1');
    await uiteindelijk(async () => expect(ontvangen()).toContain(id));

    // Worker: Temporal SDK core metrics and our activity-side counter, on the runtime's endpoint.
    const workerMetrics = await uiteindelijk(async () => {
      const tekst = await (await fetch(ops(poorten.WORKER_METRICS_PORT, '/metrics'))).text();
      expect(tekst).toMatch(/^temporal_workflow_completed|^temporal_activity_execution_latency|^temporal_num_pollers/m);
      expect(tekst).toMatch(/^schuldhulp_notificaties_total\{[^}]*onderwerp="huisbezoek-plannen"[^}]*uitkomst="afgeleverd"[^}]*\} 1$/m);
      return tekst;
    });
    // Prometheus conventions (Runtime options): counters end in _total, durations are in seconds.
    expect(workerMetrics).toMatch(/^temporal_request_total\{/m);
    expect(workerMetrics).toMatch(/^temporal_\w+_latency_seconds_bucket\{/m);
    expect(workerMetrics).not.toMatch(/_milliseconds/);

    // API: request rate and latency by route template, and open cases per phase from visibility.
    await uiteindelijk(async () => {
      const tekst = await (await fetch(ops(poorten.API_OPS_PORT, '/metrics'))).text();
      expect(tekst).toMatch(/^schuldhulp_api_verzoeken_total\{methode="POST",route="\/v1\/meldingen",status="201"\} 1$/m);
      expect(tekst).toMatch(/^schuldhulp_api_verzoek_duur_seconds_count\{methode="POST",route="\/v1\/meldingen",status="201"\} 1$/m);
      expect(tekst).toMatch(/^schuldhulp_zaken_open\{soort="vroegEropaf",fase="vroeg-eropaf-bereiken"\} 1$/m);
      expect(tekst).toMatch(/^process_resident_memory_bytes /m);
    });
  });

  it('finishes an in-flight activity on SIGTERM before the worker exits', async () => {
    vasthouden = true;
    const id = await meld('BEHEER-2');
    await uiteindelijk(async () => expect(ontvangen()).toContain(id));
    worker.stuur('SIGTERM');
    // Stopping: not ready for work any more, but still alive while the activity runs.
    await uiteindelijk(async () => expect(await status(ops(poorten.WORKER_OPS_PORT, '/health/ready'))).toBe(503));
    expect(worker.draait).toBe(true);
    webhook.laatGaan();
    expect(await worker.einde()).toBe(0);
    const history = await env.client.workflow.getHandle(id).fetchHistory();
    expect(history.events!.filter((e) => e.activityTaskCompletedEventAttributes)).toHaveLength(1);
    expect(ontvangen().filter((z) => z === id)).toHaveLength(1);
  });

  it('answers an in-flight request on SIGTERM, refuses new connections and then exits', async () => {
    // A melding goes through its household's lock, which a worker runs; then, with the worker
    // stopped, the visit's update waits until a worker picks the case up again.
    const id = await metWorker(env, opnemendeAdapters(), () => meld('BEHEER-3'));
    const authorization = await devBearer(issuer, 'medewerker', ['nieuw-west']);
    const bezoek = fetch(`${basis}/v1/meldingen/${id}/huisbezoeken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ tijdstip: new Date().toISOString(), uitkomst: 'niet-thuis', medewerker: 'mdw-0001' }),
    });
    await new Promise((r) => setTimeout(r, 500));
    api.stuur('SIGTERM');
    await uiteindelijk(async () => expect(await status(ops(poorten.API_OPS_PORT, '/health/ready'))).toBe(503));
    await expect(fetch(`${basis}/health`)).rejects.toThrow();
    const antwoord = await metWorker(env, opnemendeAdapters(), () => bezoek);
    expect(antwoord.status).toBe(200);
    expect(await api.einde()).toBe(0);
  });

  it('logs JSON lines without personal data', () => {
    const regels = [...logRegels(worker), ...logRegels(api)];
    expect(regels.length).toBeGreaterThan(5);
    for (const regel of regels)
      expect(regel).toMatchObject({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) });
    expect(regels).toContainEqual(
      expect.objectContaining({ msg: 'verzoek', route: '/v1/meldingen/:id/huisbezoeken', status: 200, correlatieId: expect.any(String) }),
    );
    expect(regels).toContainEqual(expect.objectContaining({ msg: 'worker gestopt' }));
    for (const gegeven of PERSOONSGEGEVENS) expect(worker.uitvoer() + api.uitvoer()).not.toContain(gegeven);
  });
});
