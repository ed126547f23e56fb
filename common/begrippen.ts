/** Domain vocabularies, free of zod so workflows can import them. See the glossary in the README. */

export const SCHULDEISER_TYPES = ['woningcorporatie', 'zorgverzekeraar', 'waternet', 'energieleverancier'] as const;

export const HUISBEZOEK_UITKOMSTEN = ['bereikt', 'niet-thuis', 'geweigerd'] as const;

export const BEGELEIDING_STAPPEN = ['budgetgesprek', 'inkomensherstel', 'betalingsregeling', 'budgetplan'] as const;

export const MELDING_AFSLUITREDENEN = ['afgerond', 'niet-bereikt', 'schuld-voldaan', 'verhuisd'] as const;

export const FASEN = ['intake', 'stabilisatie', 'schuldregeling', 'nazorg', 'afgesloten'] as const;

export const SCHULDREGELING_ROUTES = ['minnelijk', 'wsnp'] as const;

export const FLANKMODULES = ['budgetcoaching', 'sociaaljuridisch-advies'] as const;

export const INKOMENSBEHEER_VORMEN = ['budgetbeheer', 'bewindvoering'] as const;
