/**
 * Keyring files for payload encryption (see docs/privacy.md, "Keys and rotation"):
 *   npx tsx scripts/sleutelring.ts maak <bestand>     creates a ring with one key, unless the file exists
 *   npx tsx scripts/sleutelring.ts roteer <bestand>   adds a key and makes it current; old keys stay
 * Prints key ids only, never keys. Files are written owner-readable only (0600).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { leesSleutelring, metNieuweSleutel, type SleutelringBestand } from '../common/sleutelring';

function schrijf(pad: string, ring: SleutelringBestand): void {
  mkdirSync(dirname(pad), { recursive: true, mode: 0o700 });
  writeFileSync(pad, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
}

const [opdracht, pad] = process.argv.slice(2);
if (!pad || (opdracht !== 'maak' && opdracht !== 'roteer')) {
  console.error('gebruik: sleutelring.ts maak|roteer <bestand>');
  process.exit(2);
}
if (opdracht === 'maak') {
  if (existsSync(pad)) {
    console.log(`sleutelring ${pad} bestaat al (huidige sleutel ${leesSleutelring(readFileSync(pad, 'utf8'), pad).huidig})`);
  } else {
    const ring = metNieuweSleutel();
    schrijf(pad, ring);
    console.log(`sleutelring ${pad} gemaakt met sleutel ${ring.huidig}`);
  }
} else {
  const inhoud = readFileSync(pad, 'utf8');
  leesSleutelring(inhoud, pad); // refuse to rotate a damaged ring
  const ring = metNieuweSleutel(JSON.parse(inhoud) as SleutelringBestand);
  schrijf(pad, ring);
  console.log(`sleutelring ${pad}: nieuwe huidige sleutel ${ring.huidig}; ${Object.keys(ring.sleutels).length} sleutels ontsleutelen`);
}
