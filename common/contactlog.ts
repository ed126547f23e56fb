import type { ALLE_CONTACT_UITKOMSTEN, CONTACT_SOORTEN } from './begrippen';

/**
 * The contactlog's rules, once: the traject workflow (intake norms, werkvoorraad task), the API and
 * the web app read them. Werkkader §2.8.5 (Mehmet): after a missed appointment and vain contact the
 * team goes to the person; while that outreach runs, Amsterdam's intake norms wait for it.
 */

export type ContactSoort = (typeof CONTACT_SOORTEN)[number];
export type ContactUitkomst = (typeof ALLE_CONTACT_UITKOMSTEN)[number];

/** One contact as the contactlog keeps it; `tijdstip` is an ISO instant. */
export interface LogContact {
  soort: ContactSoort;
  tijdstip: string;
  uitkomst: ContactUitkomst;
}

/** The person did not come to an appointment. */
export function isNoShow(c: LogContact): boolean {
  return c.soort === 'afspraak' && c.uitkomst === 'niet-verschenen';
}

/** The team spoke with the person: an appointment kept, or a call or visit that reached them. */
export function isBereikt(c: LogContact): boolean {
  return c.uitkomst === 'nagekomen' || c.uitkomst === 'bereikt';
}

const opTijd = (a: LogContact, b: LogContact) => (a.tijdstip < b.tijdstip ? -1 : a.tijdstip > b.tijdstip ? 1 : 0);

/** The latest no-show and the contacts after it, in time order. */
function naLaatsteNoShow(contacten: readonly LogContact[]): { noShow?: LogContact; daarna: LogContact[] } {
  const lijst = [...contacten].sort(opTijd);
  for (let i = lijst.length - 1; i >= 0; i--) if (isNoShow(lijst[i]!)) return { noShow: lijst[i], daarna: lijst.slice(i + 1) };
  return { daarna: [] };
}

/** Outreach after a no-show: since the latest no-show nobody reached the person. */
export interface Outreach {
  /** The latest no-show. */
  sinds: string;
  /** Calls, visits, letters and e-mails since then. */
  pogingen: number;
}

/** The outreach under way, or undefined when there is no no-show or the person was reached after it. */
export function outreachNaNoShow(contacten: readonly LogContact[]): Outreach | undefined {
  const { noShow, daarna } = naLaatsteNoShow(contacten);
  if (!noShow || daarna.some(isBereikt)) return undefined;
  return { sinds: noShow.tijdstip, pogingen: daarna.filter((c) => c.soort !== 'afspraak').length };
}

/** When the team reached the person again after their latest no-show, if it did. */
export function bereiktNaNoShow(contacten: readonly LogContact[]): string | undefined {
  return naLaatsteNoShow(contacten).daarna.find(isBereikt)?.tijdstip;
}

/** A no-show followed by at least one outreach attempt is on record (the legal term's alert says so). */
export function noShowMetOutreach(contacten: readonly LogContact[]): boolean {
  const lijst = [...contacten].sort(opTijd);
  const eerste = lijst.findIndex(isNoShow);
  return eerste >= 0 && lijst.slice(eerste + 1).some((c) => c.soort !== 'afspraak');
}
