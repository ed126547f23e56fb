/**
 * Protocollering: who did what with which case, when, and with what outcome. Append-only: the
 * stores refuse UPDATE and DELETE themselves (triggers), so not even a bug in this service can
 * rewrite the trail. No personal data: ids, roles, route templates and status codes only.
 */

export interface AuditRegel {
  /** ISO instant (UTC). */
  tijdstip: string;
  /** The token's `sub`; absent when the request carried no valid token. */
  gebruiker?: string;
  rollen: string[];
  /** Method and route template, e.g. `POST /meldingen/:id/huisbezoeken`. */
  actie: string;
  zaakId?: string;
  buurtteam?: string;
  /** HTTP status of the answer. */
  status: number;
  /** The request's correlation id (X-Correlation-ID), also in the API's log line and the workflow's headers. */
  correlatieId?: string;
}

export interface OpgeslagenAuditRegel extends AuditRegel {
  id: number;
}

export interface AuditFilter {
  zaakId?: string;
  gebruiker?: string;
  /** From this instant (inclusive). */
  van?: string;
  /** Up to this instant (exclusive). */
  tot?: string;
  /** Only entries after this id (paging). */
  na?: number;
  limiet: number;
}

export interface AuditLog {
  schrijf(regel: AuditRegel): Promise<void>;
  /** Oldest first. */
  zoek(filter: AuditFilter): Promise<OpgeslagenAuditRegel[]>;
  sluit(): Promise<void>;
}

/** The WHERE clause of a search, for any SQL dialect (`plaatshouder(n)` gives `?` or `$n`). */
export function zoekVoorwaarden(filter: AuditFilter, plaatshouder: (n: number) => string): { waar: string; waarden: unknown[] } {
  const voorwaarden: string[] = [];
  const waarden: unknown[] = [];
  const voeg = (sql: string, waarde: unknown) => {
    waarden.push(waarde);
    voorwaarden.push(sql.replace('?', plaatshouder(waarden.length)));
  };
  if (filter.zaakId) voeg('zaak_id = ?', filter.zaakId);
  if (filter.gebruiker) voeg('gebruiker = ?', filter.gebruiker);
  if (filter.van) voeg('tijdstip >= ?', filter.van);
  if (filter.tot) voeg('tijdstip < ?', filter.tot);
  if (filter.na !== undefined) voeg('id > ?', filter.na);
  return { waar: voorwaarden.length ? `WHERE ${voorwaarden.join(' AND ')}` : '', waarden };
}

/** A stored row as both stores read it, with their own types already made plain. */
export interface AuditRij {
  id: number;
  tijdstip: string;
  gebruiker: string | null;
  rollen: string[];
  actie: string;
  zaak_id: string | null;
  buurtteam: string | null;
  status: number;
  correlatie_id: string | null;
}

export function uitRij(r: AuditRij): OpgeslagenAuditRegel {
  return {
    id: r.id,
    tijdstip: r.tijdstip,
    ...(r.gebruiker ? { gebruiker: r.gebruiker } : {}),
    rollen: r.rollen,
    actie: r.actie,
    ...(r.zaak_id ? { zaakId: r.zaak_id } : {}),
    ...(r.buurtteam ? { buurtteam: r.buurtteam } : {}),
    ...(r.correlatie_id ? { correlatieId: r.correlatie_id } : {}),
    status: r.status,
  };
}
