import { z } from 'zod';
import {
  ADVIES_ONDERWERPEN,
  ADVIES_PARTNERS,
  ADVIES_SOORTEN,
  ADVIES_UITKOMSTEN,
  ALLE_CONTACT_UITKOMSTEN,
  BEGELEIDING_STAPPEN,
  CONTACT_SOORTEN,
  CONTACT_UITKOMSTEN,
  CONTACTPOGING_SOORTEN,
  CRISIS_AFZENDER,
  CRISIS_DATUMVELD,
  DAGDELEN,
  EVALUATIE_UITKOMSTEN,
  FASEN,
  GESPREK_VORMEN,
  FLANKMODULES,
  HUISBEZOEK_UITKOMSTEN,
  INKOMENSBEHEER_VORMEN,
  KINDCHECK_UITKOMSTEN,
  KLACHT_AARDEN,
  KLACHT_AFDOENINGEN,
  MELDING_AFSLUITREDENEN,
  NAZORG_CONTACTSOORTEN,
  ONBEREIKT_BESLUITREDENEN,
  PLAN_UITVOERDERS,
  REGIE_REDENEN,
  REGIE_ROLLEN,
  SCHULDEISER_TYPES,
  SCHULDREGELING_ROUTES,
  SIGNAAL_SOORTEN,
  UITSTROOM_REDENEN,
  VERWIJZING_SOORTEN,
  VERWIJZING_UITKOMSTEN,
  ZRM_DOMEINEN,
  ZRM_MOMENTEN,
} from './begrippen';
import { isGeldigBsn } from './bsn';
import { DDAS_EINDRESULTATEN } from './ddas';
import { MINIMAATWERK_HUISHOUDEN_CENT, waaromNietBoekbaar } from './minimaatwerk';
import { waaromNietTeRegistreren } from './klachten';
import { amsterdamDatum } from './kalender';
import { buitenVenster, DATUMVENSTERS, tijdstipBuitenVenster, type Datumvenster } from './datumvensters';
import { MINIMAAL_BEZOEKEN } from './normen';
import { VERPLICHT } from './veldfouten';
import { verwijzingIdVoor } from './verwijzingen';
import { UITKERINGEN, WPI_STAPPEN, WPI_STAPPEN_ALTIJD } from './wpiRoute';

// Users read these messages: zod's own ones in Dutch too, and the common ones in plain words
// rather than in type names ("verwacht string, ontving undefined").
z.config(z.locales.nl());
z.config({ customError: gewoneWoorden });

/** Plain Dutch for what people get wrong in forms; undefined leaves the message to zod's Dutch locale. */
function gewoneWoorden(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.input === undefined || (iss.code === 'too_small' && iss.origin === 'string' && iss.minimum === 1)) return VERPLICHT;
  if (iss.code === 'invalid_type' && iss.expected === 'number') return 'verwacht een getal';
  if (iss.code === 'invalid_type' && iss.expected === 'int') return 'verwacht een heel getal';
  if (iss.code === 'too_big' && iss.origin === 'string') return `maximaal ${iss.maximum} tekens`;
  if (iss.code === 'too_small' && iss.origin === 'number') return `minimaal ${iss.minimum}`;
  if (iss.code === 'too_big' && iss.origin === 'number') return `maximaal ${iss.maximum}`;
  if (iss.code === 'invalid_value') return `kies uit: ${iss.values.map(String).join(', ')}`;
  return undefined;
}

