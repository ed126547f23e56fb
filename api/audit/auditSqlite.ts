import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  uitRij,
  zoekVoorwaarden,
  type AuditFilter,
  type AuditLog,
  type AuditRegel,
  type AuditRij,
  type OpgeslagenAuditRegel,
} from './auditLog';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tijdstip TEXT NOT NULL,
  gebruiker TEXT,
  rollen TEXT NOT NULL,
  actie TEXT NOT NULL,
  zaak_id TEXT,
  buurtteam TEXT,
  status INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_zaak ON audit (zaak_id, id);
CREATE INDEX IF NOT EXISTS audit_tijdstip ON audit (tijdstip);
CREATE TRIGGER IF NOT EXISTS audit_geen_wijziging BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'het protocol kan alleen worden aangevuld'); END;
CREATE TRIGGER IF NOT EXISTS audit_geen_verwijdering BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'het protocol kan alleen worden aangevuld'); END;
`;

type Rij = Omit<AuditRij, 'rollen'> & { rollen: string };

/**
 * The default store: one SQLite file (WAL, synced on every commit), so the trail survives restarts.
 * Entries written in one turn of the event loop are committed together at its end: one sync for
 * many requests under load instead of one each, which would hold up the API (the driver is synchronous).
 */
export function sqliteAuditLog(bestand: string): AuditLog {
  if (bestand !== ':memory:') mkdirSync(dirname(bestand), { recursive: true });
  const db = new Database(bestand);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  // Protocols written before the correlation id get the column (SQLite has no ADD COLUMN IF NOT EXISTS).
  if (!(db.pragma('table_info(audit)') as { name: string }[]).some((k) => k.name === 'correlatie_id')) {
    db.exec('ALTER TABLE audit ADD COLUMN correlatie_id TEXT');
  }
  const invoegen = db.prepare(
    'INSERT INTO audit (tijdstip, gebruiker, rollen, actie, zaak_id, buurtteam, status, correlatie_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const invoegenAlle = db.transaction((regels: AuditRegel[]) => {
    for (const r of regels) {
      invoegen.run(
        r.tijdstip,
        r.gebruiker ?? null,
        r.rollen.join(','),
        r.actie,
        r.zaakId ?? null,
        r.buurtteam ?? null,
        r.status,
        r.correlatieId ?? null,
      );
    }
  });
  let wachtend: { regel: AuditRegel; klaar: () => void; mislukt: (fout: unknown) => void }[] = [];
  const legen = () => {
    const reeks = wachtend;
    wachtend = [];
    if (reeks.length === 0) return;
    try {
      invoegenAlle(reeks.map((w) => w.regel));
      for (const w of reeks) w.klaar();
    } catch (fout) {
      for (const w of reeks) w.mislukt(fout);
    }
  };
  return {
    schrijf(regel: AuditRegel) {
      return new Promise<void>((klaar, mislukt) => {
        wachtend.push({ regel, klaar, mislukt });
        if (wachtend.length === 1) setImmediate(legen);
      });
    },
    async zoek(filter: AuditFilter): Promise<OpgeslagenAuditRegel[]> {
      legen();
      const { waar, waarden } = zoekVoorwaarden(filter, () => '?');
      const rijen = db.prepare(`SELECT * FROM audit ${waar} ORDER BY id LIMIT ?`).all(...waarden, filter.limiet) as Rij[];
      return rijen.map((r) => uitRij({ ...r, rollen: r.rollen ? r.rollen.split(',') : [] }));
    },
    async sluit() {
      legen();
      db.close();
    },
  };
}
