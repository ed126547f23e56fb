import { ApplicationFailure } from '@temporalio/common';
import {
  isGrpcServiceError,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { logJson } from '../common/jsonLog';
import { routeVan } from './metrics';

/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the cluster is down or overloaded, nothing was changed. */
const GRPC_NIET_BESCHIKBAAR = new Set([14, 4]);

/** Largest request body the API accepts; larger ones answer 413. */
export const MAX_BODY = '100kb';

function isBodyParserFout(fout: unknown, type: string): boolean {
  return typeof fout === 'object' && fout !== null && (fout as { type?: unknown }).type === type;
}

/** An error that already knows its HTTP answer. */
export class HttpFout extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly velden?: { pad: string; melding: string }[],
    /** More fields of the answer, e.g. the id of the case a conflict is about. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Another team's case answers exactly like an unknown one, so ids cannot be probed. */
export const ONBEKENDE_ZAAK = () => new HttpFout(404, 'zaak niet gevonden');

function alsHttpFout(fout: unknown): HttpFout | undefined {
  if (fout instanceof HttpFout) return fout;
  if (fout instanceof ZodError) {
    // An unknown field is reported at its own path, not at its parent's.
    const velden = fout.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((sleutel) => ({ pad: [...i.path, sleutel].join('.'), melding: 'onbekend veld' }))
        : [{ pad: i.path.join('.'), melding: i.message }],
    );
    return new HttpFout(400, 'ongeldige invoer', velden);
  }
  // A workflow that is not a case of the asked kind (e.g. a traject's beschikking term) has no status query.
  if (fout instanceof WorkflowNotFoundError || fout instanceof QueryNotRegisteredError) return ONBEKENDE_ZAAK();
  if (fout instanceof WorkflowUpdateFailedError && fout.cause instanceof ApplicationFailure) {
    const oorzaak = fout.cause;
    if (oorzaak.type === 'OngeldigeOvergang') return new HttpFout(409, oorzaak.message);
    if (oorzaak.type === 'AnderVerzoek') return new HttpFout(422, oorzaak.message);
    if (oorzaak.type === 'OngeldigeInvoer') {
      return new HttpFout(400, 'ongeldige invoer', [{ pad: String(oorzaak.details?.[0] ?? ''), melding: oorzaak.message }]);
    }
  }
  if (fout instanceof WorkflowExecutionAlreadyStartedError) return new HttpFout(409, 'zaak bestaat al');
  if (fout instanceof SyntaxError && 'body' in fout) return new HttpFout(400, 'body is geen geldige JSON');
  if (isBodyParserFout(fout, 'charset.unsupported') || isBodyParserFout(fout, 'encoding.unsupported')) {
    return new HttpFout(
      415,
      'tekenset of compressie van het verzoek wordt niet ondersteund: stuur JSON in UTF-8 (compressie: gzip, deflate of br)',
    );
  }
  if (isBodyParserFout(fout, 'entity.too.large')) return new HttpFout(413, `verzoek is te groot (maximaal ${MAX_BODY})`);
  const grpc = fout instanceof ServiceError ? fout.cause : fout;
  if (isGrpcServiceError(grpc) && GRPC_NIET_BESCHIKBAAR.has(grpc.code)) {
    return new HttpFout(503, 'Temporal is niet bereikbaar; probeer het later opnieuw');
  }
  return undefined;
}

export const PROBLEEM_TYPE = 'application/problem+json';

/**
 * Answers with RFC 9457 problem details, as the NLGov API design rules ask: `detail` in Dutch,
 * `velden` the field paths of invalid input. `fout` repeats `detail` for clients written before.
 */
export function stuurProbleem(res: Response, status: number, detail: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .type(PROBLEEM_TYPE)
    .json({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, fout: detail, ...extra });
}

export const foutAfhandeling: ErrorRequestHandler = (fout, req, res, _next) => {
  const http = alsHttpFout(fout);
  if (http) {
    stuurProbleem(res, http.status, http.message, { ...(http.velden ? { velden: http.velden } : {}), ...http.extra });
    return;
  }
  logJson('ERROR', 'verzoek mislukt', { methode: req.method, route: routeVan(req), fout });
  stuurProbleem(res, 500, 'interne fout; zie de logs van de API');
};
