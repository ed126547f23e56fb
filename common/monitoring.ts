import { KLACHT_AARDEN, KLACHT_AFDOENINGEN, UITSTROOM_REDENEN } from './begrippen';
import { amsterdamDatum, dagenTussen } from './kalender';
import type { Klacht, TrajectStatus } from '../workflows/types';

/**
 * The monitoring figures of werkkader ch. 5 ("monitorgegevens"): client flows in, through and out
 * (with uitstroomkenmerk), waiting times, and complaints by aard and afdoening. Pure: the API
 * computes them from facts it reads, the web app shows them with the labels defined here.
 * Days are calendar days, as the Wgs terms (4 weeks to the first conversation, 8 to the beschikking).
 */

export interface Periode {
  /** First day (Amsterdam date, inclusive). */
  van: string;
  /** Last day (inclusive). */
  tot: string;
}

export type UitstroomReden = (typeof UITSTROOM_REDENEN)[number];

/** What the figures need of one traject; no personal data. Dates are Amsterdam dates (JJJJ-MM-DD). */
export interface TrajectFeiten {
  trajectId: string;
  aanmeldDatum: string;
  /** The day each step was reached; absent while it was not. */
  intake?: string;
  ondersteuningsplan?: string;
  beschikking?: string;
  /** The day the traject closed; absent while open. */
  gesloten?: string;
  /** Why it closed; absent for trajecten closed without an uitstroomkenmerk. */
  uitstroomReden?: UitstroomReden;
}

type Stap = 'intake' | 'ondersteuningsplan' | 'beschikking';

/** The steps a client waits for, each after the one before it (werkkader §2.4.6; Wgs art. 4 and 4a). */
export const WACHTSTAPPEN: readonly { stap: Stap; na: 'aanmelding' | Stap; label: string }[] = [
  { stap: 'intake', na: 'aanmelding', label: 'Aanmelding tot intake' },
  { stap: 'ondersteuningsplan', na: 'intake', label: 'Intake tot ondersteuningsplan' },
  { stap: 'beschikking', na: 'ondersteuningsplan', label: 'Ondersteuningsplan tot beschikking' },
];

/** A traject's facts from its status (the open traject's query, or a closed one's result). */
export function trajectFeiten(
  s: Pick<
    TrajectStatus,
    'trajectId' | 'aanmeldDatum' | 'fase' | 'faseHistorie' | 'intake' | 'beschikking' | 'ondersteuningsplan' | 'uitstroom'
  >,
): TrajectFeiten {
  const dag = (moment: string | undefined) => (moment ? amsterdamDatum(new Date(moment)) : undefined);
  const afgesloten = s.fase === 'afgesloten' ? s.faseHistorie.filter((f) => f.fase === 'afgesloten').at(-1) : undefined;
  return {
    trajectId: s.trajectId,
    aanmeldDatum: s.aanmeldDatum,
    intake: dag(s.intake.gehouden),
    ondersteuningsplan: s.ondersteuningsplan?.versies[0]?.vastgesteld,
    beschikking: s.beschikking?.datum,
    gesloten: s.fase === 'afgesloten' ? (s.uitstroom?.datum ?? dag(afgesloten?.vanaf)) : undefined,
    uitstroomReden: s.fase === 'afgesloten' ? s.uitstroom?.reden : undefined,
  };
}

export interface Verdeling {
  aantal: number;
  mediaan: number | null;
  /** 90th percentile (nearest rank): nine in ten took this many days or fewer. */
  p90: number | null;
}

export function mediaan(waarden: number[]): number | null {
  if (waarden.length === 0) return null;
  const s = [...waarden].sort((a, b) => a - b);
  const midden = Math.floor(s.length / 2);
  return s.length % 2 ? s[midden]! : (s[midden - 1]! + s[midden]!) / 2;
}

export function verdeling(dagen: number[]): Verdeling {
  const s = [...dagen].sort((a, b) => a - b);
  return { aantal: s.length, mediaan: mediaan(s), p90: s.length ? s[Math.ceil(0.9 * s.length) - 1]! : null };
}

export interface Wachttijd {
  stap: Stap;
  na: 'aanmelding' | Stap;
  /** Trajecten that reached the step in the period. */
  bereikt: number;
  /** Of these, the ones that reached the step before too: days between the two. */
  dagen: Verdeling;
  /** Of all that reached the step in the period: days since the aanmelding. */
  dagenSindsAanmelding: Verdeling;
  /** Open at the stand: the step before reached, this one not; days they have waited by then. */
  wachtend: Verdeling & { langste: number | null };
}

const inPeriode = (datum: string | undefined, p: Periode): datum is string => datum !== undefined && datum >= p.van && datum <= p.tot;
/** The fact as known on `stand`: a later date did not happen yet by then. */
const op = (datum: string | undefined, stand: string) => (datum !== undefined && datum <= stand ? datum : undefined);
const openOp = (t: TrajectFeiten, stand: string) => t.aanmeldDatum <= stand && op(t.gesloten, stand) === undefined;

/**
 * Waiting times per step. `stand` is the day the waiting ones are counted on: the period's last
 * day, or today when the period runs on.
 */
