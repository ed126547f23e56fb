/**
 * The vroegsignalering routes of werkkader §2.8.2. A signal about someone with a Participatiewet
 * uitkering goes to WPI (Werk, Participatie en Inkomen), not to the buurtteam's home visits:
 * - `geregelde-betaling` ("Geregelde betaling, voorkomen woningontruimingen"): a woningcorporatie
 *   with a convenant reports a tenant with at least 2 months' rent arrears; the rent (and maybe
 *   other fixed costs) is withheld from the uitkering to prevent escalation;
 * - `ishv` ("Integrale schuldhulpverlening voor Participatiewetgerechtigden"): any other convenant
 *   partner's payment arrears; WPI's klantmanager approaches the client actively together with a
 *   schuldhulpverlener, with a dedicated inkomensconsulent.
 * Vroeg Eropaf (the buurtteam's home visits) is for people without a Participatiewet uitkering.
 * Free of zod and Node: API, workflows and web app share these rules.
 */
import type { DdasEindresultaat } from './ddas';
import type { SCHULDEISER_TYPES } from './begrippen';

/** The uitkering a signal may say the person has (from the matching at intake). */
export const UITKERINGEN = ['participatiewet'] as const;

export const WPI_ROUTES = ['ishv', 'geregelde-betaling'] as const;
export type WpiRoute = (typeof WPI_ROUTES)[number];
export type Vroegsignaleringsroute = 'vroeg-eropaf' | WpiRoute;

export const ROUTENAAM: Record<Vroegsignaleringsroute, string> = {
  'vroeg-eropaf': 'Vroeg Eropaf',
  ishv: 'Integrale schuldhulpverlening voor Participatiewetgerechtigden',
  'geregelde-betaling': 'Geregelde betaling, voorkomen woningontruimingen',
};

/** Werkkader §2.8.2: woningcorporaties report tenants with a Participatiewet uitkering from 2 months' rent arrears. */
export const GEREGELDE_BETALING_VANAF_MAANDEN = 2;

interface RouteSignaal {
  schuldeiser: { type: (typeof SCHULDEISER_TYPES)[number] };
  achterstand: { maanden: number };
}

/** Geregelde betaling when a woningcorporatie reports rent arrears of at least 2 months, else ISHV. */
export function wpiRouteVoor(signalen: readonly RouteSignaal[]): WpiRoute {
  const huur = signalen.some((s) => s.schuldeiser.type === 'woningcorporatie' && s.achterstand.maanden >= GEREGELDE_BETALING_VANAF_MAANDEN);
  return huur ? 'geregelde-betaling' : 'ishv';
}

/**
 * The steps WPI registers, in their order: klantmanager and inkomensconsulent assigned, the fixed
 * costs withheld from the uitkering (Geregelde betaling only), contact with the client, schuldhulp started.
 */
export const WPI_STAPPEN = ['toegewezen', 'inhouding-gestart', 'contact', 'schuldhulp-gestart'] as const;
export type WpiStap = (typeof WPI_STAPPEN)[number];

export const WPI_STAPNAAM: Record<WpiStap, string> = {
  toegewezen: 'Klantmanager en inkomensconsulent toegewezen',
  'inhouding-gestart': 'Inhouding vaste lasten op de uitkering gestart',
  contact: 'Contact met de klant',
  'schuldhulp-gestart': 'Schuldhulp gestart',
};

export function stappenVanRoute(route: WpiRoute): WpiStap[] {
  return WPI_STAPPEN.filter((s) => s !== 'inhouding-gestart' || route === 'geregelde-betaling');
}

/** Steps that can only be done (no `niet-nodig`): assigning WPI's people and reaching the client. */
export const WPI_STAPPEN_ALTIJD: readonly WpiStap[] = ['toegewezen', 'contact'];

/** Why a step cannot be registered yet, given the steps done: everything waits for the assignment, schuldhulp for contact. */
export function wpiStapNogNiet(stap: WpiStap, gedaan: Partial<Record<WpiStap, unknown>>): string | undefined {
  if (stap !== 'toegewezen' && !gedaan.toegewezen) return 'eerst een klantmanager en inkomensconsulent toewijzen';
  if (stap === 'schuldhulp-gestart' && !gedaan.contact) return 'schuldhulp start na contact met de klant';
  return undefined;
}

/** The werkvoorraad task (OpenTaak) of a WPI-route melding: pick it up, then each open step, then close. */
export function wpiOpenTaken(route: WpiRoute, gedaan: Partial<Record<WpiStap, unknown>>): string[] {
  if (!gedaan.toegewezen) return ['wpi-oppakken'];
  const open = stappenVanRoute(route).filter((s) => !gedaan[s] && !wpiStapNogNiet(s, gedaan));
  return open.length > 0 ? open.map((s) => `wpi-${s}`) : ['wpi-afsluiten'];
}

/**
 * The DDAS end result of a WPI route closed as `afgerond`: started schuldhulp, or the rent withheld
 * from the uitkering, is longer financial follow-up help; otherwise the contact and the steps were
 * advice that let the client pay the arrears ("(Budget)advies en/of quick fix"). DDAS names no
 * route of its own for WPI: its end results are the same for whoever does the vroegsignalering.
 */
export function wpiEindresultaat(gedaan: Partial<Record<WpiStap, { status: string }>>): DdasEindresultaat {
  const vervolg = gedaan['schuldhulp-gestart']?.status === 'afgerond' || gedaan['inhouding-gestart']?.status === 'afgerond';
  return vervolg ? 'Vervolghulp en/of verwijzing financieel' : '(Budget)advies en/of quick fix';
}
