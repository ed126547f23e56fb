import { createHash, timingSafeEqual } from 'node:crypto';
import type { Gebruiker, TokenVerifier } from './tokenVerifier';

/** Who decodes, for the protocol: the token's user, or the fixed token's stand-in. */
export type Codecgebruiker = Pick<Gebruiker, 'sub' | 'rollen'>;

/**
 * Decides whether a bearer token may use the codec server (it reveals every case's personal data):
 * its user when it may, else undefined.
 */
export type CodecToegang = (token: string) => Promise<Codecgebruiker | undefined>;

/** The fixed CODEC_TOKEN names no person; the protocol shows that the shared token was used. */
export const VAST_TOKEN_GEBRUIKER: Codecgebruiker = { sub: 'CODEC_TOKEN', rollen: [] };

/**
 * One operator token from configuration (CODEC_TOKEN), for scripts and the CLI,
 * compared in constant time (hashes first, so the length leaks nothing either).
 */
export function vastTokenToegang(verwacht: string): CodecToegang {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  const doel = hash(verwacht);
  return async (token) => (timingSafeEqual(hash(token), doel) ? VAST_TOKEN_GEBRUIKER : undefined);
}

/** Operators and beheerders signed in at the gemeente's issuer: the same tokens as the API's. */
export function oidcToegang(verifier: TokenVerifier): CodecToegang {
  return async (token) => {
    const gebruiker = await verifier(token).catch(() => undefined);
    if (!gebruiker?.rollen.some((rol) => rol === 'operator' || rol === 'beheerder')) return undefined;
    return { sub: gebruiker.sub, rollen: gebruiker.rollen };
  };
}

/** Access when any of the ways allows it (e.g. the fixed CODEC_TOKEN for scripts, OIDC for people). */
export function eenVan(...toegangen: CodecToegang[]): CodecToegang {
  return async (token) => {
    for (const toegang of toegangen) {
      const gebruiker = await toegang(token);
      if (gebruiker) return gebruiker;
    }
    return undefined;
  };
}
