import { NativeConnection } from '@temporalio/worker';
import { leesConfig, verbindingsOpties } from '../common/config';
import { TASK_QUEUE } from '../common/taskQueues';
import { adaptersUitConfig } from './adapters';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const config = leesConfig();
  const connection = await NativeConnection.connect(verbindingsOpties(config));
  const adapters = adaptersUitConfig(config);
  console.log(
    `worker: ${config.TEMPORAL_ADDRESS} namespace=${config.TEMPORAL_NAMESPACE} taskQueue=${TASK_QUEUE}` +
      ` notificaties=${config.NOTIFICATIE_WEBHOOK_URL ? 'webhook' : config.SMTP_URL ? 'smtp' : 'bestand'} registratie=${config.ZGW_ZAKEN_URL ? 'zgw' : config.REGISTRATIE_URL ? 'http' : 'bestand'}`,
  );
  const worker = await createWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, adapters });
  await worker.run(); // SIGINT/SIGTERM shut down gracefully
  await connection.close();
}

main().catch((fout) => {
  console.error('worker gestopt met fout', fout);
  process.exit(1);
});