/** A schema's own message for a malformed value; a missing one is `verplicht` like everywhere. */
const formaatfout =
  (melding: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? VERPLICHT : melding;

/**
 * Input contracts at the edge (HTTP API). Workflows import only the inferred types
 * (`import type`), so zod never enters the workflow bundle.
 */

const datum = z.iso.date({ error: formaatfout('verwacht een datum als JJJJ-MM-DD') });
const tijdstip = z.iso.datetime({ offset: true, error: formaatfout('verwacht een ISO-tijdstip met tijdzone') });
const ISO_DATUM = /^\d{4}-\d\d-\d\d$/;
/**
 * A date inside its window of today (Amsterdam). Zod runs refinements on malformed values too;
 * those already have their format error.
 */
const datumIn = (venster: Datumvenster) =>
  datum.superRefine((d, ctx) => {
    const fout = ISO_DATUM.test(d) ? buitenVenster(d, venster, amsterdamDatum(new Date())) : undefined;
    if (fout) ctx.addIssue({ code: 'custom', message: fout });
  });
const tijdstipIn = (venster: Datumvenster) =>
  tijdstip.superRefine((t, ctx) => {
    const moment = new Date(t);
    const fout = Number.isNaN(moment.getTime()) ? undefined : tijdstipBuitenVenster(moment, venster, new Date());
    if (fout) ctx.addIssue({ code: 'custom', message: fout });
  });
const tekst = (max: number) => z.string().trim().min(1).max(max);
const bsn = z.string().refine(isGeldigBsn, { error: 'BSN voldoet niet aan de elfproef' });
/** Team and staff identifiers end up in search attributes: short keyword slugs, no names. */
export const sleutel = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, {
  error: 'verwacht een sleutel van kleine letters, cijfers en streepjes',
});

const postcode = z.string().regex(/^[1-9]\d{3} ?[A-Z]{2}$/, { error: 'verwacht een postcode als 1234 AB' });

const toestemming = z.strictObject({
  vastleggen: z.boolean(),
  delen: z.boolean(),
});

const meldingVelden = z.strictObject({
  /** Absent: a betalingsachterstand. The others are the crisis signals of Wgs art. 4 lid 2. */
  soort: z.enum(SIGNAAL_SOORTEN).optional(),
  /** Huisuitzetting: the announced date of the eviction. */
  ontruimingsDatum: datumIn(DATUMVENSTERS.crisisdatum).optional(),
  /**
   * Energieafsluiting or waterafsluiting: the day supply ends. An energy signal sent less than 20
   * werkdagen before it is taken all the same, as the most urgent crisis (workflows/signalen.ts).
   */
  afsluitDatum: datumIn(DATUMVENSTERS.crisisdatum).optional(),
  /** Zorgverzekering beëindigd: the day the insurance ended or ends. */
  beeindigdPer: datumIn(DATUMVENSTERS.crisisdatum).optional(),
  schuldeiser: z.strictObject({ type: z.enum(SCHULDEISER_TYPES), naam: tekst(200) }),
  referentie: tekst(100),
  achterstand: z.strictObject({
    bedragCent: z.number().int().positive(),
    maanden: z.number().int().min(1).max(120),
  }),
  meldDatum: datumIn(DATUMVENSTERS.binnenkomst),
  /**
   * From the matching at intake: the person has a Participatiewet uitkering. The signal then goes
   * to a WPI route (ISHV or Geregelde betaling, common/wpiRoute.ts), not to Vroeg Eropaf's visits.
   */
  uitkering: z.enum(UITKERINGEN).optional(),
  buurtteam: sleutel,
  regievoerder: sleutel.optional(),
  client: z.strictObject({
    naam: tekst(200),
    adres: z.strictObject({
      straat: tekst(200),
      huisnummer: tekst(20),
      postcode,
    }),
  }),
});

/** What a crisis signal without its date (CRISIS_DATUMVELD) is told. */
const ZONDER_CRISISDATUM = {
  huisuitzetting: 'een aangekondigde huisuitzetting vraagt de ontruimingsdatum',
  energieafsluiting: 'een afsluitsignaal vraagt de afsluitdatum',
  waterafsluiting: 'een afsluitsignaal vraagt de afsluitdatum',
  'zorgverzekering-beeindigd': 'een beëindigde zorgverzekering vraagt de datum van beëindiging',
} as const;

export const meldingSchema = meldingVelden.superRefine((m, ctx) => {
  const soort = m.soort ?? 'betalingsachterstand';
  const veld = soort === 'betalingsachterstand' ? undefined : CRISIS_DATUMVELD[soort];
  // Energy and water share the afsluitDatum: a field belongs to another soort only if this one does not name it.
  for (const ander of new Set(Object.values(CRISIS_DATUMVELD))) {
    if (ander !== veld && m[ander] !== undefined)
      ctx.addIssue({ code: 'custom', path: [ander], message: `hoort niet bij een signaal van soort ${soort}` });
  }
  if (soort === 'betalingsachterstand' || !veld) return;
  if (m[veld] === undefined) ctx.addIssue({ code: 'custom', path: [veld], message: ZONDER_CRISISDATUM[soort] });
  if (m.schuldeiser.type !== CRISIS_AFZENDER[soort]) {
    ctx.addIssue({ code: 'custom', path: ['soort'], message: `een signaal ${soort} komt van een ${CRISIS_AFZENDER[soort]}` });
  }
});

