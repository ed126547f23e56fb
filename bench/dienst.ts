import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Rol } from '../api/auth/tokenVerifier';
import type { Melding } from '../common/schemas';
import { opsPoorten, vrijePoort } from '../test/helpers/poorten';
import { devBearer } from '../test/helpers/tokens';
import { testSleutelringJson } from '../test/helpers/sleutels';
import { wachtTot } from './parallel';

const ROOT = resolve(__dirname, '..');

/** The worker or the API as its own process, from the production build (`npm run build`, as the Docker image runs it). */
export class Dienst {
  private constructor(
    readonly proces: ChildProcess,
    readonly basis: string,
    private readonly opsPoort: string,
    /** The API's development issuer (no OIDC_ISSUER in the bench). */
    private readonly issuer: string,
  ) {}

  /** Authorization header for a user of the API's development issuer. */
  bearer(rol: Rol, buurtteams: string[]): Promise<string> {
    return devBearer(this.issuer, rol, buurtteams);
  }

  static async start(wat: 'worker' | 'api', temporalAddress: string): Promise<Dienst> {
    const poorten = await opsPoorten();
    const poort = await vrijePoort();
    const issuerPoort = await vrijePoort();
    const env = {
      ...process.env,
      ...poorten,
      // The keyring of the bench's own client (test/helpers/temporal.ts): the same payload codec.
      SLEUTELRING: testSleutelringJson,
      PORT: String(poort),
      DEV_ISSUER_PORT: String(issuerPoort),
      // A burst from one address is the point here, not something to refuse.
      VERZOEKEN_PER_MINUUT: '1000000',
      TEMPORAL_ADDRESS: temporalAddress,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'schuldhulp-bench-')),
    };
    // The prebuilt workflow bundle too: bundling with webpack at start is development only.
    const bestand = join(ROOT, 'dist', wat === 'worker' ? 'workers/main.js' : 'api/main.js');
    if (!existsSync(bestand)) throw new Error(`bench: ${bestand} ontbreekt; npm run bench bouwt het eerst`);
    const proces = spawn(process.execPath, [bestand], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const dienst = new Dienst(
      proces,
      `http://127.0.0.1:${poort}`,
      wat === 'worker' ? poorten.WORKER_OPS_PORT : poorten.API_OPS_PORT,
      `http://127.0.0.1:${issuerPoort}`,
    );
    await wachtTot(
      async () => {
        if (proces.exitCode !== null) throw new Error(`bench: ${wat} stopte (${proces.exitCode})`);
        return (await fetch(`http://127.0.0.1:${dienst.opsPoort}/health/ready`).catch(() => undefined))?.status === 200;
      },
      120_000,
      `${wat} gereed`,
    );
    return dienst;
  }

  /** `POST /meldingen` as a creditor's system sends it; anything but 201 stops the bench. */
  async registreer(authorization: string, melding: Melding): Promise<void> {
    const antwoord = await fetch(`${this.basis}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(melding),
    });
    if (antwoord.status !== 201) throw new Error(`bench: API antwoordde ${antwoord.status}`);
  }

  /** Resident set size in MB, from /proc (Linux). */
  async rssMb(): Promise<number> {
    const status = await readFile(`/proc/${this.proces.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  }

  async stop(): Promise<void> {
    if (this.proces.exitCode !== null) return;
    this.proces.kill('SIGTERM');
    await once(this.proces, 'exit');
  }
}
