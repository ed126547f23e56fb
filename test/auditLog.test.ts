import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog, AuditRegel } from '../api/audit/auditLog';
import { postgresAuditLog } from '../api/audit/auditPostgres';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { startPostgres, type Postgres } from './helpers/postgres';

/** A store of the protocol, with raw SQL access to try what the service itself never does. */
interface Opslag {
  open(): Promise<AuditLog>;
  rauw(sql: string): Promise<void>;
}

const regel = (tijdstip: string, extra: Partial<AuditRegel> = {}): AuditRegel => ({
  tijdstip,
  gebruiker: 'mdw-0001',
  rollen: ['medewerker'],
  actie: 'GET /meldingen/:id',
  zaakId: 'melding-a',
  buurtteam: 'oost',
  status: 200,
  ...extra,
});

/** The same contract for the SQLite file (default) and PostgreSQL (production). */
function contract(naam: string, maakOpslag: () => Promise<Opslag & { stop?: () => Promise<void> }>) {
  describe(`protocol in ${naam}`, () => {
    let opslag: Opslag & { stop?: () => Promise<void> };
    beforeAll(async () => {
      opslag = await maakOpslag();
    });
    afterAll(() => opslag?.stop?.());

    it('finds entries by case, user and period, oldest first, page by page', async () => {
      const log = await opslag.open();
      try {
        await log.schrijf(regel('2026-11-20T09:00:00.000Z', { correlatieId: '0af7651916cd43dd8448eb211c80319c' }));
        await log.schrijf(regel('2026-11-21T09:00:00.000Z', { gebruiker: 'tl-0001', rollen: ['teamleider'], status: 403 }));
        await log.schrijf(regel('2026-11-22T09:00:00.000Z', { zaakId: 'melding-b' }));
        await log.schrijf(regel('2026-11-23T09:00:00.000Z', { gebruiker: undefined, rollen: [], zaakId: undefined, status: 401 }));
        const a = await log.zoek({ zaakId: 'melding-a', limiet: 10 });
        expect(a.map((r) => [r.tijdstip, r.gebruiker, r.status])).toEqual([
          ['2026-11-20T09:00:00.000Z', 'mdw-0001', 200],
          ['2026-11-21T09:00:00.000Z', 'tl-0001', 403],
        ]);
        expect(a[1]).toMatchObject({ rollen: ['teamleider'], actie: 'GET /meldingen/:id', buurtteam: 'oost' });
        expect(a.map((r) => r.correlatieId)).toEqual(['0af7651916cd43dd8448eb211c80319c', undefined]);
        expect((await log.zoek({ gebruiker: 'tl-0001', limiet: 10 })).map((r) => r.status)).toEqual([403]);
        const periode = await log.zoek({ van: '2026-11-21T00:00:00.000Z', tot: '2026-11-23T00:00:00.000Z', limiet: 10 });
        expect(periode.map((r) => r.tijdstip)).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-22T09:00:00.000Z']);
        const eerste = await log.zoek({ limiet: 3 });
        const rest = await log.zoek({ limiet: 3, na: eerste.at(-1)!.id });
        expect(rest).toEqual([
          {
            id: expect.any(Number),
            tijdstip: '2026-11-23T09:00:00.000Z',
            rollen: [],
            actie: 'GET /meldingen/:id',
            buurtteam: 'oost',
            status: 401,
          },
        ]);
      } finally {
        await log.sluit();
      }
    });

    it('refuses to change or delete entries, and keeps them across a reopen', async () => {
      for (const sql of ['UPDATE audit SET status = 200', 'DELETE FROM audit']) {
        await expect(opslag.rauw(sql)).rejects.toThrow('het protocol kan alleen worden aangevuld');
      }
      const log = await opslag.open();
      try {
        expect(await log.zoek({ limiet: 10 })).toHaveLength(4);
      } finally {
        await log.sluit();
      }
    });
  });
}

contract('a SQLite file', async () => {
  const bestand = join(await mkdtemp(join(tmpdir(), 'schuldhulp-audit-')), 'audit.sqlite');
  return {
    open: async () => sqliteAuditLog(bestand),
    rauw: async (sql) => {
      const db = new Database(bestand);
      try {
        db.prepare(sql).run();
      } finally {
        db.close();
      }
    },
  };
});

contract('PostgreSQL', async () => {
  const pg: Postgres = await startPostgres();
  return {
    open: () => postgresAuditLog(pg.url),
    rauw: async (sql) => {
      const client = new PgClient({ connectionString: pg.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
});

describe('protocol in a SQLite file, several requests at once', () => {
  it('adds the correlation id column to a protocol written before it, keeping its entries', async () => {
    const bestand = join(await mkdtemp(join(tmpdir(), 'schuldhulp-audit-')), 'audit.sqlite');
    const oud = new Database(bestand);
    oud.exec(`CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, tijdstip TEXT NOT NULL, gebruiker TEXT,
      rollen TEXT NOT NULL, actie TEXT NOT NULL, zaak_id TEXT, buurtteam TEXT, status INTEGER NOT NULL);
      INSERT INTO audit (tijdstip, rollen, actie, status) VALUES ('2026-11-19T09:00:00.000Z', '', 'GET /audit', 200);`);
    oud.close();
    const log = sqliteAuditLog(bestand);
    try {
      await log.schrijf(regel('2026-11-20T09:00:00.000Z', { correlatieId: 'c0ffee00c0ffee00c0ffee00c0ffee00' }));
      expect((await log.zoek({ limiet: 10 })).map((r) => [r.tijdstip, r.correlatieId])).toEqual([
        ['2026-11-19T09:00:00.000Z', undefined],
        ['2026-11-20T09:00:00.000Z', 'c0ffee00c0ffee00c0ffee00c0ffee00'],
      ]);
    } finally {
      await log.sluit();
    }
  });

  it('commits the entries of one turn together: a search sees them at once, closing keeps them', async () => {
    const bestand = join(await mkdtemp(join(tmpdir(), 'schuldhulp-audit-')), 'audit.sqlite');
    const log = sqliteAuditLog(bestand);
    const geschreven = [1, 2, 3].map((dag) => log.schrijf(regel(`2026-11-2${dag}T09:00:00.000Z`)));
    expect(await log.zoek({ limiet: 10 })).toHaveLength(3);
    await Promise.all(geschreven);
    const laatste = log.schrijf(regel('2026-11-24T09:00:00.000Z'));
    await log.sluit();
    await laatste;
    const db = new Database(bestand, { readonly: true });
    try {
      expect(db.prepare('SELECT tijdstip FROM audit ORDER BY id').all()).toHaveLength(4);
    } finally {
      db.close();
    }
  });
});
