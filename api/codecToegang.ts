import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenVerifier } from './tokenVerifier';

/** Decides whether a bearer token may use the codec server (it reveals every case's personal data). */
export type CodecToegang = (token: string) => Promise<boolean>;

/**
 * One operator token from configuration (CODEC_TOKEN), for scripts and the CLI,
 * compared in constant time (hashes first, so the length leaks nothing either).
 */
export function vastTokenToegang(verwacht: string): CodecToegang {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  const doel = hash(verwacht);
  return async (token) => timingSafeEqual(hash(token), doel);
}

/** Operators and beheerders signed in at the gemeente's issuer: the same tokens as the API's. */
export function oidcToegang(verifier: TokenVerifier): CodecToegang {
  return async (token) => {
    const gebruiker = await verifier(token).catch(() => undefined);
    return gebruiker?.rollen.some((rol) => rol === 'operator' || rol === 'beheerder') ?? false;
  };
}

/** Access when any of the ways allows it (e.g. the fixed CODEC_TOKEN for scripts, OIDC for people). */
export function eenVan(...toegangen: CodecToegang[]): CodecToegang {
  return async (token) => {
    for (const toegang of toegangen) if (await toegang(token)) return true;
    return false;
  };
}
