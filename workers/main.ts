import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import { leesConfig } from '../common/config';
import { logJson } from '../common/jsonLog';
import { startOpsServer } from '../common/opsServer';
import { dataConverterVoor } from '../common/dataConverter';
import { sleutelringUitConfig } from '../common/sleutelring';
import { TASK_QUEUE } from '../common/taskQueues';
import { temporalVerbinding } from '../common/temporalVerbinding';
import { adaptersUitConfig } from './adapters';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const config = leesConfig(process.env, { api: false });
  // Before any connection: the runtime owns logging and the Prometheus endpoint of the SDK core.
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logJson(level, message, meta)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      // Prometheus conventions: durations in seconds with the unit in the name, counters with _total.
      metrics: {
        prometheus: {
          bindAddress: `${config.OPS_HOST}:${config.WORKER_METRICS_PORT}`,
          useSecondsForDurations: true,
          unitSuffix: true,
          countersTotalSuffix: true,
        },
      },
    },
    // SIGTERM/SIGINT: stop polling, let in-flight tasks finish (shutdownGraceTime), then run() returns.
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  const { namespace, ...verbinding } = temporalVerbinding();
  const connection = await NativeConnection.connect(verbinding);
  const ring = sleutelringUitConfig(config);
  const worker = await createWorker({
    connection,
    namespace,
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
    temporal: verbinding.address,
    namespace,
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
