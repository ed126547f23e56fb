import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { RequestHandler } from 'express';

/** Response and request header; also the audit row's `correlatieId` and the API's log line. */
export const CORRELATIE_KOP = 'X-Correlation-ID';
/** Temporal header on workflow starts, updates and signals made while answering a request. */
export const CORRELATIE_HEADER = 'correlatie-id';

/**
 * Only ids that cannot carry personal data are taken over from a caller: a UUID or a W3C trace id
 * (32 hex digits, also from `traceparent`). Anything else (a BSN, a name) is replaced.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_ID = /^[0-9a-f]{32}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

const opslag = new AsyncLocalStorage<string>();

function correlatieVan(kop: string | undefined, traceparent: string | undefined): string {
  if (kop && (UUID.test(kop) || TRACE_ID.test(kop))) return kop.toLowerCase();
  const trace = traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
  return trace && !/^0+$/.test(trace) ? trace : randomUUID();
}

/**
 * One id per request, from the caller's X-Correlation-ID or traceparent or new: answered in the
 * response header, kept in `res.locals.correlatieId` for the log and the protocol, and carried to
 * Temporal by `correlatieInterceptor` for everything the request's handler does.
 */
export function correlatie(): RequestHandler {
  return (req, res, next) => {
    const id = correlatieVan(req.get(CORRELATIE_KOP), req.get('traceparent'));
    res.locals.correlatieId = id;
    res.setHeader(CORRELATIE_KOP, id);
    opslag.run(id, next);
  };
}

/** The API client's interceptor: the current request's id as a header on what reaches a workflow. */
export function correlatieInterceptor(): WorkflowClientInterceptor {
  const met = (headers: Record<string, Payload>) => {
    const id = opslag.getStore();
    return id ? { ...headers, [CORRELATIE_HEADER]: defaultPayloadConverter.toPayload(id) } : headers;
  };
  return {
    start: (input, next) => next({ ...input, headers: met(input.headers) }),
    startWithDetails: (input, next) => next({ ...input, headers: met(input.headers) }),
    signal: (input, next) => next({ ...input, headers: met(input.headers) }),
    signalWithStart: (input, next) => next({ ...input, headers: met(input.headers) }),
    startUpdate: (input, next) => next({ ...input, headers: met(input.headers) }),
    startUpdateWithStart: (input, next) =>
      next({ ...input, workflowStartHeaders: met(input.workflowStartHeaders), updateHeaders: met(input.updateHeaders) }),
  };
}
