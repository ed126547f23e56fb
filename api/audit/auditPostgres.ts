import { Pool } from 'pg';
import {
  uitRij,
  zoekVoorwaarden,
  type AuditFilter,
  type AuditLog,
  type AuditRegel,
  type AuditRij,
  type OpgeslagenAuditRegel,
} from './auditLog';

// The service's database role needs only INSERT and SELECT; the triggers hold even for its owner.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id BIGSERIAL PRIMARY KEY,
  tijdstip TIMESTAMPTZ NOT NULL,
  gebruiker TEXT,
  rollen TEXT[] NOT NULL,
  actie TEXT NOT NULL,
  zaak_id TEXT,
  buurtteam TEXT,
  status INTEGER NOT NULL
);
ALTER TABLE audit ADD COLUMN IF NOT EXISTS correlatie_id TEXT;
CREATE INDEX IF NOT EXISTS audit_zaak ON audit (zaak_id, id);
CREATE INDEX IF NOT EXISTS audit_tijdstip ON audit (tijdstip);
CREATE OR REPLACE FUNCTION audit_alleen_aanvullen() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'het protocol kan alleen worden aangevuld'; END $$;
CREATE OR REPLACE TRIGGER audit_geen_wijziging BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_alleen_aanvullen();
CREATE OR REPLACE TRIGGER audit_geen_leegmaken BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_aanvullen();
`;

type Rij = Omit<AuditRij, 'id' | 'tijdstip'> & { id: string; tijdstip: Date };

/** The production store: PostgreSQL at AUDIT_DATABASE_URL. */
export async function postgresAuditLog(url: string): Promise<AuditLog> {
  const pool = new Pool({ connectionString: url, max: 5 });
  await pool.query(SCHEMA);
  return {
    async schrijf(r: AuditRegel) {
      await pool.query(
        'INSERT INTO audit (tijdstip, gebruiker, rollen, actie, zaak_id, buurtteam, status, correlatie_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [r.tijdstip, r.gebruiker ?? null, r.rollen, r.actie, r.zaakId ?? null, r.buurtteam ?? null, r.status, r.correlatieId ?? null],
      );
    },
    async zoek(filter: AuditFilter): Promise<OpgeslagenAuditRegel[]> {
      const { waar, waarden } = zoekVoorwaarden(filter, (n) => `$${n}`);
      const { rows } = await pool.query<Rij>(`SELECT * FROM audit ${waar} ORDER BY id LIMIT $${waarden.length + 1}`, [
        ...waarden,
        filter.limiet,
      ]);
      return rows.map((r) => uitRij({ ...r, id: Number(r.id), tijdstip: r.tijdstip.toISOString() }));
    },
    sluit: () => pool.end(),
  };
}
