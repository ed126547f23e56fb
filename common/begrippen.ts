/** Domain vocabularies, free of zod so workflows can import them. See the glossary in the README. */

export const SCHULDEISER_TYPES = ['woningcorporatie', 'zorgverzekeraar', 'waternet', 'energieleverancier'] as const;

export const HUISBEZOEK_UITKOMSTEN = ['bereikt', 'niet-thuis', 'geweigerd'] as const;

export const BEGELEIDING_STAPPEN = ['budgetgesprek', 'inkomensherstel', 'betalingsregeling', 'budgetplan'] as const;

export const MELDING_AFSLUITREDENEN = ['afgerond', 'niet-bereikt', 'schuld-voldaan', 'verhuisd'] as const;

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
