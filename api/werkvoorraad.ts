/** One open case in a team's werkvoorraad. */
export interface Taak {
  zaakId: string;
  soort: string;
  buurtteam: string;
  fase?: string;
  openTaken: string[];
  termijnDatum?: string;
  regievoerder?: string;
}

export interface PaginaVerzoek {
  regievoerder?: string;
  taak?: string;
  limiet: number;
  cursor?: string;
}

export interface Pagina {
  taken: Taak[];
  /** Opaque position after the last case of this page; absent on the last page. */
  volgende?: string;
  /** Cases matching the filters, over all pages. */
  totaal: number;
  /** Open cases per task for the team (and regievoerder, if given), regardless of the task filter and paging. */
  perTaak: Record<string, number>;
}

/** Sort key: most urgent term first, cases without a term last, ties by id (a total order for the cursor). */
type Positie = [termijn: number, zaakId: string];

const positie = (t: Taak): Positie => [t.termijnDatum ? Date.parse(t.termijnDatum) : Number.POSITIVE_INFINITY, t.zaakId];

function vergelijk([ta, ia]: Positie, [tb, ib]: Positie): number {
  if (ta !== tb) return ta < tb ? -1 : 1;
  // Plain code unit order: locale collation (ICU) is what sorted '~' before digits.
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export class OngeldigeCursor extends Error {}

function leesCursor(cursor: string): Positie {
  try {
    const [termijn, zaakId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number | null, string];
    if ((termijn === null || typeof termijn === 'number') && typeof zaakId === 'string') {
      return [termijn ?? Number.POSITIVE_INFINITY, zaakId];
    }
  } catch {
    // falls through to the refusal below
  }
  throw new OngeldigeCursor('onbekende cursor');
}

function schrijfCursor([termijn, zaakId]: Positie): string {
  return Buffer.from(JSON.stringify([Number.isFinite(termijn) ? termijn : null, zaakId])).toString('base64url');
}

/**
 * The werkvoorraad read model: every open case with open tasks, per team, kept in memory in
 * urgency order. Pages are served from here, not from visibility (which cannot sort by our
 * search attributes on the SQLite dev server, and lists 10,000 cases in tens of seconds).
 */
/** A case with its sort position, computed once. */
interface Regel {
  taak: Taak;
  pos: Positie;
}

export class Werkvoorraadindex {
  private readonly zaken = new Map<string, Regel>();
  private readonly teams = new Map<string, { lijst: Regel[]; gesorteerd: boolean }>();

  get aantal(): number {
    return this.zaken.size;
  }

  /** Records the case's current state; a case without open tasks leaves the werkvoorraad. */
  zet(taak: Taak): void {
    this.verwijder(taak.zaakId);
    if (taak.openTaken.length === 0) return;
    const regel = { taak, pos: positie(taak) };
    this.zaken.set(taak.zaakId, regel);
    const team = this.teams.get(taak.buurtteam) ?? { lijst: [], gesorteerd: true };
    team.lijst.push(regel);
    team.gesorteerd = false;
    this.teams.set(taak.buurtteam, team);
  }

  verwijder(zaakId: string): void {
    const oud = this.zaken.get(zaakId);
    if (!oud) return;
    this.zaken.delete(zaakId);
    const team = this.teams.get(oud.taak.buurtteam)!;
    team.lijst.splice(team.lijst.indexOf(oud), 1);
  }

  leeg(): void {
    this.zaken.clear();
    this.teams.clear();
  }

  pagina(buurtteam: string, v: PaginaVerzoek): Pagina {
    const vanaf = v.cursor ? leesCursor(v.cursor) : undefined;
    const lijst = this.gesorteerd(buurtteam);
    const perTaak: Record<string, number> = {};
    const taken: Taak[] = [];
    let totaal = 0;
    let meer = false;
    let laatste: Positie | undefined;
    for (const { taak, pos } of lijst) {
      if (v.regievoerder && taak.regievoerder !== v.regievoerder) continue;
      for (const t of taak.openTaken) perTaak[t] = (perTaak[t] ?? 0) + 1;
      if (v.taak && !taak.openTaken.includes(v.taak)) continue;
      totaal++;
      if (vanaf && vergelijk(pos, vanaf) <= 0) continue;
      if (taken.length < v.limiet) {
        taken.push(taak);
        laatste = pos;
      } else meer = true;
    }
    return { taken, totaal, perTaak, ...(meer && laatste ? { volgende: schrijfCursor(laatste) } : {}) };
  }

  private gesorteerd(buurtteam: string): Regel[] {
    const team = this.teams.get(buurtteam);
    if (!team) return [];
    if (!team.gesorteerd) {
      team.lijst.sort((a, b) => vergelijk(a.pos, b.pos));
      team.gesorteerd = true;
    }
    return team.lijst;
  }
}
