import { Client, Connection } from '@temporalio/client';
import { leesConfig, verbindingsOpties } from '../common/config';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = leesConfig();
  const connection = await Connection.connect(verbindingsOpties(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const server = createApp(client).listen(config.PORT, () => {
    console.log(
      `api: luistert op http://localhost:${config.PORT} (Temporal ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE})`,
    );
  });
  const stop = () => {
    console.log('api: stoppen');
    server.close(() => void connection.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((fout) => {
  console.error('api gestopt met fout', fout);
  process.exit(1);
});
