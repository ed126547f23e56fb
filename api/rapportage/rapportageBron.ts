import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { amsterdamDatum, amsterdamMiddernacht } from '../../common/kalender';
import { metParallel } from '../../common/metParallel';
import { BIJGEWERKT, FASE } from '../../common/searchAttributes';
import { trajectVanTermijnWorkflow } from '../../common/workflowIds';
import { trajectFeiten, type Periode, type TrajectFeiten } from '../../common/monitoring';
import { klachtenStatusQuery, meldingStatusQuery, trajectStatusQuery } from '../../workflows/messages';
import type { BeschikkingTermijnResultaat, Klacht, KlachtenStatus, MeldingResultaat, TrajectStatus } from '../../workflows/types';
import { kengetallenUitResultaat, kengetallenUitStatus, type MeldingKengetallen } from './meldingKengetallen';

export type { Periode };

export interface AfgegevenBeschikking {
  trajectId: string;
  datum: string;
  overschreden: boolean;
}

export interface Rapportagebron {
  meldingen: MeldingKengetallen[];
  /** Trajecten aangemeld in the period, by their phase now. */
  trajectenPerFase: Record<string, number>;
  /** Adviezen (informatie en advies) started in the period, by outcome (`lopend` while open). */
  adviezenPerUitkomst: Record<string, number>;
  beschikkingen: AfgegevenBeschikking[];
  /** Every traject open at some time since the period began: its steps, closing and uitstroomkenmerk. */
  trajecten: TrajectFeiten[];
  /** The team's complaints of every registration open at some time since the period began. */
  klachten: Klacht[];
}

/** Calls to Temporal at a time: enough to hide round trips, few enough to leave the server to the teams. */
const GELIJKTIJDIG = 16;

const inPeriode = (datum: string | undefined, p: Periode) => datum !== undefined && datum >= p.van && datum <= p.tot;

/**
 * The latest run of every case of `workflowType` started since the period began (a case that
 * began in the period cannot have started before it; continued runs have a later start and stand
 * for their case). The team goes into the query: it must already be validated as a keyword slug.
 */
async function zakenSinds(client: Client, workflowType: string, team: string | undefined, p: Periode): Promise<WorkflowExecutionInfo[]> {
  const teamFilter = team ? ` AND Buurtteam = '${team}'` : '';
  const query = `WorkflowType = '${workflowType}'${teamFilter} AND StartTime >= '${amsterdamMiddernacht(p.van).toISOString()}'`;
  const laatste = new Map<string, WorkflowExecutionInfo>();
  for await (const wf of client.workflow.list({ query, pageSize: 1000 })) {
    if (wf.status.name === 'CONTINUED_AS_NEW') continue;
    laatste.set(wf.workflowId, wf);
  }
  return [...laatste.values()];
}

/**
 * The latest run of every case of `workflowType` running now or closed since the period began:
 * all a figure about something that happened in the period, or is open at its end, can stem from.
 */
async function openOfGeslotenSinds(client: Client, workflowType: string, team: string, p: Periode): Promise<WorkflowExecutionInfo[]> {
  const query =
    `WorkflowType = '${workflowType}' AND Buurtteam = '${team}' ` +
    `AND (ExecutionStatus = 'Running' OR CloseTime >= '${amsterdamMiddernacht(p.van).toISOString()}')`;
  const laatste = new Map<string, WorkflowExecutionInfo>();
  for await (const wf of client.workflow.list({ query, pageSize: 1000 })) {
    if (wf.status.name !== 'CONTINUED_AS_NEW') laatste.set(wf.workflowId, wf);
  }
  return [...laatste.values()];
}

/** The date the case is counted under: the memo's melddatum or aanmelddatum, else the day it started. */
function zaakDatum(wf: WorkflowExecutionInfo, memoVeld: 'meldDatum' | 'aanmeldDatum' | 'startDatum'): string {
  const uitMemo = wf.memo?.[memoVeld];
  return typeof uitMemo === 'string' ? uitMemo : amsterdamDatum(wf.startTime);
}

/** Meldingen with their melddatum in the period: their ids and melddatum, from visibility. */
export async function meldingenInPeriode(client: Client, team: string | undefined, p: Periode): Promise<WorkflowExecutionInfo[]> {
  return (await zakenSinds(client, 'vroegEropaf', team, p)).filter((wf) => inPeriode(zaakDatum(wf, 'meldDatum'), p));
}

