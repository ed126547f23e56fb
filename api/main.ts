import { Client } from '@temporalio/client';
import { leesConfig, verbindingsOpties } from '../common/config';
import { dataConverterVoor } from '../common/dataConverter';
import { logJson } from '../common/jsonLog';
import { startOpsServer } from '../common/opsServer';
import { sleutelringUitConfig } from '../common/sleutelring';
import { AesGcmCodec } from '../common/versleuteling';
import { controleerTemporal, createApp } from './app';
import { codecServer } from './codecServer';
import { vastTokenToegang } from './codecToegang';
import { createApiMetrics } from './metrics';
import { persoonGeheimUitConfig } from './sleutels';
import { verbindApi } from './verbinding';
import { WerkvoorraadProjectie } from './werkvoorraadProjectie';

/** In-flight requests get this long after SIGTERM before their connections are cut. */
const AFLOOPTIJD_MS = 25_000;

async function main(): Promise<void> {
  const config = leesConfig();
  const connection = await verbindApi(verbindingsOpties(config));
  const ring = sleutelringUitConfig(config);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterVoor(ring) });
  // Without CODEC_TOKEN there is no codec server: nobody decodes through this process.
  const codec = config.CODEC_TOKEN
    ? codecServer({ codec: new AesGcmCodec(ring), toegang: vastTokenToegang(config.CODEC_TOKEN), uiOrigin: config.CODEC_UI_ORIGIN })
    : undefined;
  const metrics = createApiMetrics(client);
  let stoppend = false;

  const werkvoorraad = new WerkvoorraadProjectie(client);
  werkvoorraad.start();
  const server = createApp(client, {
    werkvoorraad,
    metrics,
    termijnStart: config.BESCHIKKING_TERMIJN_START,
    codec,
    meldingSluitNaDagen: config.MELDING_SLUIT_NA_DAGEN,
    persoonGeheim: persoonGeheimUitConfig(config),
  }).listen(config.PORT);
  const ops = await startOpsServer({
    port: config.API_OPS_PORT,
    host: config.OPS_HOST,
    gereed: () =>
      controleerTemporal(client).then(
        () => !stoppend,
        () => false,
      ),
    metrics: async () => ({ contentType: metrics.registry.contentType, tekst: await metrics.registry.metrics() }),
  });
  server.once('listening', () => {
    logJson('INFO', 'api luistert', {
      poort: config.PORT,
      opsPoort: config.API_OPS_PORT,
      temporal: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      sleutel: ring.huidig,
      codecServer: codec ? `/codec voor ${config.CODEC_UI_ORIGIN}` : 'uit (geen CODEC_TOKEN)',
    });
  });

  // SIGTERM: report not-ready, stop accepting, let in-flight requests finish, then close the
  // Temporal connection. Idle keep-alive connections are closed at once, busy ones after their answer.
  const stop = (signaal: NodeJS.Signals) => {
    if (stoppend) return;
    stoppend = true;
    logJson('INFO', 'api stopt', { signaal });
    server.close(() => {
      const afsluiten = () => {
        ops.close();
        logJson('INFO', 'api gestopt');
        process.exit(0);
      };
      // Stopping anyway when closing fails: there is nothing left to serve.
      werkvoorraad
        .stop()
        .then(() => connection.close())
        .then(afsluiten, afsluiten);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), AFLOOPTIJD_MS).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((fout: unknown) => {
  logJson('ERROR', 'api gestopt met fout', { fout });
  process.exit(1);
});
