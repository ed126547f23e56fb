import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { leesConfig, verbindingsOpties } from '../common/config';
import { logJson } from '../common/jsonLog';
import { startOpsServer } from '../common/opsServer';
import { dataConverterVoor } from '../common/dataConverter';
import { sleutelringUitConfig } from '../common/sleutelring';
import { TASK_QUEUE } from '../common/taskQueues';
import { adaptersUitConfig } from './adapters';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const config = leesConfig();
  // Before any connection: the runtime owns logging and the Prometheus endpoint of the SDK core.
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logJson(level, message, meta)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: { prometheus: { bindAddress: `${config.OPS_HOST}:${config.WORKER_METRICS_PORT}` } },
    },
    // SIGTERM/SIGINT: stop polling, let in-flight tasks finish (shutdownGraceTime), then run() returns.
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  const connection = await NativeConnection.connect(verbindingsOpties(config));
  const ring = sleutelringUitConfig(config);
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    adapters: adaptersUitConfig(config),
    dataConverter: dataConverterVoor(ring),
    shutdownGraceTime: '25s',
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    ...(config.WORKFLOW_BUNDLE ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE } } : {}),
  });
  const ops = await startOpsServer({
    port: config.WORKER_OPS_PORT,
    host: config.OPS_HOST,
    gereed: () => worker.getState() === 'RUNNING',
  });
  logJson('INFO', 'worker start', {
    temporal: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUE,
    notificaties: config.NOTIFICATIE_WEBHOOK_URL ? 'webhook' : config.SMTP_URL ? 'smtp' : 'bestand',
    registratie: config.ZGW_ZAKEN_URL ? 'zgw' : config.REGISTRATIE_URL ? 'http' : 'bestand',
    metricsPoort: config.WORKER_METRICS_PORT,
    opsPoort: config.WORKER_OPS_PORT,
    cache: config.WORKER_MAX_CACHED_WORKFLOWS,
    sleutel: ring.huidig,
  });
  await worker.run();
  await connection.close();
  ops.close();
  logJson('INFO', 'worker gestopt');
}

main().catch((fout: unknown) => {
  logJson('ERROR', 'worker gestopt met fout', { fout });
  process.exit(1);
});
