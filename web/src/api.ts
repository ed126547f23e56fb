import { accessToken } from './auth';

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

export async function api<T>(methode: 'GET' | 'POST', pad: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const token = accessToken();
  if (!token) throw new NietAangemeld();
  const antwoord = await fetch(pad, {
    method: methode,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (antwoord.status === 401) throw new NietAangemeld();
  const inhoud = (await antwoord.json().catch(() => ({}))) as { fout?: string; velden?: VeldFout[] };
  if (!antwoord.ok) throw new ApiFout(antwoord.status, inhoud.fout ?? `fout ${antwoord.status}`, inhoud.velden);
  return inhoud as T;
}
