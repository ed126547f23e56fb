/**
 * The one order of the werkvoorraad and of every list a teamleider reads from it: the heaviest case
 * first (crisis signals, then households with more signals: the Prioriteit weight), then the most
 * urgent term, cases without a term last, ties by id so that the order is total (paging cursors
 * rely on that).
 */
export interface Urgentie {
  zaakId: string;
  termijnDatum?: string;
  prioriteit?: number;
}

export type Positie = [gewicht: number, termijn: number, zaakId: string];

export function positie(z: Urgentie): Positie {
  return [-(z.prioriteit ?? 0), z.termijnDatum ? Date.parse(z.termijnDatum) : Number.POSITIVE_INFINITY, z.zaakId];
}

export function vergelijkPositie([ga, ta, ia]: Positie, [gb, tb, ib]: Positie): number {
  if (ga !== gb) return ga < gb ? -1 : 1;
  if (ta !== tb) return ta < tb ? -1 : 1;
  // Plain code unit order: locale collation (ICU) sorts punctuation such as '~' before digits.
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Comparator for `Array.prototype.sort`. */
export function urgentsteEerst(a: Urgentie, b: Urgentie): number {
  return vergelijkPositie(positie(a), positie(b));
}

/** The same order by term alone, whatever the weight (the overzicht's term lists). */
export function termijnEerst(a: Urgentie, b: Urgentie): number {
  return urgentsteEerst({ ...a, prioriteit: 0 }, { ...b, prioriteit: 0 });
}
