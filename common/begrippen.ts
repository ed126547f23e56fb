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

/**
 * Partners a traject refers the client to or involves (werkkader §2.4.7: "hulp en ondersteuning
 * en/of warme overdracht"; ch. 3, samenspel met partners). Labels in common/verwijzingen.ts.
 */
export const VERWIJZING_SOORTEN = [
  'okt',
  'jongerenpunt',
  'wpi',
  'budgetbeheer',
  'bewindvoering',
  'huisarts',
  'veilig-thuis',
  'meldpunt-zorg-woonoverlast',
  'expertisenetwerk',
  'clientondersteuning',
  'sociale-basis',
  'mantelzorgondersteuning',
] as const;

/** What became of a verwijzing: `geaccepteerd` may still be followed by `gestart` or `niet-gestart`; the others are final. */
export const VERWIJZING_UITKOMSTEN = ['geaccepteerd', 'gestart', 'geweigerd', 'niet-gestart'] as const;

/**
 * The kindcheck without a referral (werkkader §3.1.1: the buurtteam always asks after the children
 * and, where needed, organises support with the OKT): the OKT is involved already, the team
 * consulted the OKT, or nothing is needed for the children.
 */
export const KINDCHECK_UITKOMSTEN = ['okt-al-betrokken', 'afgestemd-met-okt', 'geen-ondersteuning-nodig'] as const;

/**
 * Informatie en advies (werkkader §2.4.2, §2.8.1): what a light question is about, on the financial
 * side: income, toeslagen and voorzieningen, money troubles, budgeting.
 */
export const ADVIES_ONDERWERPEN = ['inkomen', 'toeslagen-en-voorzieningen', 'geldproblemen', 'budgettering', 'anders'] as const;

/** How a conversation took place (werkkader §2.4.1: inloop, telefoon, mail, or outreachend). */
export const GESPREK_VORMEN = ['inloop', 'telefoon', 'e-mail', 'huisbezoek', 'outreachend'] as const;

/**
 * What was given or arranged (werkkader §2.8.1: inkomensreparatie, betalingsafspraken, a budgetplan;
 * §2.4.1: a direct answer, or the own network, neighbours or partners of the sociale basis).
 */
export const ADVIES_SOORTEN = [
  'informatie',
  'budgetadvies',
  'inkomensreparatie',
  'betalingsregeling',
  'budgetplan',
  'toeleiding-sociale-basis',
] as const;

/** Who gave or arranged it besides the medewerker (werkkader §2.8.1); organisations and roles, never people. */
export const ADVIES_PARTNERS = ['sociaal-raadslieden', 'sociale-basis', 'vrijwilligers', 'juridisch-loket', 'eigen-netwerk'] as const;

/** How an advies ends; `opgeschaald` only through the step up into a Route 020 traject. */
export const ADVIES_UITKOMSTEN = ['afgerond', 'doorverwezen', 'client-stopt', 'opgeschaald'] as const;

/**
 * What a complaint a buurtteam received is about (werkkader ch. 5: "het aantal en de aard van
 * ontvangen klachten"). Codes only: no free text is kept with a complaint.
 */
export const KLACHT_AARDEN = [
  'bejegening',
  'bereikbaarheid',
  'deskundigheid',
  'afspraken-niet-nagekomen',
  'besluit',
  'privacy',
  'overig',
] as const;

/**
 * How a complaint was settled (werkkader ch. 5: "de wijze van afdoening"); the last refers the
 * Amsterdammer on to the gemeente's klachtenregeling sociaal domein.
 */
export const KLACHT_AFDOENINGEN = [
  'opgelost-in-gesprek',
  'gegrond',
  'ongegrond',
  'ingetrokken',
  'doorverwezen-klachtenregeling-sociaal-domein',
] as const;

/**
 * Who holds the formal regie of a traject (werkkader §2.4, "Formele regie"): a buurtteam-medewerker,
 * or the schuldhulpverlener when the debts dominate (werkkader §4.1.4).
 */
export const REGIE_ROLLEN = ['buurtteam-medewerker', 'schuldhulpverlener'] as const;

/**
 * Why a teamleider appoints or changes the regievoerder. A code, not free text: it may be reported.
 * `keuze-amsterdammer`: a person may choose the stadsdeel and so the buurtteam (Q&A 1.1).
 */
export const REGIE_REDENEN = [
  'aanwijzing',
  'schulden-dominant',
  'werkverdeling',
  'afwezigheid',
  'verhuizing',
  'keuze-amsterdammer',
] as const;

/** Kinds of contact in a traject's contactlog; an afspraak is planned, kept or missed (werkkader §2.8.5, Mehmet). */
export const CONTACT_SOORTEN = ['afspraak', 'telefoon', 'huisbezoek', 'brief', 'e-mail'] as const;

export const ALLE_CONTACT_UITKOMSTEN = ['gepland', 'nagekomen', 'niet-verschenen', 'bereikt', 'niet-bereikt', 'verstuurd'] as const;

/** The outcomes each kind of contact can have. */
export const CONTACT_UITKOMSTEN = {
  afspraak: ['gepland', 'nagekomen', 'niet-verschenen'],
  telefoon: ['bereikt', 'niet-bereikt'],
  huisbezoek: ['bereikt', 'niet-bereikt'],
  brief: ['verstuurd'],
  'e-mail': ['verstuurd'],
} as const satisfies Record<(typeof CONTACT_SOORTEN)[number], readonly (typeof ALLE_CONTACT_UITKOMSTEN)[number][]>;
