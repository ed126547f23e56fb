import type { KINDCHECK_UITKOMSTEN, VERWIJZING_SOORTEN, VERWIJZING_UITKOMSTEN } from './begrippen';
import { plusDagen } from './kalender';

/**
 * Referrals and warm hand-overs of a traject, and the kindcheck: the rules, once, for the workflow
 * (workflows/verwijzingen.ts), the API and the web app. Free of zod and Node.
 */

export type VerwijzingSoort = (typeof VERWIJZING_SOORTEN)[number];
export type VerwijzingUitkomst = (typeof VERWIJZING_UITKOMSTEN)[number];
export type KindcheckUitkomst = (typeof KINDCHECK_UITKOMSTEN)[number];

/** Who acted: the API sets it from the token. */
interface Door {
  door?: string;
}

export interface Verwijzing extends Door {
  /** `<soort>-<datum>` unless the client chose one: a repeat of the same request is the same verwijzing. */
  verwijzingId: string;
  soort: VerwijzingSoort;
  /** The receiving organisation (e.g. "OKT Zuidoost", "MEE"), never the client. */
  ontvanger: string;
  /** Amsterdam date JJJJ-MM-DD. */
  datum: string;
  /** Warme overdracht: handed over in a joint conversation with the client (werkkader §2.4.7, ch. 3). */
  warm: boolean;
  /** Amsterdam date by which an outcome is expected; after it the team is reminded. */
  opvolgenUiterlijk: string;
  /** Oldest first; the last one is the current outcome. */
  uitkomsten: ({ uitkomst: VerwijzingUitkomst; datum: string } & Door)[];
  /** When the reminder went out: the werkvoorraad shows `verwijzing-opvolgen` until an outcome comes. */
  herinnerd?: string;
}

export interface Kindcheck extends Door {
  minderjarigeKinderen: boolean;
  datum: string;
  uitkomst?: KindcheckUitkomst;
}

export interface Verwijzingen {
  lijst: Verwijzing[];
  kindcheck?: Kindcheck;
}

/**
 * Weeks after a verwijzing without an outcome before the team is reminded (configuration
 * `VERWIJZING_OPVOLGEN_WEKEN`). The werkkader names no term; 4 weeks is the term Wgs art. 4 lid 1
 * gives schuldhulp itself for a first conversation, so a partner that has not answered by then
 * is worth a call (docs/rules.md).
 */
export const VERWIJZING_OPVOLGEN_WEKEN = 4;

export const VERWIJZING_LABELS: Record<VerwijzingSoort, string> = {
  okt: 'Ouder- en Kindteam (OKT)',
  jongerenpunt: 'Jongerenpunt WPI (18-27 jaar)',
  wpi: 'WPI: klantmanager of inkomensconsulent',
  budgetbeheer: 'Budgetbeheer',
  bewindvoering: 'Beschermingsbewind (via de rechtbank)',
  huisarts: 'Huisarts of POH GGZ',
  'veilig-thuis': 'Veilig Thuis',
  'meldpunt-zorg-woonoverlast': 'Meldpunt Zorg- en Woonoverlast',
  expertisenetwerk: 'Expertisenetwerk (GGZ, LVB, autisme, NAH, dementie, zintuiglijk)',
  clientondersteuning: 'Onafhankelijke cliëntondersteuning (o.a. MEE)',
  'sociale-basis': 'Sociale basis',
  mantelzorgondersteuning: 'Mantelzorgondersteuning (Markant)',
};

export const KINDCHECK_LABELS: Record<KindcheckUitkomst, string> = {
  'okt-al-betrokken': 'OKT is al betrokken',
  'afgestemd-met-okt': 'Afgestemd met het OKT, geen verwijzing nodig',
  'geen-ondersteuning-nodig': 'Gevraagd naar de kinderen: geen ondersteuning nodig',
};

export function verwijzingIdVoor(v: { soort: VerwijzingSoort; datum: string }): string {
  return `${v.soort}-${v.datum}`;
}

export function opvolgenUiterlijk(datum: string, weken = VERWIJZING_OPVOLGEN_WEKEN): string {
  return plusDagen(datum, 7 * weken);
}

export function huidigeUitkomst(v: Verwijzing): VerwijzingUitkomst | undefined {
  return v.uitkomsten.at(-1)?.uitkomst;
}

/** Why this outcome cannot follow the verwijzing's current one, or undefined when it can. */
export function waaromGeenUitkomst(v: Verwijzing, u: { uitkomst: VerwijzingUitkomst; datum: string }): string | undefined {
  const laatste = v.uitkomsten.at(-1);
  if (laatste && laatste.uitkomst !== 'geaccepteerd') return `de verwijzing heeft al de uitkomst ${laatste.uitkomst}`;
  if (laatste && (u.uitkomst === 'geaccepteerd' || u.uitkomst === 'geweigerd')) {
    return 'na geaccepteerd volgt gestart of niet-gestart';
  }
  return undefined;
}

/** Why the outcome's date is wrong for this verwijzing (the field is `datum`), or undefined. */
export function waaromGeenUitkomstdatum(v: Verwijzing, datum: string): string | undefined {
  if (datum < v.datum) return 'een uitkomst kan niet vóór de verwijzing liggen';
  const laatste = v.uitkomsten.at(-1);
  if (laatste && datum < laatste.datum) return `een uitkomst kan niet vóór de vorige (${laatste.datum}) liggen`;
  return undefined;
}

/**
 * Werkkader §3.1.1: with minor children in the household the buurtteam always looks at them and
 * involves the OKT where needed. Open until an OKT verwijzing or a recorded kindcheck outcome exists.
 */
export function kindcheckOpen(v: Verwijzingen | undefined): boolean {
  const k = v?.kindcheck;
  return !!k?.minderjarigeKinderen && !k.uitkomst && !v!.lijst.some((x) => x.soort === 'okt');
}

/** The werkvoorraad tasks of this part: the kindcheck, and following up verwijzingen reminded without an outcome. */
export function verwijzingTaken(v: Verwijzingen | undefined): string[] {
  const taken: string[] = [];
  if (kindcheckOpen(v)) taken.push('kindcheck');
  if (v?.lijst.some((x) => x.herinnerd && x.uitkomsten.length === 0)) taken.push('verwijzing-opvolgen');
  return taken;
}