export const huisbezoekSchema = z.strictObject({
  tijdstip: tijdstipIn(DATUMVENSTERS.gebeurd),
  uitkomst: z.enum(HUISBEZOEK_UITKOMSTEN),
  medewerker: sleutel,
  notitie: z.string().max(2000).optional(),
});

export const stapSchema = z.strictObject({
  stap: z.enum(BEGELEIDING_STAPPEN),
  status: z.enum(['afgerond', 'niet-nodig']),
  datum: datumIn(DATUMVENSTERS.zaak),
});

/**
 * A melding closes with a reason, a DDAS end result, or both; the one left out follows from the
 * other (see workflows/eindresultaat.ts).
 */
export const meldingAfsluitingSchema = z
  .strictObject({
    reden: z.enum(MELDING_AFSLUITREDENEN).optional(),
    eindresultaat: z.enum(DDAS_EINDRESULTATEN).optional(),
    /** The teamleider's documented reason to close as niet-bereikt before the visit rule is met. */
    besluitReden: z
      .enum(ONBEREIKT_BESLUITREDENEN)
      .optional()
      .describe(
        `alleen bij niet bereikt zonder de ${MINIMAAL_BEZOEKEN} huisbezoeken (één in de avond of het weekend, werkkader §2.8.2): het besluit van de teamleider`,
      ),
    toelichting: z.string().max(2000).optional(),
  })
  .refine((a) => a.reden !== undefined || a.eindresultaat !== undefined, {
    path: ['eindresultaat'],
    error: 'geef een eindresultaat (DDAS) of een reden',
  })
  .refine(
    (a) => a.besluitReden === undefined || a.reden === 'niet-bereikt' || a.eindresultaat === 'Definitief geen contact kunnen krijgen',
    {
      path: ['besluitReden'],
      error: 'een besluitreden hoort alleen bij afsluiten als niet bereikt (definitief geen contact kunnen krijgen)',
    },
  );

/** A medewerker learns the person has a Participatiewet uitkering: the open melding goes to a WPI route (chosen by rule). */
export const wpiRouteSchema = z.strictObject({
  uitkering: z.enum(UITKERINGEN),
  toelichting: z.string().max(2000).optional(),
});

/** A step of the WPI route; the assignment names WPI's klantmanager and inkomensconsulent (staff keys, no names). */
export const wpiStapSchema = z
  .strictObject({
    stap: z.enum(WPI_STAPPEN),
    status: z.enum(['afgerond', 'niet-nodig']),
    datum: datumIn(DATUMVENSTERS.gebeurd),
    klantmanager: sleutel.optional(),
    inkomensconsulent: sleutel.optional(),
  })
  .superRefine((s, ctx) => {
    const toewijzing = s.stap === 'toegewezen';
    for (const veld of ['klantmanager', 'inkomensconsulent'] as const) {
      if (toewijzing && !s[veld])
        ctx.addIssue({ code: 'custom', path: [veld], message: 'de toewijzing noemt de klantmanager en de inkomensconsulent' });
      if (!toewijzing && s[veld]) ctx.addIssue({ code: 'custom', path: [veld], message: 'hoort alleen bij de stap toegewezen' });
    }
    if (s.status === 'niet-nodig' && WPI_STAPPEN_ALTIJD.includes(s.stap))
      ctx.addIssue({ code: 'custom', path: ['status'], message: `de stap ${s.stap} is altijd nodig` });
  });

/** A DDAS contact attempt other than a huisbezoek (those go through …/huisbezoeken, with their time). */
export const contactpogingSchema = z.strictObject({
  soort: z.enum(CONTACTPOGING_SOORTEN).refine((s) => s !== 'huisbezoek', {
    error: 'registreer een huisbezoek via /meldingen/{id}/huisbezoeken, met tijdstip en uitkomst',
  }),
  datum: datumIn(DATUMVENSTERS.gebeurd),
  dagdeel: z.enum(DAGDELEN),
  bereikt: z.boolean(),
  notitie: z.string().max(2000).optional(),
});

