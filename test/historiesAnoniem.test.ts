import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nietVervangen } from './helpers/persoonsgegevens';
import { testDataConverter } from './helpers/sleutels';

/**
 * Structural check of the stored replay histories (test/histories/record.ts stores them through
 * `anonimiseer`): in every decoded payload, every name, street, house number, postcode and BSN
 * field holds its stand-in, and no BSN or postcode sits in any other field.
 */
const map = join(__dirname, 'histories');
const bestanden = readdirSync(map).filter((f) => f.endsWith('.json'));
const codec = testDataConverter.payloadCodecs![0]!;
const lees = async (pad: string): Promise<unknown> => JSON.parse(await readFile(pad, 'utf8'));

describe('stored replay histories hold stand-ins only', () => {
  it.each(bestanden)('%s: every personal field holds its stand-in', async (bestand) => {
    expect((await nietVervangen(await lees(join(map, bestand)), codec)).fouten).toEqual([]);
  });

  it('found the stand-ins: the payloads were decoded and walked', async () => {
    // Histories of the person's and the household's workflows carry a client; budgets and terms do not.
    const metClient = bestanden.filter((f) => /^(schuldhulpTraject|vroegEropaf|persoonsslot|huishoudslot)-/.test(f));
    const zonder: string[] = [];
    for (const f of metClient) if ((await nietVervangen(await lees(join(map, f)), codec)).vervangen === 0) zonder.push(f);
    expect(metClient.length).toBeGreaterThan(0);
    expect(zonder).toEqual([]);
  });
});

describe('the check catches a real-looking value in a copy of a stored history', () => {
  const BRON = 'vroegEropaf-huishouden.json';
  let tijdelijk: string;
  beforeAll(async () => {
    tijdelijk = await mkdtemp(join(tmpdir(), 'histories-'));
  });
  afterAll(async () => {
    await rm(tijdelijk, { recursive: true, force: true });
  });

  /** Rewrites the JSON text of the first payload `past` accepts, stores the copy and checks it. */
  async function gewijzigd(past: (tekst: string) => boolean, wijzig: (tekst: string) => string) {
    const history = await lees(join(map, BRON));
    let gedaan = false;
    const loop = (knoop: unknown): void => {
      if (gedaan || typeof knoop !== 'object' || knoop === null) return;
      const p = knoop as { data?: unknown; metadata?: unknown };
      if (typeof p.data === 'string' && typeof p.metadata === 'object') {
        const tekst = Buffer.from(p.data, 'base64').toString('utf8');
        if (!past(tekst)) return;
        p.data = Buffer.from(wijzig(tekst)).toString('base64');
        gedaan = true;
        return;
      }
      Object.values(knoop).forEach(loop);
    };
    loop(history);
    expect(gedaan).toBe(true);
    const pad = join(tijdelijk, BRON);
    await writeFile(pad, JSON.stringify(history));
    return nietVervangen(await lees(pad), codec);
  }

  it.each([
    ['naam', 'J. Jansen'],
    ['straat', 'Kalverstraat'],
    ['postcode', '1012 NX'],
    ['bsn', '111222333'],
  ])('a %s that is not its stand-in', async (veld, echt) => {
    const { fouten } = await gewijzigd(
      (t) => t.includes(`"${veld}":"[${veld}]"`),
      (t) => t.replace(`"${veld}":"[${veld}]"`, `"${veld}":"${echt}"`),
    );
    expect(fouten).toHaveLength(1);
    expect(fouten[0]).toMatch(new RegExp(`\\.${veld}$`));
  });

  it.each(['1012 NX', '111222333'])('a BSN or postcode in another field: %s', async (echt) => {
    const { fouten } = await gewijzigd(
      (t) => t.startsWith('{"schuldeiser"'),
      (t) => t.replace('{"schuldeiser"', `{"opmerking":"${echt}","schuldeiser"`),
    );
    expect(fouten).toHaveLength(1);
    expect(fouten[0]).toMatch(/\.opmerking$/);
  });
});
