import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition } from '@temporalio/common';
import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { idempotentUpdateId } from '../common/idempotentie';
import { amsterdamDatum } from '../common/kalender';
import * as schemas from '../common/schemas';
import { BUURTTEAM, REGIEVOERDER } from '../common/searchAttributes';
import type { TermijnStart } from '../common/termijnen';
import * as berichten from '../workflows/messages';
import type { MeldingStatus, TrajectStatus } from '../workflows/types';
import { logJson } from '../common/jsonLog';
import { foutAfhandeling, HttpFout, MAX_BODY, ONBEKENDE_ZAAK, stuurProbleem } from './fouten';
import { routeVan, type ApiMetrics } from './metrics';
import type { AuditLog } from './auditLog';
import { API_VERSIE, openapiDocument } from './openapi';
import { correlatie } from './correlatie';
import { protocolleer, protocollering } from './protocollering';
import { operatorMeldingStatus, operatorTrajectStatus } from './operatorWeergave';
import { authenticatie, gebruiker, heeftRol, vereisRol, werktVoorTeam } from './toegang';
import type { TokenVerifier } from './tokenVerifier';
import { meldAan, OpenTrajectElders } from './aanmelding';
import { idempotentieSleutel, verzoekSleutel } from './sleutels';
import { minimaatwerkRoutes } from './minimaatwerk';
import { meldingIdVoor, meldSignaal } from './signaalIntake';
import { UPDATE_ROUTES } from './updateRoutes';
import { overzicht } from './overzicht';
import { rapportageRoutes } from './rapportage';
import { AMSTERDAM, type DdasAfzender } from '../common/ddas';
import { webappRouter, type WebappConfig } from './webapp';
import { OngeldigeCursor, type Pagina } from './werkvoorraad';
import { WerkvoorraadWie, type Wie } from './werkvoorraadWie';
import type { WerkvoorraadProjectie } from './werkvoorraadProjectie';

export interface AppOpties {
  /** Checks every bearer token (see api/tokenVerifier.ts). */
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
  /** The codec server for the Temporal UI and CLI, mounted at /codec (see api/codecServer.ts). */
  codec?: express.Router;
  /** MELDING_SLUIT_NA_DAGEN: a melding not reached by then closes if the visit rule is met, else escalates (the workflow's default otherwise). */
  meldingSluitNaDagen?: number;
  /** Secret of the keyed hashes of BSNs and request bodies (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
  /** Sender of the DDAS delivery (DDAS_* configuration); Amsterdam's by default. */
  ddas?: DdasAfzender;
}

/** Below the 5 s in which every read must be answered. */
const LEES_DEADLINE_MS = 4000;

function zaakId(req: Request, prefix: 'melding-' | 'traject-'): string {
  const id = String(req.params.id);
  if (!id.startsWith(prefix) || !/^[a-z0-9-]{1,100}$/.test(id)) throw ONBEKENDE_ZAAK();
  return id;
}

/** The workflow type behind each kind of case id. */
const ZAAK_WORKFLOWTYPE = { 'melding-': 'vroegEropaf', 'traject-': 'schuldhulpTraject' } as const;

/** The organisational facts of a case that decide who may touch it; neither changes during its life. */
interface Zaakkenmerken {
  buurtteam: string;
  regievoerder?: string;
}

/**
 * Reads the case's team and regievoerder from its search attributes (describe reads the case's
 * current record, not the eventually consistent visibility store). A case whose first workflow task
 * has not run yet has none; its status query, answered after that task, says the same.
 */
async function zaakkenmerken(handle: WorkflowHandle, prefix: 'melding-' | 'traject-'): Promise<Zaakkenmerken> {
  const { type, typedSearchAttributes: attrs } = await handle.describe();
  // A case's helper workflows (its beschikking term) share its id prefix and team, not its updates.
  if (type !== ZAAK_WORKFLOWTYPE[prefix]) throw ONBEKENDE_ZAAK();
  const buurtteam = attrs.get(BUURTTEAM);
  if (buurtteam) return { buurtteam, regievoerder: attrs.get(REGIEVOERDER) };
  return prefix === 'melding-' ? handle.query(berichten.meldingStatusQuery) : handle.query(berichten.trajectStatusQuery);
}

