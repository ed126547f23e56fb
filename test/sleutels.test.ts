import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { persoonGeheimUitConfig, persoonSleutel } from '../api/sleutels';
import { testBsn } from './helpers/invoer';

describe('keyed hash of a BSN', () => {
  it('is stable per secret, differs between secrets and people, and does not contain the BSN', () => {
    const [geheim, ander] = [randomBytes(32), randomBytes(32)];
    const bsn = testBsn(1);
    expect(persoonSleutel(geheim, bsn)).toBe(persoonSleutel(geheim, bsn));
    expect(persoonSleutel(geheim, bsn)).not.toBe(persoonSleutel(ander, bsn));
    expect(persoonSleutel(geheim, bsn)).not.toBe(persoonSleutel(geheim, testBsn(2)));
    expect(persoonSleutel(geheim, bsn)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes PERSOON_SLEUTEL, else makes a development secret in the file once and keeps using it', async () => {
    const variabele = randomBytes(32).toString('base64');
    const bestand = join(await mkdtemp(join(tmpdir(), 'schuldhulp-geheim-')), '.geheimen', 'persoonsleutel');
    expect(persoonGeheimUitConfig({ PERSOON_SLEUTEL: variabele, PERSOON_SLEUTEL_BESTAND: bestand }).toString('base64')).toBe(variabele);
    const gemaakt = persoonGeheimUitConfig({ PERSOON_SLEUTEL_BESTAND: bestand });
    expect(gemaakt).toHaveLength(32);
    expect((await stat(bestand)).mode & 0o777).toBe(0o600);
    expect(persoonGeheimUitConfig({ PERSOON_SLEUTEL_BESTAND: bestand })).toEqual(gemaakt);
    expect(await readFile(bestand, 'utf8')).toBe(gemaakt.toString('base64'));
    expect(() => persoonGeheimUitConfig({ PERSOON_SLEUTEL: 'kort', PERSOON_SLEUTEL_BESTAND: bestand })).toThrow('minstens 32 bytes');
  });
});
