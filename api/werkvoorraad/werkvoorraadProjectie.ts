import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { logJson } from '../../common/jsonLog';
import { BIJGEWERKT, BUURTTEAM, FASE, OPEN_TAAK, PRIORITEIT, REGIEVOERDER, STORING, TERMIJN_DATUM } from '../../common/searchAttributes';
import { termijnEerst } from '../../common/werkvoorraadVolgorde';
import { Werkvoorraadindex, type Taak } from './werkvoorraad';
import { trajectVanTermijnWorkflow } from '../../common/workflowIds';

/** A case with deliveries its receiver refused and that it keeps retrying. */
export interface GeweigerdeLevering {
  zaakId: string;
  fase?: string;
  regievoerder?: string;
  termijnDatum?: string;
  /** Kinds of delivery refused (notificatie, registratie). */
  storing: string[];
}

export interface ProjectieOpties {
  /** Time between two quick polls of visibility. */
  intervalMs?: number;
  /**
   * How far a quick poll looks back before the previous poll started: `Bijgewerkt` is the
   * workflow task's time, which becomes visible a little later (task in flight, visibility lag).
   */
  snelOverlapMs?: number;
  /** Time between two sweeps: polls that look back further, for changes that became visible late. */
  vangnetIntervalMs?: number;
  /** How far a sweep looks back before the previous sweep started (slow task, visibility lag under load). */
  overlapMs?: number;
  /**
   * Pages are refused (503) when the last poll failed, or when the last successful one is older
   * than this (a poll of a large namespace on the SQLite dev server can take seconds under load).
   */
  maxOuderdomMs?: number;
  /**
   * Time between two reads of the cases with refused deliveries: `Storing` changes without
   * `Bijgewerkt`, so they are read apart, for all teams at once, less often than the rest.
   */
  storingIntervalMs?: number;
}

/** Only these case workflows have a werkvoorraad; the term child and the person lock do not. */
const ZAAKTYPEN = `WorkflowType IN ('vroegEropaf', 'schuldhulpTraject', 'informatieAdvies')`;

/**
 * Keeps the werkvoorraad read model in step with the cases. On start it reads every running case
 * from visibility; then it polls for cases whose search attributes changed (`Bijgewerkt`, upserted
 * by the workflows with every change) or that closed. The index lives in memory and is rebuilt on
 * every start, so a restart can never leave it wrong.
 */
export class WerkvoorraadProjectie {
  readonly index = new Werkvoorraadindex();
  private readonly intervalMs: number;
  private readonly snelOverlapMs: number;
  private readonly vangnetIntervalMs: number;
  private readonly overlapMs: number;
  private readonly maxOuderdomMs: number;
  private readonly storingIntervalMs: number;
  private laatsteStoringPeiling = 0;
  private geweigerd = new Map<string, GeweigerdeLevering[]>();
  /** Start of the last successful poll and of the last successful sweep (the first build counts as both). */
  private vorigePeiling?: number;
  private vorigeVangnet?: number;
  private laatstGelukt = 0;
  private laatsteMislukt = false;
  private gestopt = false;
  private timer?: NodeJS.Timeout;
  private lopend?: Promise<void>;

  constructor(
    private readonly client: Client,
    opties: ProjectieOpties = {},
  ) {
    this.intervalMs = opties.intervalMs ?? 1000;
    this.snelOverlapMs = opties.snelOverlapMs ?? 3_000;
    this.vangnetIntervalMs = opties.vangnetIntervalMs ?? 10_000;
    this.overlapMs = opties.overlapMs ?? 15_000;
    this.maxOuderdomMs = opties.maxOuderdomMs ?? 60_000;
    this.storingIntervalMs = opties.storingIntervalMs ?? 15_000;
  }

  /** The team's cases with refused deliveries as of the last read (at most `storingIntervalMs` old), most urgent term first. */
  geweigerdeLeveringen(buurtteam: string): GeweigerdeLevering[] {
    return this.geweigerd.get(buurtteam) ?? [];
  }

  /** True once built, as long as visibility answers. */
  get actueel(): boolean {
    return this.vorigePeiling !== undefined && !this.laatsteMislukt && Date.now() - this.laatstGelukt <= this.maxOuderdomMs;
  }

  /** Starts polling; the first poll builds the index from all running cases. */
  start(): void {
    this.plan(0);
  }

