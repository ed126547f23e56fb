import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { melding } from './helpers/invoer';
import { opsPoorten, vrijePoort } from './helpers/poorten';
import { testSleutelringJson } from './helpers/sleutels';
import { devBearer } from './helpers/tokens';
import { devServerOmgeving } from './helpers/temporal';

const ROOT = resolve(__dirname, '..');

/** `npm run build`, then the compiled worker and API with plain node, as the Docker image runs them. */
describe('production build: compiled TypeScript and a prebuilt workflow bundle', () => {
  let env: TestWorkflowEnvironment;
  const processen: { proces: ChildProcess; uitvoer: string }[] = [];
  let basis: string;
  let data: string;
  /** The development issuer the compiled API runs without OIDC_ISSUER, on a free port. */
  let issuer: string;

  function start(bestand: string, procesEnv: NodeJS.ProcessEnv) {
    const p = { proces: spawn(process.execPath, [bestand], { cwd: ROOT, env: procesEnv, stdio: ['ignore', 'pipe', 'pipe'] }), uitvoer: '' };
    p.proces.stdout!.on('data', (d) => (p.uitvoer += d));
    p.proces.stderr!.on('data', (d) => (p.uitvoer += d));
    processen.push(p);
    return p;
  }

  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
    env = await devServerOmgeving();
    const poort = await vrijePoort();
    basis = `http://127.0.0.1:${poort}`;
    data = await mkdtemp(join(tmpdir(), 'schuldhulp-dist-'));
    const issuerPoort = await vrijePoort();
    issuer = `http://127.0.0.1:${issuerPoort}`;
    const procesEnv = {
      ...process.env,
      ...(await opsPoorten()),
      PORT: String(poort),
      DEV_ISSUER_PORT: String(issuerPoort),
      TEMPORAL_ADDRESS: env.address,
      DATA_DIR: data,
      SLEUTELRING: testSleutelringJson,
    };
    start('dist/workers/main.js', procesEnv);
    start('dist/api/main.js', procesEnv);
  }, 300_000);
  afterAll(async () => {
    for (const { proces } of processen) {
      if (proces.exitCode === null) {
        proces.kill('SIGTERM');
        await once(proces, 'exit');
      }
    }
    await env?.teardown();
  });

  it('runs a melding end to end on node with the prebuilt bundle, without bundling at start', async () => {
    expect(existsSync(join(ROOT, 'dist/workflow-bundle.js'))).toBe(true);
    const id = await uiteindelijk(async () => {
      const antwoord = await fetch(`${basis}/v1/meldingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await devBearer(issuer, 'medewerker', ['nieuw-west']) },
        body: JSON.stringify(melding('DIST-1', amsterdamDatum(new Date()))),
      });
      expect(antwoord.status).toBe(201);
      return ((await antwoord.json()) as { id: string }).id;
    }, 60_000);
    await uiteindelijk(async () => {
      const notificaties = await readFile(join(data, 'notificaties.jsonl'), 'utf8');
      expect(notificaties).toContain(id);
    }, 60_000);
    const [worker] = processen;
    expect(worker!.uitvoer).toContain('"msg":"worker start"');
    // Bundling at start would log webpack's work; the prebuilt file is loaded as is.
    expect(worker!.uitvoer).not.toMatch(/Workflow bundle created|webpack/i);
  });
});
