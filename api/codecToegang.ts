import { createHash, timingSafeEqual } from 'node:crypto';

/** Decides whether a bearer token may use the codec server (it reveals every case's personal data). */
export type CodecToegang = (token: string) => Promise<boolean>;

/**
 * Until the API has its own authentication: one operator token from configuration (CODEC_TOKEN),
 * compared in constant time (hashes first, so the length leaks nothing either).
 */
export function vastTokenToegang(verwacht: string): CodecToegang {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  const doel = hash(verwacht);
  return async (token) => timingSafeEqual(hash(token), doel);
}
