import type { Client } from '@temporalio/client';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { AMSTERDAM, type DdasAfzender } from '../common/ddas';
import { logJson } from '../common/jsonLog';
import type { TermijnStart } from '../common/termijnen';
import type { AuditLog } from './audit/auditLog';
import { correlatie } from './correlatie';
import { foutAfhandeling, MAX_BODY, stuurProbleem } from './fouten';
import { routeVan, type ApiMetrics } from './metrics';
import { minimaatwerkRoutes } from './minimaatwerk';
import { klachtenRoutes } from './klachten';
import { API_VERSIE } from './openapi';
import { protocollering } from './audit/protocollering';
import { rapportageRoutes } from './rapportage/rapportage';
import { beheerRoutes } from './routes/beheer';
import { meldingenRoutes } from './routes/meldingen';
import { teamsRoutes } from './routes/teams';
import { adviezenRoutes } from './routes/adviezen';
import { trajectenRoutes } from './routes/trajecten';
import { updateRoutes } from './routes/updates';
import { authenticatie } from './auth/toegang';
import type { TokenVerifier } from './auth/tokenVerifier';
import { webappRouter, type WebappConfig } from './webapp';
import type { WerkvoorraadProjectie } from './werkvoorraad/werkvoorraadProjectie';
import { magTeamInzien, zaakId } from './zaaktoegang';

export interface AppOpties {
  /** Checks every bearer token (see api/auth/tokenVerifier.ts). */
  verifier: TokenVerifier;
  /** Four-eyes on the beschikking (default on). */
  vierOgen?: boolean;
  /** Where every read and change of a case is recorded (protocollering). */
  audit: AuditLog;
  /** Requests per minute per client address (default 600). */
  verzoekenPerMinuut?: number;
  /** Proxies in front of the API, so the client address (rate limiting) is read from X-Forwarded-For. */
  trustProxy?: number;
  /** The werkvoorraad read model; its owner starts and stops it. */
  werkvoorraad: WerkvoorraadProjectie;
  metrics?: ApiMetrics;
  /** Sign-in settings for the web app under /app/; without them /app/ is not served. */
  webapp?: WebappConfig;
  /** What starts the beschikking term of new trajecten (BESCHIKKING_TERMIJN_START). */
  termijnStart?: TermijnStart;
  /** The codec server for the Temporal UI and CLI, mounted at /codec (see api/auth/codecServer.ts). */
  codec?: express.Router;
  /** MELDING_SLUIT_NA_DAGEN: a melding not reached by then closes if the visit rule is met, else escalates (the workflow's default otherwise). */
  meldingSluitNaDagen?: number;
  /** ADVIES_LOOPTIJD_MAANDEN: the period of an advies before the teamleider hears it runs over (the workflow's default otherwise). */
  adviesLooptijdMaanden?: number;
  /** EVALUATIE_ALERT_DAGEN for new trajecten (the workflow's default otherwise). */
  evaluatieAlertDagen?: number;
  /** Secret of the keyed hashes of BSNs and request bodies (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
  /** VERWIJZING_OPVOLGEN_WEKEN (the workflow's default otherwise). */
  verwijzingOpvolgenWeken?: number;
  /** Sender of the DDAS delivery (DDAS_* configuration); Amsterdam's by default. */
  ddas?: DdasAfzender;
}

/** Below the 5 s in which every read must be answered. */
const LEES_DEADLINE_MS = 4000;

/** Rejects unless Temporal answers within 3 s: a health check must be fast, also while the SDK would keep retrying. */
export async function controleerTemporal(client: Client): Promise<void> {
  await client.connection.withDeadline(Date.now() + 3000, () => client.workflowService.getSystemInfo({}));
}

/** The API's first paths, before /v1: answered with a permanent redirect for one release. */
const ONGEVERSIONEERD = /^\/(meldingen|aanmeldingen|trajecten|teams|rapportage|audit|ik|openapi\.json)(\/|$)/;

const naarVersie1: express.RequestHandler = (req, res, next) => {
  if (!ONGEVERSIONEERD.test(req.path)) return next();
  const nieuw = `/v1${req.originalUrl}`;
  // 308 keeps method and body; the Link header names the successor for clients that log it.
  res.set('Link', `<${nieuw}>; rel="successor-version"`).redirect(308, nieuw);
};

