import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../common/config';

/**
 * Keyed hashes (HMAC-SHA256) with the secret PERSOON_SLEUTEL: without the secret, nobody can find
 * out whose BSN hides behind a hash by trying all 10^9 numbers.
 */
function hmac(geheim: Buffer, doel: string, waarde: string): string {
  return createHmac('sha256', geheim).update(`${doel}\n${waarde}`).digest('hex').slice(0, 32);
}

/** The person's key: part of their lock's workflow id (one open traject per person). */
export function persoonSleutel(geheim: Buffer, bsn: string): string {
  return hmac(geheim, 'persoon', bsn);
}

/** Fingerprint of a validated request body (it may hold a BSN), to bind an Idempotency-Key to it. */
export function verzoekSleutel(geheim: Buffer, invoer: unknown): string {
  return hmac(geheim, 'verzoek', JSON.stringify(invoer));
}

/** PERSOON_SLEUTEL (base64, from a secret store) wins over the file (development: made by `npm start`). */
export function persoonGeheimUitConfig(config: Pick<Config, 'PERSOON_SLEUTEL' | 'PERSOON_SLEUTEL_BESTAND'>): Buffer {
  let tekst = config.PERSOON_SLEUTEL;
  if (!tekst) {
    try {
      tekst = readFileSync(config.PERSOON_SLEUTEL_BESTAND, 'utf8').trim();
    } catch {
      throw new Error(
        `geen PERSOON_SLEUTEL: zet de variabele of maak ${config.PERSOON_SLEUTEL_BESTAND} (npm start doet dat in ontwikkeling)`,
      );
    }
  }
  const geheim = Buffer.from(tekst, 'base64');
  if (geheim.length < 32) throw new Error('PERSOON_SLEUTEL: verwacht minstens 32 bytes in base64');
  return geheim;
}
