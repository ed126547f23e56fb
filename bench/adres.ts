import type { Melding } from '../common/schemas';

/**
 * A client at an address of its own: postcode and huisnummer make the household, so bench
 * meldingen at hashed test addresses would join each other's cases. `reeks` keeps series apart.
 */
export function eigenAdres(reeks: number, n: number): Pick<Melding, 'client'> {
  return { client: { naam: 'B. Bakker', adres: { straat: 'Osdorpplein', huisnummer: String(n + 1), postcode: `${1000 + reeks} BB` } } };
}