/** What an operator outside the case's team is shown of a case's status (api/operatorWeergave.ts). */
function operatorWeergave(prefix: 'melding-' | 'traject-', status: unknown): unknown {
  return prefix === 'melding-' ? operatorMeldingStatus(status as MeldingStatus) : operatorTrajectStatus(status as TrajectStatus);
}

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
  const { termijnStart = 'aanmelding' } = opties;
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
  const app = express.Router();
  const wie = new WerkvoorraadWie(client);
  server.use(`/v${API_VERSIE.split('.')[0]}`, app);
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

  /**
   * 409 for a person who has an open traject. Its id only for a medewerker of its own team: another
   * team learns that there is one, not which (the BSN alone must not open another team's case).
   * The protocol records the traject either way, so an audit sees who ran into whose case.
   */
  const openTrajectElders = async (res: Response, trajectId: string, vanSlot?: string): Promise<never> => {
    const buurtteam = vanSlot ?? (await zaakkenmerken(client.workflow.getHandle(trajectId), 'traject-')).buurtteam;
    protocolleer(res, { zaakId: trajectId, buurtteam });
    if (werktVoorTeam(gebruiker(res), buurtteam)) {
      throw new HttpFout(409, 'deze persoon heeft al een open schuldhulptraject', undefined, { trajectId });
    }
    throw new HttpFout(409, 'deze persoon heeft al een open schuldhulptraject bij een ander buurtteam; stem af via de teamleider');
  };

  /** New cases are registered by case workers, for their own teams only. */
  const magAanmaken = (res: Response, buurtteam: string) => {
    if (!werktVoorTeam(gebruiker(res), buurtteam)) throw new HttpFout(403, `u werkt niet voor buurtteam ${buurtteam}`);
  };

  /**
   * A melding starts a case under an id derived from the signal (meldingIdVoor), unless its
   * household (same address) has an open melding: then it joins that case as a further signal
   * (taken up, or not when it repeats a signal without higher arrears). An id that exists (running
   * or closed) is never started again; a closed case stays closed, and the household's next signal
   * opens a new one.
   */
  app.post('/meldingen', async (req, res) => {
    vereisRol(gebruiker(res), ['medewerker', 'teamleider'], 'een zaak registreren');
    const melding = schemas.meldingSchema.parse(req.body);
    magAanmaken(res, melding.buurtteam);
    const meldingId = meldingIdVoor(opties.persoonGeheim, melding);
    const invoer = {
      ...melding,
      meldingId,
      termijnStart,
      ...(opties.meldingSluitNaDagen ? { sluitNaDagen: opties.meldingSluitNaDagen } : {}),
    };
    // Another team's case takes no signal and is not given away.
    const magBijdragen = async (id: string) => {
      if ((await zaakkenmerken(client.workflow.getHandle(id), 'melding-')).buurtteam !== melding.buurtteam) {
        throw new HttpFout(409, 'deze zaak is al bij een ander buurtteam geregistreerd');
      }
    };
    const antwoord = await meldSignaal(client, opties.persoonGeheim, invoer, magBijdragen);
    protocolleer(res, { zaakId: antwoord.id, buurtteam: melding.buurtteam });
    const { gesloten: _, ...body } = antwoord;
    res
      .status(antwoord.bestaand ? 200 : 201)
      .location(`${req.baseUrl}/meldingen/${antwoord.id}`)
      .json(body);
  });

  app.post('/aanmeldingen', async (req, res) => {
    vereisRol(gebruiker(res), ['medewerker', 'teamleider'], 'een zaak registreren');
    const aanmelding = schemas.aanmeldingSchema.parse(req.body);
    magAanmaken(res, aanmelding.buurtteam);
    const vastgelegd = { datum: amsterdamDatum(new Date()), door: gebruiker(res).sub };
    const antwoord = await meldAan(client, opties.persoonGeheim, aanmelding, req.get('idempotency-key'), termijnStart, vastgelegd).catch(
      (fout: unknown) =>
        fout instanceof OpenTrajectElders ? openTrajectElders(res, fout.trajectId, fout.buurtteam) : Promise.reject(fout),
    );
    protocolleer(res, { zaakId: antwoord.id, buurtteam: aanmelding.buurtteam });
    res
      .status(antwoord.bestaand ? 200 : 201)
      .location(`${req.baseUrl}/trajecten/${antwoord.id}`)
      .json(antwoord);
  });

  /**
   * The team's case workers see the whole status; an operator sees any case without personal
   * data. The status itself names the team, so one query serves both the check and the answer.
   */
  function statusRoute<S extends { buurtteam: string }>(
    prefix: 'melding-' | 'traject-',
    query: QueryDefinition<S>,
    operatorWeergave: (s: S) => unknown,
  ) {
    return async (req: Request, res: Response) => {
      const g = gebruiker(res);
      vereisRol(g, ['medewerker', 'teamleider', 'operator'], 'een zaak inzien');
      const status = await client.workflow.getHandle(zaakId(req, prefix)).query(query);
      protocolleer(res, { buurtteam: status.buurtteam });
      if (werktVoorTeam(g, status.buurtteam)) res.json(status);
      else if (heeftRol(g, 'operator')) res.json(operatorWeergave(status));
      else throw ONBEKENDE_ZAAK();
    };
  }
  app.get('/meldingen/:id', statusRoute('melding-', berichten.meldingStatusQuery, operatorMeldingStatus));
  app.get('/trajecten/:id', statusRoute('traject-', berichten.trajectStatusQuery, operatorTrajectStatus));

  /**
   * What the creditors of a melding's signals may be told (DDAS): per signal its status, never a
   * reason DDAS keeps from them, nor notes or personal data. For the team that sends it on.
   */
  app.get('/meldingen/:id/terugkoppeling', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider'], 'terugkoppeling inzien');
    const status = await client.workflow.getHandle(zaakId(req, 'melding-')).query(berichten.meldingStatusQuery);
    protocolleer(res, { buurtteam: status.buurtteam });
    if (!werktVoorTeam(g, status.buurtteam)) throw ONBEKENDE_ZAAK();
    res.json({
      meldingId: status.meldingId,
      afgesloten: status.fase === 'afgesloten' || status.fase === 'overgedragen',
      terugkoppeling: status.terugkoppeling,
    });
  });

  app.get('/openapi.json', (_req, res) => {
    res.json(openapiDocument());
  });

  /** Who the caller is, as the API sees them: the web app shows only what these roles and teams allow. */
  app.get('/ik', (_req, res) => {
    res.json(res.locals.gebruiker);
  });

  for (const r of UPDATE_ROUTES) {
    app.post(r.pad, async (req, res) => {
      const g = gebruiker(res);
      const alsOperator = r.ookOperator === true && heeftRol(g, 'operator');
      if (!alsOperator) vereisRol(g, ['medewerker', 'teamleider'], 'een zaak wijzigen');
      const handle = client.workflow.getHandle(zaakId(req, r.prefix));
      // Checks that depend on the request alone come first (bad input is 400 without asking
      // Temporal); those that depend on the case follow, and tell nothing of other teams' cases.
      const gevalideerd = r.schema.parse(req.body);
      if (r.alleenTeamleider?.(gevalideerd)) vereisRol(g, ['teamleider'], r.samenvatting.toLowerCase());
      const kenmerken = await zaakkenmerken(handle, r.prefix);
      protocolleer(res, { buurtteam: kenmerken.buurtteam });
      if (!alsOperator && !werktVoorTeam(g, kenmerken.buurtteam)) throw ONBEKENDE_ZAAK();
      if (r.vierOgen) {
        // Who held the intake is in the case itself (recorded from their token), not in its search attributes.
        const zaak = await handle.query(berichten.trajectStatusQuery);
        const bezwaar = r.vierOgen(g.sub, zaak, opties.vierOgen !== false, r.samenvatting.toLowerCase());
        if (bezwaar) throw new HttpFout(403, bezwaar);
      }
      const invoer = r.aanvulling ? r.aanvulling(gevalideerd, opties.persoonGeheim) : gevalideerd;
      // With an Idempotency-Key the server runs a retried request's update only once, and the
      // workflow refuses the key with another request (common/idempotentie.ts).
      const sleutel = req.get('idempotency-key');
      const updateId = sleutel
        ? idempotentUpdateId(
            idempotentieSleutel(opties.persoonGeheim, sleutel),
            verzoekSleutel(opties.persoonGeheim, { update: r.update.name, invoer }),
          )
        : undefined;
      try {
        const args: [unknown] = [{ ...(invoer as object), door: g.sub }];
        const status = await handle.executeUpdate(r.update, { args, ...(updateId ? { updateId } : {}) });
        // An operator outside the team sees the case as on its status route: without personal data.
        res.json(werktVoorTeam(g, kenmerken.buurtteam) ? status : operatorWeergave(r.prefix, status));
      } catch (fout) {
        const bestaand = await bestaandTraject(client, fout);
        if (bestaand?.trajectId) await openTrajectElders(res, bestaand.trajectId, bestaand.buurtteam);
        await wantAfgesloten(handle, fout);
      }
    });
  }

  /** The werkvoorraad and overzicht hold no personal data: operators may read any team's. */
  const magTeamInzien = (res: Response, team: string) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider', 'operator'], 'een werkvoorraad inzien');
    if (!werktVoorTeam(g, team) && !heeftRol(g, 'operator')) throw new HttpFout(403, `u werkt niet voor buurtteam ${team}`);
  };

  /** Werkvoorraad and overzicht are served from the read model, but only while it is current (visibility answered recently). */
  const vereisActueel = () => {
    if (!opties.werkvoorraad.actueel)
      throw new HttpFout(
        503,
        'werkvoorraad is niet actueel (Temporal niet bereikbaar of nog bezig met opbouwen); probeer het later opnieuw',
      );
  };

  app.get('/teams/:team/taken', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    magTeamInzien(res, team);
    const { cursor, ...filter } = schemas.werkvoorraadQuerySchema.parse(req.query);
    vereisActueel();
    let pagina: Pagina;
    try {
      pagina = opties.werkvoorraad.index.pagina(team, { ...filter, cursor });
    } catch (fout) {
      if (fout instanceof OngeldigeCursor) throw new HttpFout(400, 'ongeldige invoer', [{ pad: 'cursor', melding: fout.message }]);
      throw fout;
    }
    // Names and streets for the team's own medewerkers only; an operator sees the cases without them.
    const namen = werktVoorTeam(gebruiker(res), team) ? await wie.voor(pagina.taken) : new Map<string, Wie>();
    const taken = pagina.taken.map((t) => (namen.has(t.zaakId) ? { ...t, wie: namen.get(t.zaakId) } : t));
    res.json({ buurtteam: team, ...filter, ...pagina, taken });
  });

  minimaatwerkRoutes(app, client, { trajectIdUit: (req) => zaakId(req, 'traject-'), magTeamInzien, geheim: opties.persoonGeheim });

  app.get('/teams/:team/overzicht', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    magTeamInzien(res, team);
    vereisActueel();
    res.json(overzicht(opties.werkvoorraad, team));
  });

  rapportageRoutes(app, client, { audit: opties.audit, ddas: opties.ddas ?? AMSTERDAM });

  /** The protocol, for a beheerder: who read or changed which case, when, with what outcome. */
  app.get('/audit', async (req, res) => {
    vereisRol(gebruiker(res), ['beheerder'], 'het protocol raadplegen');
    const filter = schemas.auditQuerySchema.parse(req.query);
    const regels = await opties.audit.zoek(filter);
    res.json({ regels, ...(regels.length === filter.limiet ? { volgende: regels.at(-1)!.id } : {}) });
  });

  // Answered inside the router, so that the protocol and the metrics still see the route and its case.
  app.use((_req, res) => stuurProbleem(res, 404, 'onbekend pad'));
  app.use(foutAfhandeling);
  server.use((_req, res) => stuurProbleem(res, 404, 'onbekend pad'));
  server.use(foutAfhandeling);
  return server;
}

/** The open traject that refused a hand-over for its person, asked of their lock. */
async function bestaandTraject(client: Client, fout: unknown): Promise<{ trajectId?: string; buurtteam?: string } | undefined> {
  if (!(fout instanceof WorkflowUpdateFailedError && fout.cause instanceof ApplicationFailure && fout.cause.type === 'TrajectBestaat'))
    return undefined;
  return client.workflow.getHandle(String(fout.cause.details?.[0])).query(berichten.persoonsslotQuery);
}

/** An update to a closed case fails as "not found"; tell the user it is closed instead. */
async function wantAfgesloten(handle: WorkflowHandle, fout: unknown): Promise<never> {
  if (fout instanceof WorkflowNotFoundError) {
    const beschrijving = await handle.describe().catch(() => undefined);
    if (beschrijving && beschrijving.status.name !== 'RUNNING') {
      throw new HttpFout(409, `zaak is afgesloten (${beschrijving.status.name.toLowerCase()})`);
    }
  }
  throw fout;
}
