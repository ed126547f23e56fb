import { Client, Connection } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import { DevServerProces } from './helpers/devServerProces';
import { uiteindelijk } from './helpers/afwijzing';
import { aanmelding } from './helpers/invoer';

/** scripts/dev-server.sh, as `npm start` runs it: SQLite file, UI, search attributes. */
describe('scripts/dev-server.sh', () => {
  let server: DevServerProces | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  it('keeps cases across a restart and registers the search attributes', async () => {
    server = await DevServerProces.start({ TEMPORAL_RETENTIE: '48h' });
    let connection = await Connection.connect({ address: server.adres });
    let client = new Client({ connection });
    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(customAttributes)).toEqual(expect.arrayContaining(ALL_SEARCH_ATTRIBUTES.map((k) => k.name)));
    // Closed cases are deleted after the configured retention (set once the server answers).
    await uiteindelijk(async () => {
      const { config } = await client.connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(Number(config?.workflowExecutionRetentionTtl?.seconds)).toBe(48 * 3600);
    });
    // No worker runs: the case simply waits, as it would during a deploy.
    await client.workflow.start('schuldhulpTraject', {
      taskQueue: TASK_QUEUE,
      workflowId: 'traject-duurzaam',
      args: [aanmelding('traject-duurzaam', '2026-11-26')],
    });
    await connection.close();
    await server.stop();

    await server.opstarten();
    connection = await Connection.connect({ address: server.adres });
    client = new Client({ connection });
    const beschrijving = await client.workflow.getHandle('traject-duurzaam').describe();
    expect(beschrijving.status.name).toBe('RUNNING');
    expect(beschrijving.type).toBe('schuldhulpTraject');
    await connection.close();
  });
});