/** Cases whose facts are kept at most; beyond that the oldest entries make room (read again when asked). */
const MAX_BEWAARD = 200_000;

type Feiten = MeldingKengetallen | AfgegevenBeschikking | TrajectFeiten | null;

/**
 * Reads the figures' facts from Temporal, and keeps them (non-personal, a few fields each) as long
 * as they hold: a closed case's facts never change; an open melding's hold until its `Bijgewerkt`
 * search attribute moves (every visit, contact attempt, step, closing, hand-over or signal taken up
 * sets it). So a report pays only for the cases that changed since the last one.
 */
export class Rapportagelezer {
  /** Per workflow id: the run and `Bijgewerkt` (or `gesloten`) the facts were read at. */
  private readonly bewaard = new Map<string, { stempel: string; feiten: Feiten }>();

  constructor(private readonly client: Client) {}

  private async bewaar<T extends Feiten>(wf: WorkflowExecutionInfo, stempel: string | undefined, lees: () => Promise<T>): Promise<T> {
    const eerder = this.bewaard.get(wf.workflowId);
    if (stempel && eerder?.stempel === stempel) return eerder.feiten as T;
    const feiten = await lees();
    if (!stempel) return feiten;
    this.bewaard.delete(wf.workflowId);
    if (this.bewaard.size >= MAX_BEWAARD) this.bewaard.delete(this.bewaard.keys().next().value!);
    this.bewaard.set(wf.workflowId, { stempel, feiten });
    return feiten;
  }

  /** What the facts of a case were read at: closed for good, or open as of its last change (runs started before `Bijgewerkt` have none). */
  private static stempel(wf: WorkflowExecutionInfo): string | undefined {
    if (wf.status.name !== 'RUNNING') return `${wf.runId}/gesloten`;
    const bijgewerkt = wf.typedSearchAttributes.get(BIJGEWERKT);
    return bijgewerkt ? `${wf.runId}/${bijgewerkt.toISOString()}` : undefined;
  }

  /**
   * Open meldingen answer their status query (a cached workflow on the worker); closed ones give
   * their final result, which the server reads from the closing event without a replay.
   */
  private melding(wf: WorkflowExecutionInfo): Promise<MeldingKengetallen> {
    const handle = this.client.workflow.getHandle(wf.workflowId);
    const meldDatum = zaakDatum(wf, 'meldDatum');
    return this.bewaar(wf, Rapportagelezer.stempel(wf), async () => {
      if (wf.status.name === 'RUNNING') return kengetallenUitStatus(await handle.query(meldingStatusQuery), true);
      if (wf.status.name === 'COMPLETED')
        return kengetallenUitResultaat(wf.workflowId, meldDatum, (await handle.result()) as MeldingResultaat);
      // Terminated or failed: nothing to say about it but that it came in.
      return { meldingId: wf.workflowId, meldDatum, open: false, signalen: 1 };
    });
  }

  private async beschikkingen(team: string, p: Periode): Promise<AfgegevenBeschikking[]> {
    // A beschikking is registered on or after its date, so its term closed after the period began.
    const query =
      `WorkflowType = 'beschikkingTermijn' AND Buurtteam = '${team}' AND ExecutionStatus = 'Completed' ` +
      `AND CloseTime >= '${amsterdamMiddernacht(p.van).toISOString()}'`;
    const termijnen: WorkflowExecutionInfo[] = [];
    for await (const wf of this.client.workflow.list({ query, pageSize: 1000 })) termijnen.push(wf);
    const afgegeven: AfgegevenBeschikking[] = [];
    await metParallel(termijnen.length, GELIJKTIJDIG, async (i) => {
      const wf = termijnen[i]!;
      const b = await this.bewaar(wf, Rapportagelezer.stempel(wf), async () => {
        const r = (await this.client.workflow.getHandle(wf.workflowId).result()) as BeschikkingTermijnResultaat;
        if (r.uitkomst !== 'afgegeven') return null;
        return {
          trajectId: trajectVanTermijnWorkflow(wf.workflowId) ?? wf.workflowId,
          datum: r.beschikking.datum,
          overschreden: r.overschreden,
        };
      });
      if (b && inPeriode(b.datum, p)) afgegeven.push(b);
    });
    return afgegeven.sort((a, b) => a.trajectId.localeCompare(b.trajectId));
  }