export function wachttijden(trajecten: TrajectFeiten[], periode: Periode, stand: string): Wachttijd[] {
  const datumVan = (t: TrajectFeiten, stap: 'aanmelding' | Stap) => (stap === 'aanmelding' ? t.aanmeldDatum : t[stap]);
  return WACHTSTAPPEN.map(({ stap, na }) => {
    const bereikt = trajecten.filter((t) => inPeriode(t[stap], periode));
    const dagen = bereikt.flatMap((t) => {
      const vorige = datumVan(t, na);
      return vorige ? [dagenTussen(vorige, t[stap]!)] : [];
    });
    const wachtend = trajecten.flatMap((t) => {
      const vorige = op(datumVan(t, na), stand);
      return openOp(t, stand) && vorige && !op(t[stap], stand) ? [dagenTussen(vorige, stand)] : [];
    });
    return {
      stap,
      na,
      bereikt: bereikt.length,
      dagen: verdeling(dagen),
      dagenSindsAanmelding: verdeling(bereikt.map((t) => dagenTussen(t.aanmeldDatum, t[stap]!))),
      wachtend: { ...verdeling(wachtend), langste: wachtend.length ? Math.max(...wachtend) : null },
    };
  });
}

export interface Stromen {
  /** Aangemeld in the period. */
  instroom: number;
  /** Open at the stand (aangemeld by then, not closed). */
  doorstroom: number;
  /** Closed in the period. */
  uitstroom: number;
  /** Closed in the period, by uitstroomkenmerk (`onbekend`: closed without one). */
  uitstroomPerReden: Record<UitstroomReden | 'onbekend', number>;
  /** The same flows of clients with an ondersteuningsplan (werkkader ch. 5: "van cliënten met een ondersteuningsplan"). */
  metOndersteuningsplan: { instroom: number; doorstroom: number; uitstroom: number };
}

export function stromen(trajecten: TrajectFeiten[], periode: Periode, stand: string): Stromen {
  const instroom = trajecten.filter((t) => inPeriode(t.aanmeldDatum, periode));
  const doorstroom = trajecten.filter((t) => openOp(t, stand));
  const uitstroom = trajecten.filter((t) => inPeriode(t.gesloten, periode));
  const uitstroomPerReden = Object.fromEntries([...UITSTROOM_REDENEN, 'onbekend'].map((r) => [r, 0])) as Stromen['uitstroomPerReden'];
  for (const t of uitstroom) uitstroomPerReden[t.uitstroomReden ?? 'onbekend'] += 1;
  const metPlan = (lijst: TrajectFeiten[]) => lijst.filter((t) => op(t.ondersteuningsplan, stand) !== undefined).length;
  return {
    instroom: instroom.length,
    doorstroom: doorstroom.length,
    uitstroom: uitstroom.length,
    uitstroomPerReden,
    metOndersteuningsplan: { instroom: metPlan(instroom), doorstroom: metPlan(doorstroom), uitstroom: metPlan(uitstroom) },
  };
}

export type KlachtAard = (typeof KLACHT_AARDEN)[number];
export type KlachtAfdoeningswijze = (typeof KLACHT_AFDOENINGEN)[number];

export interface KlachtenCijfers {
  /** Received in the period, by aard. */
  ontvangen: number;
  perAard: Record<KlachtAard, number>;
  /** Settled in the period, by wijze van afdoening. */
  afgedaan: number;
  perAfdoening: Record<KlachtAfdoeningswijze, number>;
  /** Days from receipt to settlement of those settled in the period. */
  doorlooptijd: Verdeling;
  /** Not settled at the stand, oldest first, with their age in days then. */
  open: { klachtId: string; aard: KlachtAard; ontvangen: string; dagenOpen: number }[];
}

const nullen = <T extends string>(codes: readonly T[]) => Object.fromEntries(codes.map((c) => [c, 0])) as Record<T, number>;

export function klachtenCijfers(
  klachten: Pick<Klacht, 'klachtId' | 'aard' | 'ontvangen' | 'afdoening'>[],
  periode: Periode,
  stand: string,
): KlachtenCijfers {
  const ontvangen = klachten.filter((k) => inPeriode(k.ontvangen, periode));
  const afgedaan = klachten.filter((k) => inPeriode(k.afdoening?.datum, periode));
  const perAard = nullen(KLACHT_AARDEN);
  for (const k of ontvangen) perAard[k.aard] += 1;
  const perAfdoening = nullen(KLACHT_AFDOENINGEN);
  for (const k of afgedaan) perAfdoening[k.afdoening!.wijze] += 1;
  const open = klachten
    .filter((k) => k.ontvangen <= stand && op(k.afdoening?.datum, stand) === undefined)
    .map((k) => ({ klachtId: k.klachtId, aard: k.aard, ontvangen: k.ontvangen, dagenOpen: dagenTussen(k.ontvangen, stand) }))
    .sort((a, b) => a.ontvangen.localeCompare(b.ontvangen) || a.klachtId.localeCompare(b.klachtId));
  return {
    ontvangen: ontvangen.length,
    perAard,
    afgedaan: afgedaan.length,
    perAfdoening,
    doorlooptijd: verdeling(afgedaan.map((k) => dagenTussen(k.ontvangen, k.afdoening!.datum))),
    open,
  };
}
