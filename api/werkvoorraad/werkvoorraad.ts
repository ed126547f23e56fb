import { positie, termijnEerst, vergelijkPositie as vergelijk, type Positie } from '../../common/werkvoorraadVolgorde';

/** One running case of a team; it is in the werkvoorraad while it has open tasks. */
export interface Taak {
  zaakId: string;
  soort: string;
  buurtteam: string;
  fase?: string;
  openTaken: string[];
  termijnDatum?: string;
  regievoerder?: string;
  /** Weight: crisis signals and households with more signals first (search attribute Prioriteit). */
  prioriteit?: number;
  /** The case's last change (search attribute Bijgewerkt). */
  bijgewerkt?: string;
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

export class OngeldigeCursor extends Error {}

function leesCursor(cursor: string): Positie {
  try {
    const [gewicht, termijn, zaakId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, number | null, string];
    if (typeof gewicht === 'number' && (termijn === null || typeof termijn === 'number') && typeof zaakId === 'string') {
      return [gewicht, termijn ?? Number.POSITIVE_INFINITY, zaakId];
    }
  } catch {
    // falls through to the refusal below
  }
  throw new OngeldigeCursor('onbekende cursor');
}

function schrijfCursor([gewicht, termijn, zaakId]: Positie): string {
  return Buffer.from(JSON.stringify([gewicht, Number.isFinite(termijn) ? termijn : null, zaakId])).toString('base64url');
}

/** Index of the first case after `vanaf` with a lighter weight than `gewicht` (binary search; the list is sorted). */
function eersteNa(lijst: Regel[], gewicht: number, vanaf: number): number {
  let laag = vanaf;
  let hoog = lijst.length;
  while (laag < hoog) {
    const midden = (laag + hoog) >> 1;
    if (lijst[midden]!.pos[0] <= gewicht) laag = midden + 1;
    else hoog = midden;
  }
  return laag;
}

/** A case with its sort position, computed once. */
interface Regel {
  taak: Taak;
  pos: Positie;
}

/** Running cases per phase and per regievoerder. */
export interface Tellingen {
  perFase: Record<string, number>;
  perRegievoerder: Record<string, number>;
}

const GEEN_FASE = 'onbekend';
const GEEN_REGIEVOERDER = 'geen regievoerder';

/** Adds `delta` to a count, dropping counts that reach zero. */
function tel(aantallen: Map<string, number>, sleutel: string, delta: number): void {
  const nieuw = (aantallen.get(sleutel) ?? 0) + delta;
  if (nieuw === 0) aantallen.delete(sleutel);
  else aantallen.set(sleutel, nieuw);
}

const gesorteerdObject = (aantallen: Map<string, number>) =>
  Object.fromEntries([...aantallen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

interface Team {
  lijst: Regel[];
  gesorteerd: boolean;
  perFase: Map<string, number>;
  perRegievoerder: Map<string, number>;
}

/**
 * The read model of every running case, per team, kept in memory in urgency order. Werkvoorraad
 * pages (the cases with open tasks) and the teamleider's overzicht are served from here, not from
 * visibility (which cannot sort by our search attributes on the SQLite dev server, and lists
 * 10,000 cases in tens of seconds). Counts per phase and regievoerder are kept up to date on
 * every change, so the overzicht never walks the whole team.
 */
export class Werkvoorraadindex {
  private readonly zaken = new Map<string, Regel>();
  private readonly teams = new Map<string, Team>();

  /** Running cases, with or without open tasks. */
  get aantal(): number {
    return this.zaken.size;
  }

  /** Records the case's current state. */
  zet(taak: Taak): void {
    this.verwijder(taak.zaakId);
    const regel = { taak, pos: positie(taak) };
    this.zaken.set(taak.zaakId, regel);
    let team = this.teams.get(taak.buurtteam);
    if (!team) {
      team = { lijst: [], gesorteerd: true, perFase: new Map(), perRegievoerder: new Map() };
      this.teams.set(taak.buurtteam, team);
    }
    team.lijst.push(regel);
    team.gesorteerd = false;
    tel(team.perFase, taak.fase ?? GEEN_FASE, 1);
    tel(team.perRegievoerder, taak.regievoerder ?? GEEN_REGIEVOERDER, 1);
  }

  verwijder(zaakId: string): void {
    const oud = this.zaken.get(zaakId);
    if (!oud) return;
    this.zaken.delete(zaakId);
    const team = this.teams.get(oud.taak.buurtteam)!;
    team.lijst.splice(team.lijst.indexOf(oud), 1);
    tel(team.perFase, oud.taak.fase ?? GEEN_FASE, -1);
    tel(team.perRegievoerder, oud.taak.regievoerder ?? GEEN_REGIEVOERDER, -1);
  }

  tellingen(buurtteam: string): Tellingen {
    const team = this.teams.get(buurtteam);
    return {
      perFase: gesorteerdObject(team?.perFase ?? new Map()),
      perRegievoerder: gesorteerdObject(team?.perRegievoerder ?? new Map()),
    };
  }

  /**
   * The team's running cases whose term ends before `grens`, most urgent first. The list is in
   * term order within each weight, so this walks only those cases and jumps over the rest of each
   * weight (a handful of weights: 0, a few more signals, crisis).
   */
  termijnenVoor(buurtteam: string, grens: Date): Taak[] {
    const tot = grens.getTime();
    const lijst = this.gesorteerd(buurtteam);
    const uitkomst: Regel[] = [];
    for (let i = 0; i < lijst.length;) {
      const { pos } = lijst[i]!;
      if (pos[1] < tot) {
        uitkomst.push(lijst[i]!);
        i++;
      } else {
        i = eersteNa(lijst, pos[0], i);
      }
    }
    return uitkomst.map((r) => r.taak).sort(termijnEerst);
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
      if (taak.openTaken.length === 0) continue;
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