export function createApp(client: Client, opties: AppOpties): express.Express {
  const server = express();
  server.disable('x-powered-by');
  server.set('trust proxy', opties.trustProxy ?? 0);
  server.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The web app under /app/ signs in with the issuer from the browser (discovery, token).
          'connect-src': ["'self'", new URL(opties.verifier.issuer).origin],
          // Served over plain HTTP on localhost in development; TLS ends at the gateway.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  server.use(correlatie());
  if (opties.metrics) server.use(opties.metrics.meetVerzoeken);
  server.use((_req, res, next) => {
    res.set('API-Version', API_VERSIE);
    next();
  });
  // While the cluster is unreachable, the capped gRPC retries of the API's connection (verbinding.ts)
  // answer 503 within seconds. Reads also get one deadline for all their Temporal calls, so a read
  // never hangs (a query waits for a worker). Changes may wait for a worker that is restarting:
  // their outcome matters more than their speed, and a retry with an Idempotency-Key is safe.
  server.use((req, _res, next) => {
    if (req.method !== 'GET') return next();
    client.connection.withDeadline(Date.now() + LEES_DEADLINE_MS, async () => next()).catch(next);
  });
  server.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      // The route template, not the URL: paths and query strings are not for logs.
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
      const correlatieId = res.locals.correlatieId as string;
      logJson('INFO', 'verzoek', { methode: req.method, route: routeVan(req), status: res.statusCode, ms, correlatieId });
    });
    next();
  });
  // Logged like every request (who decodes is worth an audit line), but before the API's body
  // parser: codec batches are larger than API requests.
  if (opties.codec) server.use('/codec', opties.codec);
  server.use(express.json({ limit: MAX_BODY }));

  server.get('/health', async (_req, res) => {
    try {
      await controleerTemporal(client);
      res.json({ status: 'ok', temporal: 'bereikbaar' });
    } catch (fout) {
      // The cause goes to the log only: error texts may name hosts, certificates or worse.
      logJson('WARN', 'health check: Temporal niet bereikbaar', { fout: fout instanceof Error ? fout.message : String(fout) });
      res.status(503).json({ status: 'niet-gereed', temporal: 'onbereikbaar' });
    }
  });

  if (opties.webapp) server.use(webappRouter({ ...opties.webapp, vierOgen: opties.vierOgen !== false }));
  server.use(naarVersie1);

  // The API itself, under its major version (NLGov API design rules); /health, /app and /codec are not part of it.
  server.use(`/v${API_VERSIE.split('.')[0]}`, apiRouter(client, opties));
  server.use((_req, res) => stuurProbleem(res, 404, 'onbekend pad'));
  server.use(foutAfhandeling);
  return server;
}

/** The versioned API: rate limit, protocol and sign-in before every resource's routes. */
function apiRouter(client: Client, opties: AppOpties): express.Router {
  const { termijnStart = 'aanmelding', persoonGeheim } = opties;
  const app = express.Router();
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: opties.verzoekenPerMinuut ?? 600,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => {
        stuurProbleem(res, 429, 'te veel verzoeken; probeer het over een minuut opnieuw');
      },
    }),
  );
  app.use(protocollering(opties.audit));
  app.use(authenticatie(opties.verifier));

  meldingenRoutes(app, client, { termijnStart, meldingSluitNaDagen: opties.meldingSluitNaDagen, persoonGeheim });
  trajectenRoutes(app, client, { termijnStart, persoonGeheim, evaluatieAlertDagen: opties.evaluatieAlertDagen });
  adviezenRoutes(app, client, { termijnStart, persoonGeheim, adviesLooptijdMaanden: opties.adviesLooptijdMaanden });
  updateRoutes(app, client, {
    vierOgen: opties.vierOgen !== false,
    persoonGeheim,
    verwijzingOpvolgenWeken: opties.verwijzingOpvolgenWeken,
  });
  teamsRoutes(app, client, opties.werkvoorraad);
  minimaatwerkRoutes(app, client, { trajectIdUit: (req) => zaakId(req, 'traject-'), magTeamInzien, geheim: persoonGeheim });
  klachtenRoutes(app, client, { geheim: persoonGeheim });
  rapportageRoutes(app, client, { audit: opties.audit, ddas: opties.ddas ?? AMSTERDAM });
  beheerRoutes(app, opties.audit);

  // Answered inside the router, so that the protocol and the metrics still see the route and its case.
  app.use((_req, res) => stuurProbleem(res, 404, 'onbekend pad'));
  app.use(foutAfhandeling);
  return app;
}
