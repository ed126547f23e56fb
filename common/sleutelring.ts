import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The payload keys: `huidig` encrypts every new payload, all keys keep decrypting what they once
 * encrypted. Rotation adds a key and makes it current; an old key leaves the ring only once no
 * history within the namespace retention still holds payloads under its id.
 */
export interface Sleutelring {
  huidig: string;
  sleutels: ReadonlyMap<string, Buffer>;
}

const sleutelId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'sleutel-id: letters, cijfers, punt, streepje' });
const sleutelringSchema = z
  .strictObject({
    huidig: sleutelId,
    sleutels: z.record(
      sleutelId,
      z.base64().refine((s) => Buffer.from(s, 'base64').length === 32, { error: 'verwacht 32 bytes (AES-256) in base64' }),
    ),
  })
  .refine((r) => r.huidig in r.sleutels, { path: ['huidig'], error: 'huidige sleutel ontbreekt in sleutels' });

export type SleutelringBestand = z.infer<typeof sleutelringSchema>;

/** Parses the keyring JSON (`{"huidig": id, "sleutels": {id: base64}}`); `bron` names it in errors, never the keys. */
export function leesSleutelring(json: string, bron: string): Sleutelring {
  let ruw: unknown;
  try {
    ruw = JSON.parse(json);
  } catch {
    throw new Error(`sleutelring ${bron} is geen geldige JSON`);
  }
  const resultaat = sleutelringSchema.safeParse(ruw);
  if (!resultaat.success) {
    throw new Error(`sleutelring ${bron} ongeldig: ${resultaat.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { huidig, sleutels } = resultaat.data;
  return { huidig, sleutels: new Map(Object.entries(sleutels).map(([id, s]) => [id, Buffer.from(s, 'base64')])) };
}

/** SLEUTELRING (the JSON itself, e.g. from a secret store) wins over the file SLEUTELRING_BESTAND. */
export function sleutelringUitConfig(config: { SLEUTELRING?: string; SLEUTELRING_BESTAND: string }): Sleutelring {
  if (config.SLEUTELRING) return leesSleutelring(config.SLEUTELRING, 'SLEUTELRING');
  let inhoud: string;
  try {
    inhoud = readFileSync(config.SLEUTELRING_BESTAND, 'utf8');
  } catch {
    throw new Error(
      `geen sleutelring: zet SLEUTELRING of maak ${config.SLEUTELRING_BESTAND} met \`npx tsx scripts/sleutelring.ts maak ${config.SLEUTELRING_BESTAND}\``,
    );
  }
  return leesSleutelring(inhoud, config.SLEUTELRING_BESTAND);
}

/** Adds a fresh random key and makes it current; without a ring, starts one. */
export function metNieuweSleutel(bestaand?: SleutelringBestand, nu = new Date()): SleutelringBestand {
  const id = `${nu.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  return { huidig: id, sleutels: { ...bestaand?.sleutels, [id]: randomBytes(32).toString('base64') } };
}
