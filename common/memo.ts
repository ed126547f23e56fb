import type { Aanmelding, Advies, Melding } from './schemas';

/**
 * Memos shown to operators in the Temporal UI: a non-sensitive summary only (no BSN, name,
 * address or creditor reference).
 */
export function meldingMemo(m: Pick<Melding, 'schuldeiser' | 'achterstand' | 'meldDatum'>): Record<string, unknown> {
  return { schuldeiserType: m.schuldeiser.type, maandenAchterstand: m.achterstand.maanden, meldDatum: m.meldDatum };
}

export function trajectMemo(a: Pick<Aanmelding, 'aanmeldDatum' | 'crisis'>, vanMelding?: string): Record<string, unknown> {
  return { aanmeldDatum: a.aanmeldDatum, crisis: a.crisis, ...(vanMelding ? { vanMelding } : {}) };
}

export function adviesMemo(a: Pick<Advies, 'startDatum' | 'onderwerpen'>): Record<string, unknown> {
  return { startDatum: a.startDatum, onderwerpen: a.onderwerpen };
}
