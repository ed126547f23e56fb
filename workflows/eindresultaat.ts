import { DDAS_EINDRESULTATEN, DDAS_SIGNAALSTATUSSEN, eindresultaatVan } from '../common/ddas';
import type { MeldingAfsluiting } from '../common/schemas';
import type { Eindresultaat, MeldingFase, Signaal, Terugkoppeling } from './types';

/** Reasons a melding closes for, including the two the workflow sets itself. */
export type AfsluitReden = NonNullable<MeldingAfsluiting['reden']> | 'geweigerd' | 'verlopen';

/** The DDAS end result of a reason the team gave without one (common/ddas.ts, as the rapportage reads closed cases). */
export function eindresultaatBijReden(reden: AfsluitReden): Eindresultaat {
  return eindresultaatVan({ fase: 'afgesloten', reden })!;
}

/** A hand-over to a schuldhulp traject is financial follow-up help. */
export const EINDRESULTAAT_OVERDRACHT: Eindresultaat = eindresultaatVan({ fase: 'overgedragen' })!;

/** The reason an end result implies, where it implies one whose rules then apply (e.g. niet-bereikt). */
const REDEN_BIJ: Partial<Record<Eindresultaat, AfsluitReden>> = {
  'Definitief geen contact kunnen krijgen': 'niet-bereikt',
  '(Budget)advies en/of quick fix': 'afgerond',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen': 'schuld-voldaan',
};

/**
 * The phase an end result belongs to: not taking a signal up, or referring without contact, is
 * decided before contact; the outcomes of a conversation need one (DDAS definities).
 */
const FASE_BIJ: Partial<Record<Eindresultaat, MeldingFase>> = {
  'Niet opgepakt: herhaalde melding': 'bereiken',
  'Niet opgepakt: onterecht signaal': 'bereiken',
  'Niet opgepakt: andere reden': 'bereiken',
  'Verwijzing zonder contact': 'bereiken',
  'Geen reactie na eerder contact': 'begeleiding',
  'Inwoner hoeft geen hulp vanuit vroegsignalering': 'begeleiding',
  '(Budget)advies en/of quick fix': 'begeleiding',
  'Vervolghulp en/of verwijzing financieel': 'begeleiding',
  'Vervolghulp en/of verwijzing niet financieel': 'begeleiding',
};

/** The end results a team may choose in this phase (the web app offers these). */
export function eindresultatenVoorFase(fase: MeldingFase): Eindresultaat[] {
  return DDAS_EINDRESULTATEN.filter((e) => (FASE_BIJ[e] ?? fase) === fase);
}

/** Reason and end result of a closing: the one left out follows from the other. */
export function afsluitingMetEindresultaat(a: MeldingAfsluiting): { reden?: AfsluitReden; eindresultaat: Eindresultaat } {
  const reden = a.reden ?? (a.eindresultaat ? REDEN_BIJ[a.eindresultaat] : undefined);
  return { reden, eindresultaat: a.eindresultaat ?? eindresultaatBijReden(a.reden!) };
}

/**
 * Why the end result the team chose cannot close a melding in this phase, if it cannot. Only a
 * chosen one: a reason alone closes as it did before end results (introduced with patch melding-normen).
 */
export function eindresultaatPastNiet(a: MeldingAfsluiting, fase: MeldingFase): string | undefined {
  const hoort = a.eindresultaat ? FASE_BIJ[a.eindresultaat] : undefined;
  if (!hoort || hoort === fase) return undefined;
  return hoort === 'bereiken'
    ? `eindresultaat '${a.eindresultaat}' past alleen zolang de persoon nog niet bereikt is`
    : `eindresultaat '${a.eindresultaat}' vraagt eerst contact met de persoon`;
}

/**
 * End results DDAS reports back to the creditor as they are (its signal statuses); for "andere
 * reden" the creditor may only learn that the signal was not taken up.
 */
const TERUG_TE_MELDEN = DDAS_SIGNAALSTATUSSEN.filter(
  (s): s is Exclude<typeof s, 'Nog niet opgepakt' | 'Niet opgepakt: andere reden'> =>
    s !== 'Nog niet opgepakt' && s !== 'Niet opgepakt: andere reden',
);

/** Every status a creditor can be told. */
export const TERUGKOPPELING_STATUSSEN = ['Opgepakt', 'Niet opgepakt', ...TERUG_TE_MELDEN] as const;

/**
 * What the creditor of a signal is told. DDAS: for another reason not to take a signal up the
 * creditor may only learn that it was not taken up; what came of the contact is the resident's
 * business, so a signal taken up reads `Opgepakt`. Notes (toelichting) never leave the case.
 */
export function terugkoppeling(signaal: Signaal, eindresultaat: Eindresultaat | undefined): Terugkoppeling {
  const { signaalId, schuldeiser, referentie } = signaal;
  const status: Terugkoppeling['status'] = !signaal.opgepakt
    ? 'Niet opgepakt: herhaalde melding'
    : (TERUG_TE_MELDEN as readonly string[]).includes(eindresultaat ?? '')
      ? (eindresultaat as Terugkoppeling['status'])
      : eindresultaat?.startsWith('Niet opgepakt')
        ? 'Niet opgepakt'
        : 'Opgepakt';
  return { signaalId, schuldeiser, referentie, status };
}
