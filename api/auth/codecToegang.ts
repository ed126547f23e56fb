import { createHash, timingSafeEqual } from 'node:crypto';
import { CODEC_ROLLEN, magOntsleutelen } from '../../common/codecRollen';
import type { Gebruiker, TokenVerifier } from './tokenVerifier';

/** Who decodes, for the protocol: the token's user, or the fixed token's stand-in. */
export type Codecgebruiker = Pick<Gebruiker, 'sub' | 'rollen'>;

/**
 * A token that proves its user: may decode, or is refused with a reason for the caller (a signed-in
 * medewerker learns why the UI shows ciphertext; the protocol records who tried).
 */
export interface Codecbesluit {
  gebruiker: Codecgebruiker;
  weigering?: string;
}

/**
 * Decides whether a bearer token may use the codec server (it reveals every case's personal data):
 * undefined when the token proves nobody.
 */
export type CodecToegang = (token: string) => Promise<Codecbesluit | undefined>;

/** The fixed CODEC_TOKEN names no person; the protocol shows that the shared token was used. */
export const VAST_TOKEN_GEBRUIKER: Codecgebruiker = { sub: 'CODEC_TOKEN', rollen: [] };

/**
 * One operator token from configuration (CODEC_TOKEN), for scripts and the CLI,
 * compared in constant time (hashes first, so the length leaks nothing either).
 */
export function vastTokenToegang(verwacht: string): CodecToegang {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  const doel = hash(verwacht);
  return async (token) => (timingSafeEqual(hash(token), doel) ? { gebruiker: VAST_TOKEN_GEBRUIKER } : undefined);
}

/** Operators and beheerders signed in at the gemeente's issuer: the same tokens as the API's. */
export function oidcToegang(verifier: TokenVerifier): CodecToegang {
  return async (token) => {
    const geverifieerd = await verifier(token).catch(() => undefined);
    if (!geverifieerd) return undefined;
    const gebruiker = { sub: geverifieerd.sub, rollen: geverifieerd.rollen };
    if (magOntsleutelen(gebruiker.rollen)) return { gebruiker };
    const rollen = gebruiker.rollen.join(', ') || 'geen';
    return { gebruiker, weigering: `alleen ${CODEC_ROLLEN.join(' en ')} ontsleutelen payloads; dit token heeft rol ${rollen}` };
  };
}

/**
 * Access when any of the ways allows it (e.g. the fixed CODEC_TOKEN for scripts, OIDC for people);
 * else the first refusal of a proven user, else nobody.
 */
export function eenVan(...toegangen: CodecToegang[]): CodecToegang {
  return async (token) => {
    let geweigerd: Codecbesluit | undefined;
    for (const toegang of toegangen) {
      const besluit = await toegang(token);
      if (besluit && !besluit.weigering) return besluit;
      geweigerd ??= besluit;
    }
    return geweigerd;
  };
}