  private async trajectenPerFase(team: string, p: Periode): Promise<Record<string, number>> {
    const aantallen: Record<string, number> = {};
    for (const wf of await zakenSinds(this.client, 'schuldhulpTraject', team, p)) {
      if (!inPeriode(zaakDatum(wf, 'aanmeldDatum'), p)) continue;
      const fase = wf.typedSearchAttributes.get(FASE) ?? 'onbekend';
      aantallen[fase] = (aantallen[fase] ?? 0) + 1;
    }
    return aantallen;
  }

  /** From visibility alone: an advies's Fase names its outcome once closed (`advies-afgerond`, …). */
  private async adviezenPerUitkomst(team: string, p: Periode): Promise<Record<string, number>> {
    const aantallen: Record<string, number> = {};
    for (const wf of await zakenSinds(this.client, 'informatieAdvies', team, p)) {
      if (!inPeriode(zaakDatum(wf, 'startDatum'), p)) continue;
      const uitkomst = (wf.typedSearchAttributes.get(FASE) ?? 'onbekend').replace(/^advies-/, '');
      aantallen[uitkomst] = (aantallen[uitkomst] ?? 0) + 1;
    }
    return aantallen;
  }

  /**
   * A traject's steps: an open one answers its status query, a closed one gives its final status
   * (read from the closing event). A terminated or failed one: only that it came and went.
   */
  private async trajecten(team: string, p: Periode): Promise<TrajectFeiten[]> {
    const zaken = await openOfGeslotenSinds(this.client, 'schuldhulpTraject', team, p);
    const feiten: TrajectFeiten[] = new Array(zaken.length);
    await metParallel(zaken.length, GELIJKTIJDIG, async (i) => {
      const wf = zaken[i]!;
      const handle = this.client.workflow.getHandle(wf.workflowId);
      feiten[i] = await this.bewaar(wf, Rapportagelezer.stempel(wf), async () => {
        if (wf.status.name === 'RUNNING') return trajectFeiten(await handle.query(trajectStatusQuery));
        if (wf.status.name === 'COMPLETED') return trajectFeiten((await handle.result()) as TrajectStatus);
        return {
          trajectId: wf.workflowId,
          aanmeldDatum: zaakDatum(wf, 'aanmeldDatum'),
          gesloten: amsterdamDatum(wf.closeTime ?? wf.startTime),
        };
      });
    });
    return feiten.sort((a, b) => a.trajectId.localeCompare(b.trajectId));
  }

  /** Complaints change only through their registration's updates; read each time (a few per team and year). */
  private async klachten(team: string, p: Periode): Promise<Klacht[]> {
    const registraties = await openOfGeslotenSinds(this.client, 'klachtenregistratie', team, p);
    const perJaar = await Promise.all(
      registraties.map(async (wf) => {
        const handle = this.client.workflow.getHandle(wf.workflowId);
        if (wf.status.name === 'RUNNING') return (await handle.query(klachtenStatusQuery)).klachten;
        return wf.status.name === 'COMPLETED' ? ((await handle.result()) as KlachtenStatus).klachten : [];
      }),
    );
    return perJaar.flat();
  }

  /** Everything the figures of one team and period are computed from; no personal data. */
  async lees(team: string, p: Periode): Promise<Rapportagebron> {
    const [meldingZaken, perFase, adviezen, afgegeven, trajecten, klachten] = await Promise.all([
      meldingenInPeriode(this.client, team, p),
      this.trajectenPerFase(team, p),
      this.adviezenPerUitkomst(team, p),
      this.beschikkingen(team, p),
      this.trajecten(team, p),
      this.klachten(team, p),
    ]);
    const meldingen: MeldingKengetallen[] = new Array(meldingZaken.length);
    await metParallel(meldingZaken.length, GELIJKTIJDIG, async (i) => {
      meldingen[i] = await this.melding(meldingZaken[i]!);
    });
    return { meldingen, trajectenPerFase: perFase, adviezenPerUitkomst: adviezen, beschikkingen: afgegeven, trajecten, klachten };
  }
}
