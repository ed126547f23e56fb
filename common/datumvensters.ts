import { amsterdamDatum, amsterdamMiddernacht, plusDagen, plusMaanden } from './kalender';

/**
 * How far from today (Amsterdam) a date that enters at the API may lie. A date far outside is a
 * typing error ("0026" for "2026") that would otherwise start a case whose terms and holidays are
 * computed for a year nobody meant; a clear 400 at the field lets the medewerker correct it.
 */
export interface Datumvenster {
  /** Whole years before today that are still plausible. */
  jarenTerug: number;
  /** Whole years after today; 0: today at the latest (something that already happened). */
  jarenVooruit: number;
}

export const DATUMVENSTERS = {
  /**
   * meldDatum and aanmeldDatum: when a signal or an aanmelding came in. It already happened, and it
   * is recent: a signal over a year old is no early signal any more, and the 8-week term of an
   * aanmelding that old has long passed (registering it then is a matter for the teamleider).
   */
  binnenkomst: { jarenTerug: 1, jarenVooruit: 0 },
  /** The date a crisis signal announces (eviction, end of supply, end of insurance): this year, give or take. */
  crisisdatum: { jarenTerug: 1, jarenVooruit: 1 },
  /**
   * What staff record that already happened on a case (visits, contact attempts, intake held). A
   * traject with schuldregeling and stabilisatie runs a few years; nothing on it is older than five.
   */
  gebeurd: { jarenTerug: 5, jarenVooruit: 0 },
  /**
   * Dates of decisions and steps on a case (beschikking, toestemming, opschorting, stap,
   * inkomensbeheer, ZRM) and what is planned (intake, the verdaagde einddatum): within the life of
   * a case, and planned no more than a year ahead.
   */
  zaak: { jarenTerug: 5, jarenVooruit: 1 },
  /** A reporting period: back to the service's first years, not past next year. */
  rapportage: { jarenTerug: 10, jarenVooruit: 1 },
} as const satisfies Record<string, Datumvenster>;

/** The first and last allowed date (JJJJ-MM-DD) of a window on this day. */
export function vensterGrenzen(venster: Datumvenster, vandaag: string): { vroegst: string; laatst: string } {
  return { vroegst: plusMaanden(vandaag, -12 * venster.jarenTerug), laatst: plusMaanden(vandaag, 12 * venster.jarenVooruit) };
}

/** Why a well-formed date (JJJJ-MM-DD) lies outside the window, in Dutch; undefined when it lies inside. */
export function buitenVenster(datum: string, venster: Datumvenster, vandaag: string): string | undefined {
  const { vroegst, laatst } = vensterGrenzen(venster, vandaag);
  if (datum > laatst)
    return venster.jarenVooruit === 0 ? 'datum kan niet in de toekomst liggen' : `datum ligt te ver vooruit: uiterlijk ${laatst}`;
  if (datum < vroegst) return `datum ligt te ver terug: niet vóór ${vroegst}`;
  return undefined;
}

/**
 * The same for an instant (ISO with zone), on Amsterdam days; an instant that already happened is
 * not later than now. Compared as instants, so no calendar is computed for the year typed.
 */
export function tijdstipBuitenVenster(moment: Date, venster: Datumvenster, nu: Date): string | undefined {
  const { vroegst, laatst } = vensterGrenzen(venster, amsterdamDatum(nu));
  if (venster.jarenVooruit === 0 ? moment > nu : moment >= amsterdamMiddernacht(plusDagen(laatst, 1)))
    return venster.jarenVooruit === 0 ? 'tijdstip kan niet in de toekomst liggen' : `tijdstip ligt te ver vooruit: uiterlijk ${laatst}`;
  if (moment < amsterdamMiddernacht(vroegst)) return `tijdstip ligt te ver terug: niet vóór ${vroegst}`;
  return undefined;
}
