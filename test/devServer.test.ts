import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import { uiteindelijk } from './helpers/afwijzing';
import { aanmelding } from './helpers/invoer';
import { vrijePoort } from './helpers/poorten';

/** scripts/dev-server.sh, as `npm start` runs it: SQLite file, UI, search attributes. */
describe('scripts/dev-server.sh', () => {
  let server: ChildProcess | undefined;
  afterEach(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  async function start(db: string, port: number, uiPort: number): Promise<Client> {
    server = spawn('bash', [resolve(__dirname, '../scripts/dev-server.sh')], {
      env: { ...process.env, TEMPORAL_DB: db, TEMPORAL_PORT: String(port), TEMPORAL_UI_PORT: String(uiPort) },
      stdio: 'ignore',
    });
    const connection = await uiteindelijk(() => Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1000 }), 60_000);
    await uiteindelijk(() => connection.workflowService.getSystemInfo({}), 60_000);
    return new Client({ connection });
  }

  it('keeps cases across a restart and registers the search attributes', async () => {
    const db = join(await mkdtemp(join(tmpdir(), 'schuldhulp-dev-')), 'dev.sqlite');
    const [port, uiPort] = [await vrijePoort(), await vrijePoort()];

    let client = await start(db, port, uiPort);
    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(customAttributes)).toEqual(expect.arrayContaining(ALL_SEARCH_ATTRIBUTES.map((k) => k.name)));
    // No worker runs: the case simply waits, as it would during a deploy.
    await client.workflow.start('schuldhulpTraject', {
      taskQueue: TASK_QUEUE,
      workflowId: 'traject-duurzaam',
      args: [aanmelding('traject-duurzaam', '2026-11-26')],
    });
    await client.connection.close();
    server!.kill('SIGTERM');
    await once(server!, 'exit');

    client = await start(db, port, uiPort);
    const beschrijving = await client.workflow.getHandle('traject-duurzaam').describe();
    expect(beschrijving.status.name).toBe('RUNNING');
    expect(beschrijving.type).toBe('schuldhulpTraject');
    await client.connection.close();
  });
});
