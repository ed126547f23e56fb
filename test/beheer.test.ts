import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { opnemendeAdapters } from './helpers/fakes';
import { melding } from './helpers/invoer';
import { opsPoorten, vrijePoort } from './helpers/poorten';
import { devServerOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';

const ROOT = resolve(__dirname, '..');
const PERSOONSGEGEVENS = ['B. Bakker', 'Osdorpplein', '1068 EW'];

/** A process of this service (`tsx api/main.ts` or `tsx workers/main.ts`) with its output kept. */
class Proces {
  readonly proces: ChildProcess;
  uitvoer = '';

  constructor(bestand: string, env: NodeJS.ProcessEnv) {
    this.proces = spawn(join(ROOT, 'node_modules/.bin/tsx'), [bestand], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proces.stdout!.on('data', (d) => (this.uitvoer += d));
    this.proces.stderr!.on('data', (d) => (this.uitvoer += d));
  }

  /** Every line is one JSON object with time, level and message. */
  logRegels(): Record<string, unknown>[] {
    return this.uitvoer
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

  async stop(): Promise<number | null> {
    if (this.proces.exitCode !== null) return this.proces.exitCode;
    this.proces.kill('SIGTERM');
    const [code] = await once(this.proces, 'exit');
    return code as number | null;
  }
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

/** Webhook receiver that holds requests while `vasthouden` is set, to keep an activity in flight. */
class Webhook {
  readonly ontvangen: string[] = [];
  vasthouden = false;
  private wachtend: ServerResponse[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => {
        this.ontvangen.push(JSON.parse(data).zaakId);
        if (this.vasthouden) this.wachtend.push(res);
        else res.writeHead(204).end();
      });
    }).listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  laatGaan(): void {
    this.vasthouden = false;
    for (const res of this.wachtend.splice(0)) res.writeHead(204).end();
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }
}

describe('operations: metrics, JSON logs, probes and graceful shutdown of the worker and API processes', () => {
  let env: TestWorkflowEnvironment;
  const webhook = new Webhook();
  let worker: Proces;
  let api: Proces;
  let poorten: Awaited<ReturnType<typeof opsPoorten>>;
  let basis: string;
  const ops = (poort: string, pad: string) => `http://127.0.0.1:${poort}${pad}`;

  beforeAll(async () => {
    env = await devServerOmgeving();
    await webhook.start();
    poorten = await opsPoorten();
    const poort = await vrijePoort();
    basis = `http://127.0.0.1:${poort}`;
    const procesEnv = {
      ...process.env,
      ...poorten,
      PORT: String(poort),
      TEMPORAL_ADDRESS: env.address,
      NOTIFICATIE_WEBHOOK_URL: webhook.url,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'schuldhulp-beheer-')),
    };
    worker = new Proces('workers/main.ts', procesEnv);
    api = new Proces('api/main.ts', procesEnv);
    await uiteindelijk(async () => {
      expect(await status(ops(poorten.WORKER_OPS_PORT, '/health/ready'))).toBe(200);
      expect(await status(ops(poorten.API_OPS_PORT, '/health/ready'))).toBe(200);
    }, 90_000).catch((fout) => {
      throw new Error(`processen kwamen niet op: ${fout}\n${worker.uitvoer}\n${api.uitvoer}`);
    });
  });
  afterAll(async () => {
    webhook.laatGaan();
    await Promise.all([worker?.stop(), api?.stop()]);
    webhook.stop();
    await env?.teardown();
  });

  async function meld(referentie: string): Promise<string> {
    const antwoord = await fetch(`${basis}/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(melding(referentie, amsterdamDatum(new Date()))),
    });
    expect(antwoord.status).toBe(201);
    return ((await antwoord.json()) as { id: string }).id;
  }

  it('serves liveness, readiness and Prometheus metrics of the SDK, the API and the domain', async () => {
    expect(await status(ops(poorten.WORKER_OPS_PORT, '/health/live'))).toBe(200);
    expect(await status(ops(poorten.API_OPS_PORT, '/health/live'))).toBe(200);
    const id = await meld('BEHEER-1');
    await uiteindelijk(async () => expect(webhook.ontvangen).toContain(id));

    // Worker: Temporal SDK core metrics and our activity-side counter, on the runtime's endpoint.
    const workerMetrics = await uiteindelijk(async () => {
      const tekst = await (await fetch(ops(poorten.WORKER_METRICS_PORT, '/metrics'))).text();
      expect(tekst).toMatch(/^temporal_workflow_completed|^temporal_activity_execution_latency|^temporal_num_pollers/m);
      expect(tekst).toMatch(/^schuldhulp_notificaties_total\{[^}]*onderwerp="huisbezoek-plannen"[^}]*uitkomst="afgeleverd"[^}]*\} 1$/m);
      return tekst;
    });
    expect(workerMetrics).toMatch(/^temporal_request\{/m);

    // API: request rate and latency by route template, and open cases per phase from visibility.
    await uiteindelijk(async () => {
      const tekst = await (await fetch(ops(poorten.API_OPS_PORT, '/metrics'))).text();
      expect(tekst).toMatch(/^schuldhulp_api_verzoeken_total\{methode="POST",route="\/meldingen",status="201"\} 1$/m);
      expect(tekst).toMatch(/^schuldhulp_api_verzoek_duur_seconden_count\{methode="POST",route="\/meldingen",status="201"\} 1$/m);
      expect(tekst).toMatch(/^schuldhulp_zaken_open\{soort="vroegEropaf",fase="vroeg-eropaf-bereiken"\} 1$/m);
      expect(tekst).toMatch(/^process_resident_memory_bytes /m);
    });
  });

  it('finishes an in-flight activity on SIGTERM before the worker exits', async () => {
    webhook.vasthouden = true;
    const id = await meld('BEHEER-2');
    await uiteindelijk(async () => expect(webhook.ontvangen).toContain(id));
    worker.proces.kill('SIGTERM');
    // Stopping: not ready for work any more, but still alive while the activity runs.
    await uiteindelijk(async () => expect(await status(ops(poorten.WORKER_OPS_PORT, '/health/ready'))).toBe(503));
    expect(worker.proces.exitCode).toBeNull();
    webhook.laatGaan();
    const [code] = await once(worker.proces, 'exit');
    expect(code).toBe(0);
    const history = await env.client.workflow.getHandle(id).fetchHistory();
    expect(history.events!.filter((e) => e.activityTaskCompletedEventAttributes)).toHaveLength(1);
    expect(webhook.ontvangen.filter((z) => z === id)).toHaveLength(1);
  });

  it('answers an in-flight request on SIGTERM, refuses new connections and then exits', async () => {
    // With the worker stopped, this update waits until a worker picks the case up again.
    const id = await meld('BEHEER-3');
    const bezoek = fetch(`${basis}/meldingen/${id}/huisbezoeken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tijdstip: new Date().toISOString(), uitkomst: 'niet-thuis', medewerker: 'mdw-0001' }),
    });
    await new Promise((r) => setTimeout(r, 500));
    api.proces.kill('SIGTERM');
    await uiteindelijk(async () => expect(await status(ops(poorten.API_OPS_PORT, '/health/ready'))).toBe(503));
    await expect(fetch(`${basis}/health`)).rejects.toThrow();
    const antwoord = await metWorker(env, opnemendeAdapters(), () => bezoek);
    expect(antwoord.status).toBe(200);
    const [code] = await once(api.proces, 'exit');
    expect(code).toBe(0);
  });

  it('logs JSON lines without personal data', () => {
    const regels = [...worker.logRegels(), ...api.logRegels()];
    expect(regels.length).toBeGreaterThan(5);
    for (const regel of regels)
      expect(regel).toMatchObject({ tijd: expect.any(String), niveau: expect.any(String), bericht: expect.any(String) });
    expect(regels).toContainEqual(expect.objectContaining({ bericht: 'verzoek', route: '/meldingen/:id/huisbezoeken', status: 200 }));
    expect(regels).toContainEqual(expect.objectContaining({ bericht: 'worker gestopt' }));
    for (const gegeven of PERSOONSGEGEVENS) expect(worker.uitvoer + api.uitvoer).not.toContain(gegeven);
  });
});
