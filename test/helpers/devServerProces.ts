import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { uiteindelijk } from './afwijzing';
import { Kindproces } from './kindproces';
import { vrijePoort } from './poorten';

const SCRIPT = resolve(__dirname, '../../scripts/dev-server.sh');

/**
 * The Temporal CLI dev server as `npm start` runs it (scripts/dev-server.sh: SQLite file, UI,
 * search attributes), on free loopback ports, as a process a test can kill and start again on
 * the same SQLite file.
 */
export class DevServerProces {
  private proces?: Kindproces;

  private constructor(
    readonly db: string,
    readonly poort: number,
    private readonly uiPoort: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** `env`: extra settings of scripts/dev-server.sh, e.g. TEMPORAL_RETENTIE. */
  static async start(env: NodeJS.ProcessEnv = {}): Promise<DevServerProces> {
    const db = join(await mkdtemp(join(tmpdir(), 'schuldhulp-dev-')), 'dev.sqlite');
    const server = new DevServerProces(db, await vrijePoort(), await vrijePoort(), env);
    await server.opstarten();
    return server;
  }

  get adres(): string {
    return `127.0.0.1:${this.poort}`;
  }

  /**
   * Starts the process and waits until the frontend answers. The CLI takes free ports for its
   * internal services itself, and a parallel test may take one first; the server then ends at
   * start, which is not what a test here is about, so it is started again (twice at most).
   */
  async opstarten(): Promise<void> {
    for (let poging = 1; ; poging++) {
      const proces = new Kindproces('dev server', 'bash', [SCRIPT], {
        ...process.env,
        ...this.env,
        TEMPORAL_DB: this.db,
        TEMPORAL_PORT: String(this.poort),
        TEMPORAL_UI_PORT: String(this.uiPoort),
      });
      this.proces = proces;
      try {
        if (await this.antwoordt(proces)) return;
      } catch (fout) {
        await proces.doodHard();
        throw new Error(`dev server antwoordt niet: ${String(fout)}\n${proces.uitvoer().slice(-3000)}`);
      }
      if (poging >= 3) throw new Error(`dev server stopt bij het starten:\n${proces.uitvoer().slice(-3000)}`);
    }
  }

  /** True once the frontend answers; false as soon as the process has ended. */
  private async antwoordt(proces: Kindproces): Promise<boolean> {
    const zolangHetDraait = <T>(f: () => Promise<T>) => uiteindelijk(async () => (proces.draait ? await f() : undefined), 60_000);
    const connection = await zolangHetDraait(() => Connection.connect({ address: this.adres, connectTimeout: 1000 }));
    if (!connection) return false;
    try {
      return (await zolangHetDraait(() => connection.workflowService.getSystemInfo({}))) !== undefined;
    } finally {
      await connection.close();
    }
  }

  /** SIGKILL and start again on the same SQLite file and port: a crash and restart of the cluster. */
  async herstartNaCrash(): Promise<void> {
    await this.proces?.doodHard();
    await this.opstarten();
  }

  async stop(): Promise<void> {
    await this.proces?.stop();
  }
}