const aanmeldingVelden = z.strictObject({
  aanmeldDatum: datumIn(DATUMVENSTERS.binnenkomst),
  buurtteam: sleutel,
  regievoerder: sleutel.optional(),
  client: z.strictObject({ bsn, naam: tekst(200) }),
  crisis: z.boolean().default(false),
  /** Asked of the client, never presumed (werkkader §2.4.6, "Privacy en uitwisseling gegevens"): both answers are required. */
  toestemming: toestemming.refine((t) => !t.delen || t.vastleggen, {
    path: ['delen'],
    error: 'delen kan alleen met toestemming om vast te leggen',
  }),
  /** Weeks after aanmelding at which the teamleider is warned; the legal term is 8 weeks. */
  waarschuwingWeken: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((w) => w.every((x, i) => i === 0 || x > w[i - 1]!), { error: 'weken oplopend en uniek' })
    .default([6, 7]),
});

/**
 * Without consent to record (`vastleggen`) only the minimum enters the case: the BSN (the
 * beschikking and the registration system need it), not the name.
 */
function minimaal<A extends { client: { bsn: string; naam: string }; toestemming: { vastleggen: boolean } }>(
  a: A,
): Omit<A, 'client'> & { client: { bsn: string; naam?: string } } {
  return a.toestemming.vastleggen ? a : { ...a, client: { bsn: a.client.bsn } };
}

export const aanmeldingSchema = aanmeldingVelden.transform(minimaal);
export const overdrachtSchema = aanmeldingVelden.omit({ buurtteam: true }).transform(minimaal);

/**
 * Informatie en advies (werkkader §2.4.1-2): light registration. What the client consents to, the
 * subjects; the name only if they want it recorded, no BSN (that comes with a step up into Route 020).
 */
export const adviesSchema = z
  .strictObject({
    startDatum: datumIn(DATUMVENSTERS.binnenkomst),
    buurtteam: sleutel,
    regievoerder: sleutel.optional(),
    onderwerpen: z
      .array(z.enum(ADVIES_ONDERWERPEN))
      .min(1)
      .max(ADVIES_ONDERWERPEN.length)
      .refine((o) => new Set(o).size === o.length, { error: 'elk onderwerp één keer' }),
    toestemming: toestemming.refine((t) => !t.delen || t.vastleggen, {
      path: ['delen'],
      error: 'delen kan alleen met toestemming om vast te leggen',
    }),
    client: z.strictObject({ naam: tekst(200).optional() }).optional(),
  })
  // Without consent to record, no name enters the case (as with an aanmelding).
  .transform(({ client, ...a }): typeof a & { client?: { naam: string } } =>
    a.toestemming.vastleggen && client?.naam ? { ...a, client: { naam: client.naam } } : a,
  );

export const adviesGesprekSchema = z.strictObject({ datum: datumIn(DATUMVENSTERS.gebeurd), vorm: z.enum(GESPREK_VORMEN) });

/** An advice given or arranged, by the medewerker or with a partner (werkkader §2.8.1). */
export const gegevenAdviesSchema = z.strictObject({
  datum: datumIn(DATUMVENSTERS.gebeurd),
  soort: z.enum(ADVIES_SOORTEN),
  partner: z.enum(ADVIES_PARTNERS).optional(),
});

export const adviesAfsluitingSchema = z.strictObject({
  uitkomst: z.enum(ADVIES_UITKOMSTEN).refine((u) => u !== 'opgeschaald', {
    error: 'opschalen naar een schuldhulptraject gaat via /adviezen/{id}/opschaling',
  }),
  datum: datumIn(DATUMVENSTERS.gebeurd),
});

export const faseSchema = z
  .strictObject({
    naar: z.enum(FASEN),
    route: z.enum(SCHULDREGELING_ROUTES).optional(),
    reden: z.string().trim().min(1).max(2000).optional(),
    /** The uitstroomkenmerk (werkkader ch. 5); trajecten with an ondersteuningsplan close only with one. */
    uitstroom: z
      .enum(UITSTROOM_REDENEN)
      .optional()
      .describe('waarom het traject eindigt (uitstroomkenmerk); verplicht bij afsluiten van een traject met een ondersteuningsplan'),
  })
  .refine((f) => f.naar !== 'schuldregeling' || f.route !== undefined, {
    path: ['route'],
    error: 'schuldregeling vraagt een route: minnelijk of wsnp',
  })
  .refine((f) => f.naar !== 'afgesloten' || f.reden !== undefined, {
    path: ['reden'],
    error: 'afsluiten vraagt een reden',
  })
  .refine((f) => f.naar === 'afgesloten' || f.uitstroom === undefined, {
    path: ['uitstroom'],
    error: 'een uitstroomreden hoort alleen bij afsluiten',
  });

