import { accessToken, vernieuwdeToken } from './auth';

export interface VeldFout {
  pad: string;
  melding: string;
}

/** An API answer other than 2xx, with the API's Dutch message and field paths (400). */
export class ApiFout extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly velden: VeldFout[] = [],
  ) {
    super(message);
  }
}

/** Raised when there is no valid token: the app sends the user to sign in. */
export class NietAangemeld extends Error {}

/** The API's major version: every path below is relative to it. */
const API_BASIS = '/v1';

/** Sends a request with the user's token; a missing or refused token raises NietAangemeld. */
async function verstuur(methode: 'GET' | 'POST', pad: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
  const stuur = (token: string) =>
    fetch(`${API_BASIS}${pad}`, {
      method: methode,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const token = await accessToken();
  if (!token) throw new NietAangemeld();
  let antwoord = await stuur(token);
  // Refused before anything was done (expired on the way, clocks apart): once more with a renewed token.
  if (antwoord.status === 401) {
    const vernieuwd = await vernieuwdeToken();
    if (!vernieuwd) throw new NietAangemeld();
    antwoord = await stuur(vernieuwd);
  }
  if (antwoord.status === 401) throw new NietAangemeld();
  return antwoord;
}

async function alsFout(antwoord: Response): Promise<ApiFout> {
  // RFC 9457 problem details: `detail` is the API's Dutch message.
  const inhoud = (await antwoord.json().catch(() => ({}))) as { detail?: string; velden?: VeldFout[] };
  return new ApiFout(antwoord.status, inhoud.detail ?? `fout ${antwoord.status}`, inhoud.velden);
}

export async function api<T>(methode: 'GET' | 'POST', pad: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const antwoord = await verstuur(methode, pad, body, idempotencyKey);
  if (!antwoord.ok) throw await alsFout(antwoord);
  return (await antwoord.json().catch(() => ({}))) as T;
}

/** GETs a file (a CSV export) as a Blob. */
export async function apiBestand(pad: string): Promise<Blob> {
  const antwoord = await verstuur('GET', pad);
  if (!antwoord.ok) throw await alsFout(antwoord);
  return antwoord.blob();
}