  /** Resolves after the first build; for the service's start-up log and for tests. */
  async gereed(timeoutMs = 120_000): Promise<void> {
    const tot = Date.now() + timeoutMs;
    while (!this.actueel) {
      if (Date.now() > tot) throw new Error('werkvoorraad: opbouw duurt te lang');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    this.gestopt = true;
    clearTimeout(this.timer);
    await this.lopend;
  }

  private plan(na: number): void {
    if (this.gestopt) return;
    this.timer = setTimeout(() => {
      this.lopend = this.ronde().finally(() => this.plan(this.intervalMs));
    }, na);
  }

  private async ronde(): Promise<void> {
    const begin = Date.now();
    try {
      // Every poll reads what changed since shortly before the previous one; a change that took
      // longer to become visible is read by the next sweep. Looking back the sweep's overlap on
      // every poll would read each change many times over.
      const vangnet = this.vorigeVangnet === undefined || begin - this.vorigeVangnet >= this.vangnetIntervalMs;
      if (this.vorigePeiling === undefined || this.vorigeVangnet === undefined) await this.bouwOp();
      else if (vangnet) await this.werkBij(new Date(this.vorigeVangnet - this.overlapMs));
      else await this.werkBij(new Date(this.vorigePeiling - this.snelOverlapMs));
      if (begin - this.laatsteStoringPeiling >= this.storingIntervalMs) {
        await this.leesStoringen();
        this.laatsteStoringPeiling = begin;
      }
      this.vorigePeiling = begin;
      if (vangnet) this.vorigeVangnet = begin;
      this.laatstGelukt = Date.now();
      this.laatsteMislukt = false;
    } catch (fout) {
      this.laatsteMislukt = true;
      logJson('WARN', 'werkvoorraad: visibility niet bereikbaar', { fout: fout instanceof Error ? fout.message : String(fout) });
    }
  }

  private async bouwOp(): Promise<void> {
    this.index.leeg();
    for await (const wf of this.client.workflow.list({ query: `${ZAAKTYPEN} AND ExecutionStatus = 'Running'`, pageSize: 1000 })) {
      this.index.zet(taakVan(wf));
    }
  }

  private async werkBij(sinds: Date): Promise<void> {
    const t = sinds.toISOString();
    // SQL visibility matches `CloseTime >= t` for running workflows too (their close time is
    // stored as the maximum date), so without the status condition every poll lists every open case.
    const query = `${ZAAKTYPEN} AND (${BIJGEWERKT.name} >= '${t}' OR (ExecutionStatus != 'Running' AND CloseTime >= '${t}'))`;
    const runs: Run[] = [];
    for await (const wf of this.client.workflow.list({ query, pageSize: 1000 })) {
      if (wf.status.name === 'RUNNING') this.index.zet(taakVan(wf));
      runs.push({ workflowId: wf.workflowId, status: wf.status.name });
    }
    for (const id of afgeslotenZaken(runs)) this.index.verwijder(id);
  }

  /** Few cases, one query for all teams. */
  private async leesStoringen(): Promise<void> {
    const rijen: StoringRij[] = [];
    for await (const wf of this.client.workflow.list({ query: `ExecutionStatus = 'Running' AND ${STORING.name} IS NOT NULL` })) {
      const a = wf.typedSearchAttributes;
      const buurtteam = a.get(BUURTTEAM);
      if (!buurtteam) continue;
      rijen.push({
        workflowId: wf.workflowId,
        buurtteam,
        fase: a.get(FASE),
        regievoerder: a.get(REGIEVOERDER),
        termijnDatum: a.get(TERMIJN_DATUM)?.toISOString(),
        storing: a.get(STORING) ?? [],
      });
    }
    this.geweigerd = geweigerdPerTeam(rijen);
  }
}

/** A running workflow with refused deliveries, as visibility lists it. */
export interface StoringRij extends Omit<GeweigerdeLevering, 'zaakId'> {
  workflowId: string;
  buurtteam: string;
}

/**
 * One line per case and team, in the werkvoorraad's order. Any running workflow counts, the term
 * child included: it delivers the term's alerts, and its refusal belongs to its traject, which the
 * teamleider opens; a traject and its term child both refused make one line, with the traject's
 * facts and both kinds.
 */
export function geweigerdPerTeam(rijen: StoringRij[]): Map<string, GeweigerdeLevering[]> {
  const perTeam = new Map<string, Map<string, GeweigerdeLevering>>();
  for (const { workflowId, buurtteam, ...rij } of rijen) {
    const zaakId = trajectVanTermijnWorkflow(workflowId) ?? workflowId;
    const regels = perTeam.get(buurtteam) ?? new Map<string, GeweigerdeLevering>();
    perTeam.set(buurtteam, regels);
    const eigen: GeweigerdeLevering = { zaakId, ...rij };
    const eerder = regels.get(zaakId);
    const vanTraject = zaakId === workflowId;
    regels.set(
      zaakId,
      eerder ? { ...(vanTraject ? eigen : eerder), storing: [...new Set([...eerder.storing, ...eigen.storing])].sort() } : eigen,
    );
  }
  return new Map([...perTeam].map(([team, regels]) => [team, [...regels.values()].sort(termijnEerst)]));
}

type Run = { workflowId: string; status: WorkflowExecutionInfo['status']['name'] };

/**
 * The cases a poll's runs close. A run that continued as new leaves its case open in the next
 * run; a running run wins over a closed one of the same case (e.g. after an operator's reset),
 * whatever the order in which visibility lists them.
 */
export function afgeslotenZaken(runs: Run[]): string[] {
  const lopend = new Set(runs.filter((r) => r.status === 'RUNNING').map((r) => r.workflowId));
  const gesloten = runs.filter((r) => r.status !== 'RUNNING' && r.status !== 'CONTINUED_AS_NEW').map((r) => r.workflowId);
  return [...new Set(gesloten)].filter((id) => !lopend.has(id));
}

function taakVan(wf: WorkflowExecutionInfo): Taak {
  const attrs = wf.typedSearchAttributes;
  return {
    zaakId: wf.workflowId,
    soort: wf.type,
    buurtteam: attrs.get(BUURTTEAM) ?? '',
    fase: attrs.get(FASE),
    openTaken: attrs.get(OPEN_TAAK) ?? [],
    termijnDatum: attrs.get(TERMIJN_DATUM)?.toISOString(),
    regievoerder: attrs.get(REGIEVOERDER),
    prioriteit: attrs.get(PRIORITEIT),
    bijgewerkt: attrs.get(BIJGEWERKT)?.toISOString(),
  };
}