export const intakeSchema = z.discriminatedUnion('actie', [
  z.strictObject({ actie: z.literal('gepland'), tijdstip: tijdstipIn(DATUMVENSTERS.zaak) }),
  z.strictObject({ actie: z.literal('gehouden'), tijdstip: tijdstipIn(DATUMVENSTERS.gebeurd) }),
]);

export const beschikkingSchema = z.strictObject({
  datum: datumIn(DATUMVENSTERS.zaak),
  besluit: z.enum(['toegekend', 'afgewezen']),
});

export const toestemmingSchema = toestemming.extend({ datum: datumIn(DATUMVENSTERS.zaak) });

/** Awb 4:15: `opschorten` on the day the client is asked for documents, `hervatten` on the day they come in. */
export const opschortingSchema = z.strictObject({ actie: z.enum(['opschorten', 'hervatten']), datum: datumIn(DATUMVENSTERS.zaak) });
/** Awb 4:14: once, with a reason and the new last day for the beschikking. */
export const verdagingSchema = z.strictObject({ nieuweEinddatum: datumIn(DATUMVENSTERS.zaak), reden: tekst(2000) });

export const flankmoduleSchema = z.strictObject({ module: z.enum(FLANKMODULES), actief: z.boolean() });
export const crisisinterventieSchema = z.strictObject({ actief: z.boolean() });
export const inkomensbeheerSchema = z.strictObject({ vorm: z.enum(INKOMENSBEHEER_VORMEN), datum: datumIn(DATUMVENSTERS.zaak) });

/**
 * A referral or warm hand-over to a partner (werkkader §2.4.7, ch. 3). `verwijzingId` defaults to
 * `<soort>-<datum>`, so a repeated request is the same verwijzing; choose one for a second
 * referral of the same kind on the same day.
 */
export const verwijzingSchema = z
  .strictObject({
    verwijzingId: sleutel.optional(),
    soort: z.enum(VERWIJZING_SOORTEN),
    ontvanger: tekst(200).describe('de ontvangende organisatie (bijvoorbeeld OKT Zuidoost, MEE), geen gegevens van de cliënt'),
    datum: datumIn(DATUMVENSTERS.gebeurd),
    warm: z.boolean().describe('warme overdracht: overgedragen in een gezamenlijk gesprek met de cliënt'),
  })
  .transform((v) => ({ ...v, verwijzingId: v.verwijzingId ?? verwijzingIdVoor(v) }));
/** The second path parameter of …/verwijzingen/{verwijzingId}/uitkomst. */
export const verwijzingPadSchema = z.strictObject({ verwijzingId: sleutel });
export const verwijzingUitkomstSchema = z.strictObject({
  uitkomst: z.enum(VERWIJZING_UITKOMSTEN),
  datum: datumIn(DATUMVENSTERS.gebeurd),
});
/** Minor children in the household (werkkader §3.1.1), and once looked into, the kindcheck's outcome. */
export const kindcheckSchema = z
  .strictObject({
    minderjarigeKinderen: z.boolean(),
    datum: datumIn(DATUMVENSTERS.gebeurd),
    uitkomst: z.enum(KINDCHECK_UITKOMSTEN).optional(),
  })
  .refine((k) => k.minderjarigeKinderen || k.uitkomst === undefined, {
    path: ['uitkomst'],
    error: 'een kindcheck hoort bij een huishouden met minderjarige kinderen',
  });

/**
 * A teamleider appoints or changes the regievoerder (werkkader §2.4, "Formele regie"); with `buurtteam`
 * the traject moves to another team. A hand-over is warm: it names the day of the overdrachtsgesprek
 * (the workflow asks for it once there was a regievoerder before).
 */
