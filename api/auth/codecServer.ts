import type { Payload, PayloadCodec } from '@temporalio/common';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import type { CodecToegang } from './codecToegang';
import { stuurProbleem } from '../fouten';
import { protocolleer, protocollering } from '../audit/protocollering';

export interface CodecServerOpties {
  codec: PayloadCodec;
  toegang: CodecToegang;
  /** The Temporal UI's origin; no other browser origin may call the codec server. */
  uiOrigin: string;
  /** The API's protocol: every use of the codec server is recorded there, like a case read. */
  audit?: AuditLog;
}

/** Cookie for the Temporal UI, whose codec requests can carry credentials but no custom token. */
const SESSIE_COOKIE = 'codec-sessie';

/** Payloads as the Temporal UI and CLI send them: proto3 JSON, bytes in base64 (an empty list may be left out). */
const payloadsSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() })).default([]),
});
type JsonPayload = z.infer<typeof payloadsSchema>['payloads'][number];

const uitJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const naarJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * The case a UI page decodes for, when the browser names the page (Referer of the UI's workflow
 * page, `/namespaces/<ns>/workflows/<id>/…`); only a well-formed id is taken from it.
 */
const WORKFLOW_IN_PAGINA = /\/workflows\/([a-z0-9][a-z0-9-]{1,150})(?:\/|$)/;

function zaakVanPagina(req: Request): string | undefined {
  const pagina = req.get('referer');
  if (!pagina) return undefined;
  try {
    return WORKFLOW_IN_PAGINA.exec(new URL(pagina).pathname)?.[1];
  } catch {
    return undefined;
  }
}

function tokenVan(req: Request): string | undefined {
  const kop = req.get('authorization');
  if (kop?.startsWith('Bearer ')) return kop.slice('Bearer '.length).trim();
  const cookie = req
    .get('cookie')
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSIE_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(SESSIE_COOKIE.length + 1)) : undefined;
}

/**
 * The remote codec endpoint for the Temporal UI and CLI (`POST /encode`, `POST /decode`). It
 * answers only authenticated callers (bearer token, or the session cookie set by `POST /sessie`),
 * decodes only for the roles CodecToegang allows (403 with the reason for others) and allows
 * cross-origin calls only from the UI's origin.
 */
export function codecServer({ codec, toegang, uiOrigin, audit }: CodecServerOpties): Router {
  const router = express.Router();

  router.use((req, res, next) => {
    const origin = req.get('origin');
    if (origin === uiOrigin) {
      res.set({
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'authorization, authorization-extras, content-type, x-namespace',
      });
    }
    res.vary('origin');
    // Preflights carry no credentials; they only learn which origin may call.
    if (req.method === 'OPTIONS') {
      res.status(origin === uiOrigin ? 204 : 403).end();
      return;
    }
    next();
  });

  // Who decoded, when, for which case (when known) and with what outcome; never what was decoded.
  if (audit) router.use(protocollering(audit));

  const alleenBevoegd = async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenVan(req);
    const besluit = token ? await toegang(token) : undefined;
    // Refusals too: an attempt to decode a case is what an audit looks for.
    protocolleer(res, { zaakId: zaakVanPagina(req) });
    res.locals.gebruiker = besluit?.gebruiker;
    if (besluit?.weigering) return stuurProbleem(res, 403, besluit.weigering);
    if (besluit) return next();
    stuurProbleem(res.set('www-authenticate', 'Bearer realm="codec"'), 401, 'niet geauthenticeerd');
  };

  for (const richting of ['encode', 'decode'] as const) {
    router.post(`/${richting}`, alleenBevoegd, express.json({ limit: '4mb' }), async (req, res) => {
      const { payloads } = payloadsSchema.parse(req.body);
      const uit = await codec[richting](payloads.map(uitJson));
      res.json({ payloads: uit.map(naarJson) });
    });
  }

  /** Sets the session cookie for the UI: SameSite=Strict, so only same-site pages send it. */
  router.post('/sessie', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const besluit = token ? await toegang(token) : undefined;
    res.locals.gebruiker = besluit?.gebruiker;
    if (!besluit || besluit.weigering) {
      res
        .status(besluit ? 403 : 401)
        .type('text/plain')
        .send(besluit?.weigering ?? 'onjuist token');
      return;
    }
    res.cookie(SESSIE_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: req.baseUrl || '/', maxAge: 8 * 3600_000 });
    res.type('text/plain').send('codec-sessie gezet: de Temporal UI ontsleutelt nu in deze browser (8 uur)');
  });

  router.get('/', (req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Codec-sessie</title>' +
          `<form method="post" action="${req.baseUrl}/sessie"><label>Codec-token <input name="token" type="password" autocomplete="off"></label>` +
          ' <button>Ontsleutelen in deze browser</button></form>',
      );
  });

  // Ends here, so no codec path reaches the API's own routes (or is recorded twice).
  router.use((_req, res) => {
    stuurProbleem(res, 404, 'onbekend pad');
  });

  return router;
}
