import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { melding } from './helpers/invoer';

async function vrijePoort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** The README's start command, for real: dev server + worker + API with the file adapters. */
describe('npm start (scripts/start.sh)', () => {
  let proces: ChildProcess;
  let uitvoer = '';
  let api: string;
  let ui: string;
  let data: string;
  let temporalPoort: number;

  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'schuldhulp-start-'));
    const [port, temporalPort, uiPort] = [await vrijePoort(), await vrijePoort(), await vrijePoort()];
    temporalPoort = temporalPort;
    api = `http://127.0.0.1:${port}`;
    ui = `http://127.0.0.1:${uiPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_DB: join(data, 'dev.sqlite'),
      DATA_DIR: data,
    };
    delete env.TEMPORAL_ADDRESS;
    proces = spawn('bash', [resolve(__dirname, '../scripts/start.sh')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    proces.stdout!.on('data', (d) => (uitvoer += d));
    proces.stderr!.on('data', (d) => (uitvoer += d));
  });
  afterAll(async () => {
    if (proces.exitCode === null) {
      proces.kill('SIGTERM');
      await once(proces, 'exit');
    }
  });

  it('brings up the health endpoint, the Web UI and a worker that handles a melding', async () => {
    const health = await uiteindelijk(async () => {
      const antwoord = await fetch(`${api}/health`);
      expect(antwoord.status).toBe(200);
      return antwoord.json();
    }, 120_000).catch((fout) => {
      throw new Error(`start.sh kwam niet op: ${fout}\n${uitvoer}`);
    });
    expect(health).toEqual({ status: 'ok', temporal: 'bereikbaar' });
    expect((await fetch(ui)).status).toBe(200);

    const antwoord = await fetch(`${api}/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(melding('START-1', amsterdamDatum(new Date()))),
    });
    expect(antwoord.status).toBe(201);
    const { id } = (await antwoord.json()) as { id: string };
    const regels = await uiteindelijk(async () => {
      const inhoud = await readFile(join(data, 'notificaties.jsonl'), 'utf8');
      expect(inhoud).toContain(id);
      return inhoud
        .trim()
        .split('\n')
        .map((r) => JSON.parse(r));
    });
    expect(regels[0]).toMatchObject({ zaakId: id, soort: 'taak', onderwerp: 'huisbezoek-plannen' });
  });

  it('stops dev server, worker and API together on SIGTERM', async () => {
    proces.kill('SIGTERM');
    const [code] = await once(proces, 'exit');
    expect(code).not.toBe(null);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
    const verbinding = connect(temporalPoort, '127.0.0.1');
    const [fout] = await once(verbinding, 'error');
    expect((fout as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
