/** Domain vocabularies, free of zod so workflows can import them. See the glossary in the README. */

export const SCHULDEISER_TYPES = ['woningcorporatie', 'zorgverzekeraar', 'waternet', 'energieleverancier'] as const;

export const HUISBEZOEK_UITKOMSTEN = ['bereikt', 'niet-thuis', 'geweigerd'] as const;

export const BEGELEIDING_STAPPEN = ['budgetgesprek', 'inkomensherstel', 'betalingsregeling', 'budgetplan'] as const;

export const MELDING_AFSLUITREDENEN = ['afgerond', 'niet-bereikt', 'schuld-voldaan', 'verhuisd'] as const;

/**
 * Why a teamleider closes an unreached melding before the visit rule is met (werkkader §2.8.2: at
 * least 2 huisbezoeken, one in the evening or weekend). A code, not free text: it may be reported.
 */
export const ONBEREIKT_BESLUITREDENEN = [
  'adres-onbewoond',
  'geen-toegang-woning',
  'onveilig-voor-medewerkers',
  'verblijft-elders',
] as const;

/** Kinds of signal; all but the first are the crisis situations of Wgs art. 4 lid 2. */
export const SIGNAAL_SOORTEN = [
  'betalingsachterstand',
  'huisuitzetting',
  'energieafsluiting',
  'waterafsluiting',
  'zorgverzekering-beeindigd',
] as const;

/** The creditor type that may send each crisis signal (a landlord announces an eviction, and so on). */
export const CRISIS_AFZENDER = {
  huisuitzetting: 'woningcorporatie',
  energieafsluiting: 'energieleverancier',
  waterafsluiting: 'waternet',
  'zorgverzekering-beeindigd': 'zorgverzekeraar',
} as const;

/** The date field each crisis signal names: the eviction, the end of supply (energy or water), the end of insurance. */
export const CRISIS_DATUMVELD = {
  huisuitzetting: 'ontruimingsDatum',
  energieafsluiting: 'afsluitDatum',
  waterafsluiting: 'afsluitDatum',
  'zorgverzekering-beeindigd': 'beeindigdPer',
} as const;

/** DDAS EnumContactsoort as teams say it; `huisbezoek` is recorded through the huisbezoek itself. */
export const CONTACTPOGING_SOORTEN = ['huisbezoek', 'telefoon', 'brief', 'e-mail'] as const;

/** DDAS EnumDagdeel: ochtend until 12:00, middag until 18:00, avond from 18:00. */
export const DAGDELEN = ['ochtend', 'middag', 'avond'] as const;

export const FASEN = ['intake', 'stabilisatie', 'schuldregeling', 'nazorg', 'afgesloten'] as const;

export const SCHULDREGELING_ROUTES = ['minnelijk', 'wsnp'] as const;

/** Domains of the zelfredzaamheidsmatrix (ZRM); each scores 1 (acute problemen) to 5 (volledig zelfredzaam). */
export const ZRM_DOMEINEN = [
  'financien',
  'dagbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'middelengebruik',
  'basale-adl',
  'instrumentele-adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
] as const;

/** When the ZRM is measured in a traject: at the start, after 3 months and at the end. */
export const ZRM_MOMENTEN = ['start', 'drie-maanden', 'einde'] as const;

export const FLANKMODULES = ['budgetcoaching', 'sociaaljuridisch-advies'] as const;

export const INKOMENSBEHEER_VORMEN = ['budgetbeheer', 'bewindvoering'] as const;

/**
 * Uitstroomkenmerk: why a traject ended, as the gemeente monitors client flows (werkkader ch. 5:
 * "uitstroom (met uitstroomkenmerk)") and the wanted move to lighter support (sociale basis).
 */
export const UITSTROOM_REDENEN = [
  'doelen-bereikt',
  'naar-sociale-basis',
  'naar-aanvullende-ondersteuning',
  'client-stopt',
  'verhuisd',
  'niet-bereikbaar',
  'overleden',
] as const;

/** Who carries out an action of the ondersteuningsplan (werkkader §2.4.5: wie doet wat wanneer); a partner is named by its organisation. */
export const PLAN_UITVOERDERS = ['client', 'medewerker', 'partner'] as const;

/** What an evaluation of the ondersteuningsplan decides (werkkader §2.4.8): continue, adjust the plan, or close it. */
export const EVALUATIE_UITKOMSTEN = ['doorgaan', 'bijstellen', 'afronden'] as const;

/** How the team keeps in touch in the nazorg ("vinger aan de pols", werkkader §2.8.5, §3.1.9). */
export const NAZORG_CONTACTSOORTEN = ['telefoon', 'huisbezoek', 'gesprek', 'e-mail'] as const;
