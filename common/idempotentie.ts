/**
 * An Idempotency-Key is bound to the request it first came with. On case updates the API makes the
 * update id from the key and a fingerprint of the request (both keyed hashes): the same request
 * again is the same update, which the server runs once; another request under the same key is a
 * new update, which the case's workflow refuses (workflows/idempotentie.ts) and the API answers 422.
 */
export const ANDER_VERZOEK = 'deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel';

const VOORVOEGSEL = 'idem:';

export function idempotentUpdateId(sleutel: string, verzoek: string): string {
  return `${VOORVOEGSEL}${sleutel}:${verzoek}`;
}

/** Key and fingerprint of an update id made by idempotentUpdateId; undefined for any other id. */
export function leesIdempotentUpdateId(updateId: string): { sleutel: string; verzoek: string } | undefined {
  if (!updateId.startsWith(VOORVOEGSEL)) return undefined;
  const [sleutel, verzoek] = updateId.slice(VOORVOEGSEL.length).split(':');
  return sleutel && verzoek ? { sleutel, verzoek } : undefined;
}
