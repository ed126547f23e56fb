import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../common/config';
import { logJson } from '../common/jsonLog';
import type { Melding } from '../common/schemas';
import { signaalBron } from '../common/signaalBron';
import type { Herhaalmelding } from '../workflows/types';

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

/** An Idempotency-Key as part of an update id: whatever a client sends, the id gets a fixed form. */
export function idempotentieSleutel(geheim: Buffer, idempotencyKey: string): string {
  return hmac(geheim, 'idempotentie', idempotencyKey);
}

/**
 * The household's key: part of its lock's workflow id (one open melding per household). The
 * address counts by postcode and house number; spaces, case and separators do not ("12-3",
 * "12 - 3"; "12A", "12 a"), the street name neither (a postcode and number name one address).
 */
export function huishoudSleutel(geheim: Buffer, adres: { postcode: string; huisnummer: string }): string {
  const postcode = adres.postcode.replace(/\s+/g, '').toUpperCase();
  const huisnummer = (adres.huisnummer.toLowerCase().match(/\d+|[a-z]+/g) ?? []).join('-');
  return hmac(geheim, 'huishouden', `${postcode}|${huisnummer}`);
}

/**
 * A signal's key, the heart of its melding id: creditor and referentie as `signaalBron` normalises
 * them, and the signal's content (kind, arrears, dates). Keyed, because creditor and referentie
 * are few and guessable, and the id shows in workflow ids, mail subjects and the audit trail.
 */
export function meldingSleutel(geheim: Buffer, signaal: Herhaalmelding & Pick<Melding, 'schuldeiser' | 'referentie'>): string {
  const { schuldeiser: _s, referentie: _r, soort = 'betalingsachterstand', ...inhoud } = signaal;
  const velden = Object.entries(inhoud).sort(([a], [b]) => a.localeCompare(b));
  return hmac(geheim, 'melding', JSON.stringify([signaalBron(signaal), soort, velden]));
}

/** Fingerprint of a validated request body (it may hold a BSN), to bind an Idempotency-Key to it. */
export function verzoekSleutel(geheim: Buffer, invoer: unknown): string {
  return hmac(geheim, 'verzoek', JSON.stringify(invoer));
}

/**
 * PERSOON_SLEUTEL (base64, from a secret store) wins over the file. Without either, a development
 * secret is made in the file once (like an SSH host key): it must then be kept, or open trajecten
 * are no longer recognised; production sets the variable.
 */
export function persoonGeheimUitConfig(config: Pick<Config, 'PERSOON_SLEUTEL' | 'PERSOON_SLEUTEL_BESTAND'>): Buffer {
  const bestand = config.PERSOON_SLEUTEL_BESTAND;
  if (!config.PERSOON_SLEUTEL && !existsSync(bestand)) {
    mkdirSync(dirname(bestand), { recursive: true, mode: 0o700 });
    writeFileSync(bestand, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    logJson('WARN', 'ontwikkelgeheim PERSOON_SLEUTEL aangemaakt; bewaar het bestand of zet PERSOON_SLEUTEL', { bestand });
  }
  const geheim = Buffer.from(config.PERSOON_SLEUTEL ?? readFileSync(bestand, 'utf8').trim(), 'base64');
  if (geheim.length < 32) throw new Error('PERSOON_SLEUTEL: verwacht minstens 32 bytes in base64');
  return geheim;
}
