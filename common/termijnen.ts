import { amsterdamMiddernacht, dagenTussen, eersteWerkdagVanaf, eindeVanDag, plusDagen } from './kalender';

/**
 * The legal terms of a schuldhulp aanvraag, pure and free of Node APIs so workflows and the API
 * compute them alike. Every term that ends on a weekend or holiday runs to the next werkdag
 * (Algemene termijnenwet art. 1) and is breached once the end of that day has passed.
 */

/** What starts the 8-week beschikking term: the aanmelding, or the first conversation where a verordening says so. */
export const TERMIJN_STARTS = ['aanmelding', 'eerste-gesprek'] as const;
export type TermijnStart = (typeof TERMIJN_STARTS)[number];

/** Awb 4:15: the term stands still from the day after the client is asked to supply documents until they are supplied. */
export interface Opschorting {
  soort: 'opschorting';
  /** Day the client was asked to complete the aanvraag. */
  vanaf: string;
  /** Day the documents came in; absent while the term is suspended. */
  tot?: string;
}

/** Awb 4:14: the term is extended once, with a reason, to a new date the client is told. */
export interface Verdaging {
  soort: 'verdaging';
  nieuweEinddatum: string;
  reden: string;
  /** Day the verdaging was registered (and the client is to be informed). */
  datum: string;
}

export type Termijnwijziging = Opschorting | Verdaging;

/** Everything that decides the beschikking term; shared by the traject and its term child. */
export interface TermijnVerloop {
  start: TermijnStart;
  /** Absent until the first conversation when the term starts there. */
  startDatum?: string;
  /** In the order they were registered: an opschorting after a verdaging moves the new date too. */
  wijzigingen: Termijnwijziging[];
}

export interface Termijn {
  /** Last day of the term, after the Algemene termijnenwet. */
  einddatum: string;
  /** Instant the term is breached: the end of `einddatum` in Amsterdam. */
  verloopt: string;
  /** Last day before the Algemene termijnenwet moved it; warnings count back from here. */
  kaleEinddatum: string;
  /** Set while an opschorting runs; the end date then moves on every day it lasts. */
  opgeschortSinds?: string;
}

function metTermijnenwet(kaleEinddatum: string): Termijn {
  const einddatum = eersteWerkdagVanaf(kaleEinddatum);
  return { einddatum, verloopt: eindeVanDag(einddatum).toISOString(), kaleEinddatum };
}

/** A term of `dagen` days after `datum`, ending at the end of the last day (moved to a werkdag). */
export function termijnNa(datum: string, dagen: number): Termijn {
  return metTermijnenwet(plusDagen(datum, dagen));
}

export const BESCHIKKING_TERMIJN_WEKEN = 8;

/**
 * The term's course as it may leave the case (registration system): a verdaging's reason is free
 * text staff typed for the letter to the client (Awb 4:14), so only the fact and the dates go.
 */
export function verloopZonderReden(v: TermijnVerloop): Omit<TermijnVerloop, 'wijzigingen'> & {
  wijzigingen: (Opschorting | Omit<Verdaging, 'reden'>)[];
} {
  return {
    ...v,
    wijzigingen: v.wijzigingen.map((w) =>
      w.soort === 'verdaging' ? { soort: w.soort, nieuweEinddatum: w.nieuweEinddatum, datum: w.datum } : w,
    ),
  };
}

/** The beschikking term counted from the aanmelding, without opschorting or verdaging. */
export function beschikkingsTermijn(aanmeldDatum: string): { einddatum: string; verloopt: string } {
  const { einddatum, verloopt } = termijnNa(aanmeldDatum, BESCHIKKING_TERMIJN_WEKEN * 7);
  return { einddatum, verloopt };
}

/**
 * The beschikking term (Awb 4:13: 8 weeks) with its opschortingen and verdaging applied in
 * registration order. Undefined while the term has not started. During an open opschorting the
 * end date shown leaves out the days suspended so far.
 */
export function beschikkingstermijnVan(verloop: TermijnVerloop): Termijn | undefined {
  if (!verloop.startDatum) return undefined;
  let eind = plusDagen(verloop.startDatum, BESCHIKKING_TERMIJN_WEKEN * 7);
  let opgeschortSinds: string | undefined;
  for (const w of verloop.wijzigingen) {
    if (w.soort === 'verdaging') eind = w.nieuweEinddatum;
    else if (w.tot) eind = plusDagen(eind, dagenTussen(w.vanaf, w.tot));
    else opgeschortSinds = w.vanaf;
  }
  return { ...metTermijnenwet(eind), ...(opgeschortSinds ? { opgeschortSinds } : {}) };
}

/**
 * When the teamleider is warned `weken` weeks into the beschikking term: at the start of that day in
 * Amsterdam, counted back from the end before the Algemene termijnenwet, so week 6 stays week 6 of
 * an unchanged term (and a day with a clock change in between still counts as one day).
 */
export function waarschuwingsmoment(termijn: Termijn, weken: number): Date {
  return amsterdamMiddernacht(plusDagen(termijn.kaleEinddatum, (weken - BESCHIKKING_TERMIJN_WEKEN) * 7));
}

/** Wgs art. 4(1): the first conversation within 4 weeks after the aanmelding. */
export const EERSTE_GESPREK_WEKEN = 4;
export function eersteGesprekTermijn(aanmeldDatum: string): Termijn {
  return termijnNa(aanmeldDatum, EERSTE_GESPREK_WEKEN * 7);
}

/** Awb 6:7 and 6:8: bezwaar within 6 weeks, from the day after the beschikking was made known. */
export const BEZWAAR_WEKEN = 6;
export function bezwaartermijn(bekendgemaakt: string): Termijn {
  return termijnNa(bekendgemaakt, BEZWAAR_WEKEN * 7);
}
