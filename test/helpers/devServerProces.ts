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

  /** Starts the process and waits until the frontend answers. */
  async opstarten(): Promise<void> {
    this.proces = new Kindproces('dev server', 'bash', [SCRIPT], {
      ...process.env,
      ...this.env,
      TEMPORAL_DB: this.db,
      TEMPORAL_PORT: String(this.poort),
      TEMPORAL_UI_PORT: String(this.uiPoort),
    });
    const connection = await uiteindelijk(() => Connection.connect({ address: this.adres, connectTimeout: 1000 }), 60_000);
    try {
      await uiteindelijk(() => connection.workflowService.getSystemInfo({}), 60_000);
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
