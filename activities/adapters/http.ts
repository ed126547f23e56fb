import { OngeldigeGegevensFout } from '../ports';

/**
 * POSTs JSON with an Idempotency-Key header. 4xx (except 408/429) means the receiver refuses
 * the data: non-retryable. Everything else that is not 2xx is thrown as retryable.
 */
export async function postJson(url: string, idempotencyKey: string, body: unknown, token?: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
  if (token) headers.authorization = `Bearer ${token}`;
  const antwoord = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (antwoord.ok) return;
  // Only host and status: the body may echo personal data and a webhook path may hold a secret,
  // while this text reaches logs, the case status and the uitwijk alert.
  await antwoord.body?.cancel();
  const melding = `${new URL(url).host} antwoordde ${antwoord.status}`;
  if (isWeigering(antwoord.status)) throw new OngeldigeGegevensFout(melding);
  throw new Error(melding);
}

/** 4xx is the receiver refusing the data, except timeouts and rate limits (retried). */
export function isWeigering(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