export const regieSchema = z
  .strictObject({
    regievoerder: sleutel,
    rol: z.enum(REGIE_ROLLEN),
    reden: z.enum(REGIE_REDENEN),
    buurtteam: sleutel.optional(),
    overdrachtsgesprek: datumIn(DATUMVENSTERS.zaak).optional(),
  })
  .refine((r) => r.reden !== 'schulden-dominant' || r.rol === 'schuldhulpverlener', {
    path: ['rol'],
    error: 'als de schulden de boventoon voeren neemt de schuldhulpverlener de regie (werkkader §4.1.4)',
  });

/**
 * One contact in the traject's contactlog. An afspraak may be planned ahead; everything else has
 * happened. The note stays in the (encrypted) case state: it is never shared or shown to operators.
 */
export const contactSchema = z
  .strictObject({
    soort: z.enum(CONTACT_SOORTEN),
    tijdstip: tijdstipIn(DATUMVENSTERS.zaak),
    uitkomst: z.enum(ALLE_CONTACT_UITKOMSTEN),
    notitie: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((c, ctx) => {
    const mogelijk: readonly string[] = CONTACT_UITKOMSTEN[c.soort];
    if (!mogelijk.includes(c.uitkomst)) {
      ctx.addIssue({ code: 'custom', path: ['uitkomst'], message: `bij ${c.soort} kies uit: ${mogelijk.join(', ')}` });
    }
  });

/** Operator action on a case with refused deliveries; the body may be empty. */
export const herleveringSchema = z.strictObject({}).default({});

/** A ZRM measurement: the financien domain at least (the reason for the traject), any other domains scored 1-5. */
export const zrmMetingSchema = z.strictObject({
  moment: z.enum(ZRM_MOMENTEN),
  datum: datumIn(DATUMVENSTERS.zaak),
  scores: z
    .partialRecord(z.enum(ZRM_DOMEINEN), z.number().int().min(1).max(5))
    .refine((s) => s.financien !== undefined, { error: 'de score voor financien is verplicht' }),
});

/** An action of the ondersteuningsplan: what, who (the client, the medewerker, or a partner named by its organisation), by when. */
const planActieSchema = z
  .strictObject({
    wat: tekst(500),
    wie: z.enum(PLAN_UITVOERDERS),
    organisatie: tekst(200).optional().describe('de organisatie van de partner; alleen bij wie = partner'),
    uiterlijk: datumIn(DATUMVENSTERS.zaak),
  })
  .refine((a) => a.wie !== 'partner' || a.organisatie !== undefined, {
    path: ['organisatie'],
    error: 'een actie van een partner noemt de organisatie',
  })
  .refine((a) => a.wie === 'partner' || a.organisatie === undefined, {
    path: ['organisatie'],
    error: 'een organisatie hoort alleen bij een actie van een partner',
  });

/**
 * One version of the ondersteuningsplan, agreed with the client (werkkader §2.4.5, §2.4.6): the
 * goals, who does what by when, and the date of the evaluation. `versie` 1 is the first plan; the
 * next number adjusts or renews it, so a repeated request is recognised.
 */
export const ondersteuningsplanSchema = z
  .strictObject({
    versie: z.number().int().min(1).max(999).describe('1 voor het eerste plan, daarna één hoger bij elke bijstelling of vernieuwing'),
    vastgesteld: datumIn(DATUMVENSTERS.gebeurd),
    doelen: z.array(tekst(500)).min(1, { error: 'een plan heeft minstens één doel' }).max(20),
    acties: z.array(planActieSchema).min(1, { error: 'een plan heeft minstens één actie' }).max(50),
    evaluatieDatum: datumIn(DATUMVENSTERS.zaak),
  })
  .refine((p) => p.evaluatieDatum > p.vastgesteld, { path: ['evaluatieDatum'], error: 'de evaluatie ligt na de vaststelling' });

/**
 * An evaluation of the plan with the client (werkkader §2.4.8): continue until the next evaluation,
 * adjust the plan (its new version sets the next date), or close it.
 */
export const evaluatieSchema = z
  .strictObject({
    datum: datumIn(DATUMVENSTERS.gebeurd),
    uitkomst: z.enum(EVALUATIE_UITKOMSTEN),
    volgendeEvaluatie: datumIn(DATUMVENSTERS.zaak).optional().describe('alleen en verplicht bij doorgaan'),
    toelichting: z.string().trim().max(2000).optional(),
  })
  .refine((e) => e.uitkomst !== 'doorgaan' || e.volgendeEvaluatie !== undefined, {
    path: ['volgendeEvaluatie'],
    error: 'doorgaan vraagt de datum van de volgende evaluatie',
  })
  .refine((e) => e.uitkomst === 'doorgaan' || e.volgendeEvaluatie === undefined, {
    path: ['volgendeEvaluatie'],
    error: 'een volgende evaluatie hoort bij doorgaan; bij bijstellen volgt de datum uit het bijgestelde plan',
  })
  .refine((e) => e.volgendeEvaluatie === undefined || e.volgendeEvaluatie > e.datum, {
    path: ['volgendeEvaluatie'],
    error: 'de volgende evaluatie ligt na deze',
  });

/** A contact in the nazorg ("vinger aan de pols", werkkader §2.8.5). */
export const nazorgContactSchema = z.strictObject({
  datum: datumIn(DATUMVENSTERS.gebeurd),
  soort: z.enum(NAZORG_CONTACTSOORTEN),
  notitie: z.string().trim().max(2000).optional(),
});

/**
 * A minimaatwerk payment for the traject's household, named by its address (the limit is per
 * household, werkkader: Minimaatwerkbudget); only a keyed hash of the address is kept. Dated in a
 * year that can still be booked (common/minimaatwerk.ts).
 */
export const minimaatwerkSchema = z.strictObject({
  bedragCent: z.number().int().positive().max(MINIMAATWERK_HUISHOUDEN_CENT),
  datum: datum.superRefine((d, ctx) => {
    const reden = /^\d{4}-\d\d-\d\d$/.test(d) ? waaromNietBoekbaar(d, amsterdamDatum(new Date())) : undefined;
    if (reden) ctx.addIssue({ code: 'custom', message: reden });
  }),
  huishouden: z.strictObject({ postcode, huisnummer: tekst(20) }),
  omschrijving: z.string().trim().max(500).optional(),
});
/** A colleague approves or refuses a recorded spend (zes ogen). */
export const bestedingBeoordelingSchema = z.strictObject({ besluit: z.enum(['goedgekeurd', 'afgewezen']) });
export const budgetQuerySchema = z.strictObject({ jaar: z.coerce.number().int().min(2020).max(2100).optional() });

/**
 * A complaint the team received (werkkader ch. 5): its aard and the day, nothing about who
 * complained and no free text, so nothing personal is stored or reported.
 */
export const klachtSchema = z.strictObject({
  aard: z.enum(KLACHT_AARDEN),
  ontvangen: datumIn(DATUMVENSTERS.gebeurd).superRefine((d, ctx) => {
    const reden = ISO_DATUM.test(d) ? waaromNietTeRegistreren(d, amsterdamDatum(new Date())) : undefined;
    if (reden) ctx.addIssue({ code: 'custom', message: reden });
  }),
});
/** How and when a complaint was settled. */
export const klachtAfdoeningSchema = z.strictObject({ wijze: z.enum(KLACHT_AFDOENINGEN), datum: datumIn(DATUMVENSTERS.gebeurd) });
export const klachtParamsSchema = z.object({ team: sleutel, klachtId: z.string().max(80) });
export const klachtenQuerySchema = z.strictObject({ jaar: z.coerce.number().int().min(2020).max(2100).optional() });

/** Path and query of GET /teams/:team/taken. */
export const werkvoorraadParamsSchema = z.object({ team: sleutel });
export const WERKVOORRAAD_MAX_LIMIET = 200;
export const werkvoorraadQuerySchema = z.strictObject({
  regievoerder: sleutel.optional(),
  /** Only cases with this open task (e.g. `huisbezoek`, `intake-plannen`). */
  taak: sleutel.optional(),
  limiet: z.coerce.number().int().min(1).max(WERKVOORRAAD_MAX_LIMIET).default(50),
  /** `volgende` of the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, { error: 'onbekende cursor' })
    .optional(),
});

/** A date (midnight UTC) or an instant with zone; stored and compared as ISO UTC. */
const moment = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'verwacht een datum of een ISO-tijdstip met tijdzone' })
  .transform((v) => new Date(v).toISOString());

/** Query of GET /audit. */
export const auditQuerySchema = z.strictObject({
  zaakId: z
    .string()
    .regex(/^(melding|traject|advies)-[a-z0-9-]{1,100}$/, { error: 'verwacht een zaak-id' })
    .optional(),
  gebruiker: z.string().min(1).max(200).optional(),
  /** From (inclusive). */
  van: moment.optional(),
  /** Up to (exclusive). */
  tot: moment.optional(),
  /** `volgende` of the previous page. */
  na: z.coerce.number().int().min(0).optional(),
  limiet: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A reporting period: whole Amsterdam days, both inclusive, at most a year. */
function geldigePeriode(p: { van: string; tot: string }, ctx: z.RefinementCtx): void {
  if (p.van > p.tot) ctx.addIssue({ code: 'custom', path: ['tot'], message: 'tot ligt vóór van' });
  else if (Date.parse(p.tot) - Date.parse(p.van) > 366 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['tot'], message: 'een periode is hoogstens een jaar' });
}

const rapportageDatum = datumIn(DATUMVENSTERS.rapportage);

/** Query of GET /rapportage. */
export const rapportageQuerySchema = z
  .strictObject({ buurtteam: sleutel, van: rapportageDatum, tot: rapportageDatum, formaat: z.enum(['json', 'csv']).default('json') })
  .superRefine(geldigePeriode);

/** Query of GET /rapportage/ddas: the whole gemeente, or one team. */
export const ddasQuerySchema = z
  .strictObject({ van: rapportageDatum, tot: rapportageDatum, buurtteam: sleutel.optional() })
  .superRefine(geldigePeriode);

export type Melding = z.infer<typeof meldingSchema>;
export type Huisbezoek = z.infer<typeof huisbezoekSchema>;
export type BegeleidingStap = (typeof BEGELEIDING_STAPPEN)[number];
export type StapUpdate = z.infer<typeof stapSchema>;
export type MeldingAfsluiting = z.infer<typeof meldingAfsluitingSchema>;
export type ContactpogingInvoer = z.infer<typeof contactpogingSchema>;
export type WpiRouteInvoer = z.infer<typeof wpiRouteSchema>;
export type WpiStapInvoer = z.infer<typeof wpiStapSchema>;
export type Aanmelding = z.infer<typeof aanmeldingSchema>;
export type Overdracht = z.infer<typeof overdrachtSchema>;
export type Advies = z.infer<typeof adviesSchema>;
export type AdviesGesprek = z.infer<typeof adviesGesprekSchema>;
export type GegevenAdvies = z.infer<typeof gegevenAdviesSchema>;
export type AdviesAfsluiting = z.infer<typeof adviesAfsluitingSchema>;
export type Fase = (typeof FASEN)[number];
export type FaseWijziging = z.infer<typeof faseSchema>;
export type IntakeUpdate = z.infer<typeof intakeSchema>;
export type Beschikking = z.infer<typeof beschikkingSchema>;
export type Toestemming = z.infer<typeof toestemmingSchema>;
export type Flankmodule = (typeof FLANKMODULES)[number];
export type FlankmoduleUpdate = z.infer<typeof flankmoduleSchema>;
export type CrisisinterventieUpdate = z.infer<typeof crisisinterventieSchema>;
export type InkomensbeheerUpdate = z.infer<typeof inkomensbeheerSchema>;
export type Minimaatwerk = z.infer<typeof minimaatwerkSchema>;
export type ZrmMeting = z.infer<typeof zrmMetingSchema>;
export type ZrmMoment = ZrmMeting['moment'];
export type OpschortingUpdate = z.infer<typeof opschortingSchema>;
export type VerdagingUpdate = z.infer<typeof verdagingSchema>;
export type Herlevering = z.infer<typeof herleveringSchema>;
export type VerwijzingInvoer = z.infer<typeof verwijzingSchema>;
export type VerwijzingUitkomstInvoer = z.infer<typeof verwijzingUitkomstSchema> & z.infer<typeof verwijzingPadSchema>;
export type KindcheckInvoer = z.infer<typeof kindcheckSchema>;
export type RegieWijziging = z.infer<typeof regieSchema>;
export type ContactInvoer = z.infer<typeof contactSchema>;
export type PlanInvoer = z.infer<typeof ondersteuningsplanSchema>;
export type PlanActie = z.infer<typeof planActieSchema>;
export type Evaluatie = z.infer<typeof evaluatieSchema>;
export type NazorgContact = z.infer<typeof nazorgContactSchema>;
