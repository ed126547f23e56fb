/**
 * The VNG DDAS vocabulary (uitwisselmodel v0.9, ../shared/reference/ddas) and how this service's
 * own terms map onto it. Free of zod and Node, so workflows may import it too.
 */
import type { SCHULDEISER_TYPES } from './begrippen';

export const DDAS_EINDRESULTATEN = [
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Inwoner is overleden',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Niet opgepakt: andere reden',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner hoeft geen hulp vanuit vroegsignalering',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing financieel',
  'Verwijzing zonder contact',
  'Vervolghulp en/of verwijzing niet financieel',
] as const;
export type DdasEindresultaat = (typeof DDAS_EINDRESULTATEN)[number];

/** The signal statuses DDAS has: a signal the gemeente did not (yet) take up. */
export const DDAS_SIGNAALSTATUSSEN = [
  'Nog niet opgepakt',
  'Niet opgepakt: onterecht signaal',
  'Inwoner is overleden',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: andere reden',
] as const;
export type DdasSignaalstatus = (typeof DDAS_SIGNAALSTATUSSEN)[number];

export type DdasSignaalpartner = 'Energie' | 'Huur' | 'Zorg' | 'Water';
export type DdasContactsoort = 'Mail' | 'Brief' | 'SMS/Whatsapp' | 'Telefoon' | 'Huisbezoek' | 'Kaartje' | 'Overige' | 'Administratief';
export type DdasDagdeel = 'Ochtend' | 'Middag' | 'Avond';

/** Who delivers (DDAS AanleverendeOrganisatie and the software supplier's code). */
export interface DdasAfzender {
  gemeentecode: string;
  organisatie: string;
  kvkNummer?: string;
  leverancierscode: string;
}

/** Gemeente Amsterdam (CBS gemeentecode 0363), delivering through this service. */
export const AMSTERDAM: DdasAfzender = {
  gemeentecode: '0363',
  organisatie: 'Gemeente Amsterdam',
  leverancierscode: 'schuldhulp-orchestrator',
};

export const SIGNAALPARTNER: Record<(typeof SCHULDEISER_TYPES)[number], DdasSignaalpartner> = {
  woningcorporatie: 'Huur',
  zorgverzekeraar: 'Zorg',
  waternet: 'Water',
  energieleverancier: 'Energie',
};

/**
 * The end result of a melding closed before it recorded a DDAS end result itself, from how it
 * closed. `verhuisd` does not say where to, so it is "niet opgepakt: andere reden" (DDAS: moved,
 * destination unknown); within the gemeente the team would have taken the melding up.
 */
export function eindresultaatVan(afsluiting: { fase: string; reden?: string }): DdasEindresultaat | undefined {
  if (afsluiting.fase === 'overgedragen') return 'Vervolghulp en/of verwijzing financieel';
  switch (afsluiting.reden) {
    case 'afgerond':
      return '(Budget)advies en/of quick fix';
    case 'niet-bereikt':
    case 'verlopen':
      return 'Definitief geen contact kunnen krijgen';
    case 'schuld-voldaan':
      return 'Inwoner heeft zelf al betaald/betalingsregeling getroffen';
    case 'verhuisd':
      return 'Niet opgepakt: andere reden';
    case 'geweigerd':
      return 'Inwoner hoeft geen hulp vanuit vroegsignalering';
    default:
      return undefined;
  }
}

/** DDAS dagdelen: morning until 12:00, afternoon until 18:00, evening after (Amsterdam hour). */
export function dagdeelVan(uur: number): DdasDagdeel {
  return uur < 12 ? 'Ochtend' : uur < 18 ? 'Middag' : 'Avond';
}
