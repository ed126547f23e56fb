import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import { leesConfig, type Config } from '../common/config';
import { dataConverterVoor } from '../common/dataConverter';
import { logJson } from '../common/jsonLog';
import { startOpsServer } from '../common/opsServer';
import { sleutelringUitConfig } from '../common/sleutelring';
import { temporalVerbinding } from '../common/temporalVerbinding';
import { AesGcmCodec } from '../common/versleuteling';
import { controleerTemporal, createApp } from './app';
import { postgresAuditLog } from './audit/auditPostgres';
import { sqliteAuditLog } from './audit/auditSqlite';
import { codecServer } from './auth/codecServer';
import { eenVan, oidcToegang, vastTokenToegang } from './auth/codecToegang';
import { startDevIssuer, WEB_CLIENT_ID } from './auth/devIssuer';
import { createApiMetrics } from './metrics';
import { persoonGeheimUitConfig } from './sleutels';
import { maakTokenVerifier } from './auth/tokenVerifier';
import { apiClient, verbindApi } from './verbinding';
import { WerkvoorraadProjectie } from './werkvoorraad/werkvoorraadProjectie';

/** In-flight requests get this long after SIGTERM before their connections are cut. */
const AFLOOPTIJD_MS = 25_000;

/** Without OIDC_ISSUER: the development issuer, on loopback only (leesConfig refuses this in production). */
async function ontwikkelIssuer(config: Config) {
  if (config.OIDC_ISSUER) return undefined;
  const issuer = await startDevIssuer({
    poort: config.DEV_ISSUER_PORT,
    audience: config.OIDC_AUDIENCE,
    claimRollen: config.OIDC_CLAIM_ROLLEN,
    claimBuurtteams: config.OIDC_CLAIM_BUURTTEAMS,
    redirectPrefixen: [`http://localhost:${config.PORT}/app/`, `http://127.0.0.1:${config.PORT}/app/`],
    sleutelBestand: join(config.DATA_DIR, 'dev-issuer', 'signing-key.json'),
  });
  logJson('WARN', 'ONTWIKKEL-ISSUER: alleen lokaal, zonder wachtwoorden; zet OIDC_ISSUER voor echt gebruik', {
    issuer: issuer.url,
    tokenVoorCurl: `curl -s '${issuer.url}/dev/token?rol=teamleider&buurtteams=nieuw-west'`,
  });
  return issuer;
}

async function main(): Promise<void> {
  const config = leesConfig();
  const devIssuer = await ontwikkelIssuer(config);
  const issuer = config.OIDC_ISSUER ?? devIssuer!.url;
  const verifier = maakTokenVerifier({
    issuer,
    audience: config.OIDC_AUDIENCE,
    claimRollen: config.OIDC_CLAIM_ROLLEN,
    claimBuurtteams: config.OIDC_CLAIM_BUURTTEAMS,
  });
  const audit = config.AUDIT_DATABASE_URL
    ? await postgresAuditLog(config.AUDIT_DATABASE_URL)
    : sqliteAuditLog(config.AUDIT_SQLITE ?? join(config.DATA_DIR, 'audit.sqlite'));
  const { namespace, ...verbinding } = temporalVerbinding();
  const connection = await verbindApi(verbinding);
  const ring = sleutelringUitConfig(config);
  const client = apiClient({ connection, namespace, dataConverter: dataConverterVoor(ring) });
  // Without CODEC_TOKEN there is no codec server: nobody decodes through this process.
  const codec = config.CODEC_TOKEN
    ? codecServer({
        codec: new AesGcmCodec(ring),
        toegang: eenVan(vastTokenToegang(config.CODEC_TOKEN), oidcToegang(verifier)),
        uiOrigin: config.CODEC_UI_ORIGIN,
        audit,
      })
    : undefined;
  const metrics = createApiMetrics(client);
  let stoppend = false;

  const werkvoorraad = new WerkvoorraadProjectie(client);
  werkvoorraad.start();
  const app = createApp(client, {
    werkvoorraad,
    metrics,
    termijnStart: config.BESCHIKKING_TERMIJN_START,
    codec,
    meldingSluitNaDagen: config.MELDING_SLUIT_NA_DAGEN,
    verwijzingOpvolgenWeken: config.VERWIJZING_OPVOLGEN_WEKEN,
    adviesLooptijdMaanden: config.ADVIES_LOOPTIJD_MAANDEN,
    evaluatieAlertDagen: config.EVALUATIE_ALERT_DAGEN,
    persoonGeheim: persoonGeheimUitConfig(config),
    verifier,
    vierOgen: config.VIER_OGEN === 'aan',
    ddas: {
      gemeentecode: config.DDAS_GEMEENTECODE,
      organisatie: config.DDAS_ORGANISATIE,
      leverancierscode: config.DDAS_LEVERANCIERSCODE,
      ...(config.DDAS_KVK_NUMMER ? { kvkNummer: config.DDAS_KVK_NUMMER } : {}),
    },
    audit,
    verzoekenPerMinuut: config.VERZOEKEN_PER_MINUUT,
    trustProxy: config.TRUST_PROXY,
    webapp: { issuer, clientId: WEB_CLIENT_ID, ...(codec ? { temporalUi: config.CODEC_UI_ORIGIN } : {}) },
  });
  const server = app.listen(config.PORT);
  const tls: HttpsServer | undefined =
    config.CODEC_TLS_CERT && config.CODEC_TLS_KEY
      ? createHttpsServer({ cert: readFileSync(config.CODEC_TLS_CERT), key: readFileSync(config.CODEC_TLS_KEY) }, app).listen(
          config.CODEC_TLS_PORT,
        )
      : undefined;
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
      temporal: verbinding.address,
      namespace,
      sleutel: ring.huidig,
      codecServer: codec ? `/codec voor ${config.CODEC_UI_ORIGIN}` : 'uit (geen CODEC_TOKEN)',
      ...(tls ? { https: config.CODEC_TLS_PORT } : {}),
      issuer,
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
        .then(() => Promise.all([connection.close(), devIssuer?.stop(), audit.sluit()]))
        .then(afsluiten, afsluiten);
    });
    tls?.close();
    for (const s of [server, tls]) {
      s?.closeIdleConnections();
      setTimeout(() => s?.closeAllConnections(), AFLOOPTIJD_MS).unref();
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((fout: unknown) => {
  logJson('ERROR', 'api gestopt met fout', { fout });
  process.exit(1);
});
