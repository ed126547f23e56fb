import type { Melding } from './schemas';

/**
 * Who sent a signal about which arrears: creditor and referentie, normalised. Creditors write the
 * same referentie in different ways: case, spaces and dashes do not count. Two signals with the
 * same source are the same melding again (DDAS: herhaalde melding when the arrears did not grow).
 */
export function signaalBron(m: Pick<Melding, 'schuldeiser' | 'referentie'>): string {
  const referentie = m.referentie.toLowerCase().replace(/[\s-]+/g, '');
  return `${m.schuldeiser.type}|${m.schuldeiser.naam.trim().toLowerCase()}|${referentie}`;
}
