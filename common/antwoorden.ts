import { z, type ZodType } from 'zod';
import type { OpgeslagenAuditRegel } from '../api/audit/auditLog';
import { ROLLEN, type Gebruiker } from '../api/auth/tokenVerifier';
import type { Overzicht } from '../api/werkvoorraad/overzicht';
import type { Pagina, Taak } from '../api/werkvoorraad/werkvoorraad';
import type { Wie } from '../api/werkvoorraad/werkvoorraadWie';
import type { Rapportage } from '../api/rapportage/rapportageCijfers';
import type { AdviesStatus, Klacht, KlachtenStatus, MeldingStatus, TrajectStatus } from '../workflows/types';
import { TERUGKOPPELING_STATUSSEN } from '../workflows/eindresultaat';
import {
  ADVIES_ONDERWERPEN,
  ADVIES_PARTNERS,
  ADVIES_SOORTEN,
  ADVIES_UITKOMSTEN,
  ALLE_CONTACT_UITKOMSTEN,
  BEGELEIDING_STAPPEN,
  CONTACT_SOORTEN,
  CONTACTPOGING_SOORTEN,
  DAGDELEN,
  EVALUATIE_UITKOMSTEN,
  FASEN,
  FLANKMODULES,
  GESPREK_VORMEN,
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
import { DDAS_EINDRESULTATEN } from './ddas';
import { TERMIJN_STARTS } from './termijnen';
import { WPI_ROUTES, WPI_STAPPEN } from './wpiRoute';

/**
 * Output contracts: the shape of each answer of the API. The API sends every answer through its
 * schema (api/antwoord.ts), so a field that is not here never leaves it, and the OpenAPI document
 * describes the answers with the same schemas. The TypeScript types (the workflows' statuses, the
 * read model's page) stay the truth: `volgens<T>()` fails tsc when a schema and its type differ in a
 * field, its type or its optionality. Answers the API itself composes (operator views, budget) take
 * their type from their schema instead.
 */

/** Every field, at every depth, present and defined: a field one side lacks makes the two differ. */
type Alle<T> = T extends readonly (infer E)[] ? Alle<E>[] : T extends object ? { [K in keyof T]-?: Alle<Exclude<T[K], undefined>> } : T;
type Wederzijds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Same fields (names and types, deep) and the same optionality. */
type Gelijk<A, B> = Wederzijds<Alle<A>, Alle<B>> extends true ? Wederzijds<A, B> : false;

/** The schema, once tsc agrees its output is `T`; on a difference the argument does not type-check. */
export const volgens =
  <T>() =>
  <S extends ZodType>(schema: S & (Gelijk<z.output<S>, T> extends true ? unknown : { schemaWijktAfVan: T })): S =>
    schema;

const datum = z.string().describe('datum JJJJ-MM-DD');
const tijdstip = z.string().describe('ISO-tijdstip');
const door = { door: z.string().optional().describe('wie het vastlegde (sub van het token)') };

const storing = z.object({
  sleutel: z.string(),
  soort: z.enum(['notificatie', 'registratie']),
  onderwerp: z.string(),
  reden: z.string(),
  sinds: tijdstip,
  pogingen: z.number(),
  volgendePoging: tijdstip,
  uitwijk: z.enum(['verstuurd', 'geen-uitwijk', 'mislukt']).optional(),
  notificatie: z
    .object({
      idempotencyKey: z.string(),
      soort: z.enum(['teamleider-alert', 'taak', 'wpi-taak']),
      buurtteam: z.string(),
      zaakId: z.string(),
      onderwerp: z.string(),
      bericht: z.string(),
      termijn: tijdstip.optional(),
    })
    .optional(),
});

const toestemming = z.object({ vastleggen: z.boolean(), delen: z.boolean() });
const termijn = z.object({ einddatum: datum, verloopt: tijdstip, kaleEinddatum: datum, opgeschortSinds: datum.optional() });
const termijnVerloop = z.object({
  start: z.enum(TERMIJN_STARTS),
  startDatum: datum.optional(),
  wijzigingen: z.array(
    z.union([
      z.object({ soort: z.literal('opschorting'), vanaf: datum, tot: datum.optional() }),
      z.object({ soort: z.literal('verdaging'), nieuweEinddatum: datum, reden: z.string(), datum }),
    ]),
  ),
});

const planVersie = z.object({
  ...door,
  versie: z.number(),
  vastgesteld: datum,
  evaluatieDatum: datum,
  doelen: z.array(z.string()),
  acties: z.array(z.object({ wat: z.string(), wie: z.enum(PLAN_UITVOERDERS), organisatie: z.string().optional(), uiterlijk: datum })),
});
const planEvaluatie = z.object({
  ...door,
  versie: z.number(),
  datum,
  uitkomst: z.enum(EVALUATIE_UITKOMSTEN),
  volgendeEvaluatie: datum.optional(),
  toelichting: z.string().optional(),
});

const regie = z.object({
  regievoerder: z.string(),
  rol: z.enum(REGIE_ROLLEN),
  buurtteam: z.string(),
  historie: z.array(
    z.object({
      ...door,
      van: z.string().optional(),
      naar: z.string(),
      rol: z.enum(REGIE_ROLLEN),
      vanTeam: z.string().optional(),
      naarTeam: z.string().optional(),
      datum: tijdstip,
      reden: z.enum(REGIE_REDENEN),
      overdrachtsgesprek: datum.optional(),
    }),
  ),
});

const contact = z.object({
  ...door,
  soort: z.enum(CONTACT_SOORTEN),
  tijdstip,
  uitkomst: z.enum(ALLE_CONTACT_UITKOMSTEN),
  notitie: z.string().optional(),
  vastgelegd: tijdstip,
});

const verwijzingen = z.object({
  lijst: z.array(
    z.object({
      ...door,
      verwijzingId: z.string(),
      soort: z.enum(VERWIJZING_SOORTEN),
      ontvanger: z.string(),
      datum,
      warm: z.boolean(),
      opvolgenUiterlijk: datum,
      uitkomsten: z.array(z.object({ ...door, uitkomst: z.enum(VERWIJZING_UITKOMSTEN), datum })),
      herinnerd: datum.optional(),
    }),
  ),
  kindcheck: z.object({ ...door, minderjarigeKinderen: z.boolean(), datum, uitkomst: z.enum(KINDCHECK_UITKOMSTEN).optional() }).optional(),
});

/** GET /trajecten/{id} and the traject's update routes, for the traject's own team. */
export const trajectStatusSchema = volgens<TrajectStatus>()(
  z.object({
    trajectId: z.string(),
    buurtteam: z.string(),
    regievoerder: z.string().optional(),
    aanmeldDatum: datum,
    vanMelding: z.string().optional(),
    vanAdvies: z.string().optional(),
    client: z.object({ naam: z.string() }).optional().describe('alleen met toestemming om vast te leggen'),
    fase: z.enum(FASEN),
    route: z.enum(SCHULDREGELING_ROUTES).optional(),
    afsluitReden: z.string().optional(),
    faseHistorie: z.array(
      z.object({
        ...door,
        fase: z.enum(FASEN),
        route: z.enum(SCHULDREGELING_ROUTES).optional(),
        vanaf: tijdstip,
        reden: z.string().optional(),
      }),
    ),
    intake: z.object({
      gepland: tijdstip.optional(),
      gehouden: tijdstip.optional(),
      geplandDoor: z.string().optional(),
      gehoudenDoor: z.string().optional(),
    }),
    beschikking: z.object({ ...door, datum, besluit: z.enum(['toegekend', 'afgewezen']) }).optional(),
    bezwaartermijn: termijn.optional().describe('Awb 6:7: bezwaar mogelijk tot `verloopt`'),
    toestemming: toestemming.extend({ ...door, datum }),
    toestemmingHistorie: z.array(toestemming.extend({ ...door, datum })),
    crisisinterventie: z.boolean(),
    crisisGesprekUiterlijk: tijdstip.optional(),
    flankmodules: z.array(z.enum(FLANKMODULES)),
    moduleHistorie: z.array(z.object({ ...door, wijziging: z.string(), op: tijdstip })).optional(),
    inkomensbeheer: z.object({ ...door, vorm: z.enum(INKOMENSBEHEER_VORMEN), datum }).optional(),
    termijn: termijn.partial({ kaleEinddatum: true }).optional(),
    termijnVerloop: termijnVerloop.optional(),
    ondersteuningsplan: z.object({ versies: z.array(planVersie), evaluaties: z.array(planEvaluatie) }).optional(),
    nazorgContacten: z.array(z.object({ ...door, datum, soort: z.enum(NAZORG_CONTACTSOORTEN), notitie: z.string().optional() })).optional(),
    uitstroom: z.object({ ...door, reden: z.enum(UITSTROOM_REDENEN), datum }).optional(),
    regie: regie.optional(),
    contacten: z.array(contact).optional(),
    zrm: z
      .object({
        metingen: z.array(z.object({ moment: z.enum(ZRM_MOMENTEN), datum, scores: z.partialRecord(z.enum(ZRM_DOMEINEN), z.number()) })),
        startmetingUiterlijk: datum,
        tussenmetingVanaf: datum,
      })
      .optional(),
    verwijzingen: verwijzingen.optional(),
    openTaken: z.array(z.string()),
    verzondenAlerts: z.array(z.string()),
    // Trajecten closed before patch registratie-herlevering answer a status without them.
    storingen: z.array(storing).default([]),
    termijnStoringen: z.array(storing).default([]),
    openstaandeRegistraties: z.number().describe('registraties die het registratiesysteem nog niet aannam'),
    registratieVolgnummer: z.number(),
  }),
);

const stap = z.object({ ...door, status: z.enum(['afgerond', 'niet-nodig']), datum });
const schuldeiser = z.object({ type: z.enum(SCHULDEISER_TYPES), naam: z.string() });
const achterstand = z.object({ bedragCent: z.number(), maanden: z.number() });
const crisisdata = { ontruimingsDatum: datum.optional(), afsluitDatum: datum.optional(), beeindigdPer: datum.optional() };

/** GET /meldingen/{id} and the melding's update routes, for the melding's own team. */
export const meldingStatusSchema = volgens<MeldingStatus>()(
  z.object({
    meldingId: z.string(),
    buurtteam: z.string(),
    regievoerder: z.string().optional(),
    route: z.enum(['vroeg-eropaf', ...WPI_ROUTES]),
    fase: z.enum(['bereiken', 'begeleiding', 'afgesloten', 'overgedragen']),
    schuldeiser,
    referentie: z.string(),
    achterstand,
    meldDatum: datum,
    client: z
      .object({ naam: z.string(), adres: z.object({ straat: z.string(), huisnummer: z.string(), postcode: z.string() }) })
      .optional()
      .describe('naam en adres, alleen zolang de melding open is'),
    bezoeken: z.array(
      z.object({
        ...door,
        tijdstip,
        uitkomst: z.enum(HUISBEZOEK_UITKOMSTEN),
        medewerker: z.string(),
        notitie: z.string().optional(),
        avondOfWeekend: z.boolean(),
      }),
    ),
    volgendBezoek: z.object({ uiterlijk: tijdstip, avondOfWeekend: z.boolean(), herinneringen: z.number().optional() }).optional(),
    stappen: z.partialRecord(z.enum(BEGELEIDING_STAPPEN), stap),
    // The narrowest first: a union answers with the first member that fits.
    afsluiting: z
      .union([
        z.object({ ...door, reden: z.literal('verlopen') }),
        z.object({ ...door, reden: z.literal('geweigerd'), toelichting: z.string().optional() }),
        z.object({
          ...door,
          reden: z.enum(MELDING_AFSLUITREDENEN).optional(),
          eindresultaat: z.enum(DDAS_EINDRESULTATEN).optional(),
          besluitReden: z.enum(ONBEREIKT_BESLUITREDENEN).optional(),
          toelichting: z.string().optional(),
        }),
      ])
      .optional(),
    trajectId: z.string().optional(),
    overgedragenDoor: z.string().optional(),
    verzondenAlerts: z.array(z.string()),
    storingen: z.array(storing),
    doorgestart: z.number(),
    herhaalmeldingen: z
      .array(
        z.object({
          ...crisisdata,
          achterstand,
          meldDatum: datum,
          schuldeiser: schuldeiser.optional(),
          referentie: z.string().optional(),
          soort: z.enum(SIGNAAL_SOORTEN).optional(),
          ontvangen: tijdstip,
        }),
      )
      .optional(),
    signalen: z.array(
      z.object({
        ...crisisdata,
        signaalId: z.string(),
        soort: z.enum(SIGNAAL_SOORTEN),
        schuldeiser,
        referentie: z.string(),
        achterstand,
        meldDatum: datum,
        ontvangen: tijdstip,
        crisis: z.boolean(),
        opgepakt: z.boolean(),
        reden: z.literal('herhaalde-melding').optional(),
        teLaatGemeld: z.literal(true).optional(),
      }),
    ),
    contactpogingen: z.array(
      z.object({
        ...door,
        soort: z.enum(CONTACTPOGING_SOORTEN),
        datum,
        dagdeel: z.enum(DAGDELEN),
        bereikt: z.boolean(),
        notitie: z.string().optional(),
      }),
    ),
    normen: z.object({
      eersteContactpogingUiterlijk: datum,
      eersteAnalyseUiterlijk: datum,
      eersteContactpoging: datum.optional(),
      eersteAnalyse: datum.optional(),
    }),
    crisis: z
      .object({ soort: z.enum(SIGNAAL_SOORTEN).exclude(['betalingsachterstand']), sinds: tijdstip, eersteContactUiterlijk: tijdstip })
      .optional(),
    onbereiktBesluitNodig: tijdstip.optional(),
    eindresultaat: z.enum(DDAS_EINDRESULTATEN).optional(),
    terugkoppeling: z.array(
      z.object({ signaalId: z.string(), schuldeiser, referentie: z.string(), status: z.enum(TERUGKOPPELING_STATUSSEN) }),
    ),
    wpi: z
      .object({
        ...door,
        route: z.enum(WPI_ROUTES),
        aanleiding: z.enum(['signaal', 'medewerker']),
        sinds: tijdstip,
        toelichting: z.string().optional(),
        klantmanager: z.string().optional(),
        inkomensconsulent: z.string().optional(),
        stappen: z.partialRecord(z.enum(WPI_STAPPEN), stap),
      })
      .optional(),
    openTaken: z.array(z.string()),
  }),
);

/** GET /adviezen/{id}, the advies's update routes and its opschaling, for the advies's own team. */
export const adviesStatusSchema = volgens<AdviesStatus>()(
  z.object({
    adviesId: z.string(),
    buurtteam: z.string(),
    regievoerder: z.string().optional(),
    fase: z.enum(['lopend', 'afgesloten']),
    startDatum: datum,
    uiterlijk: datum,
    onderwerpen: z.array(z.enum(ADVIES_ONDERWERPEN)),
    toestemming: toestemming.extend({ ...door, datum: datum.optional() }),
    client: z.object({ naam: z.string() }).optional().describe('alleen met toestemming om vast te leggen'),
    gesprekken: z.array(z.object({ ...door, datum, vorm: z.enum(GESPREK_VORMEN) })),
    adviezen: z.array(z.object({ ...door, datum, soort: z.enum(ADVIES_SOORTEN), partner: z.enum(ADVIES_PARTNERS).optional() })),
    afrondenGevraagd: datum.optional(),
    verstreken: datum.optional(),
    afsluiting: z.object({ ...door, uitkomst: z.enum(ADVIES_UITKOMSTEN), datum, trajectId: z.string().optional() }).optional(),
    verzondenAlerts: z.array(z.string()),
    storingen: z.array(storing),
    openTaken: z.array(z.string()),
  }),
);

/*
 * What an operator outside the case's team sees (api/operatorWeergave.ts builds it): progress
 * without personal data. No creditor name or reference, no notes, names, addresses or free text.
 */

const operatorStap = z.object({ status: z.enum(['afgerond', 'niet-nodig']), datum });

export const operatorMeldingSchema = z
  .object({
    ...meldingStatusSchema.pick({
      meldingId: true,
      buurtteam: true,
      regievoerder: true,
      fase: true,
      openTaken: true,
      meldDatum: true,
      volgendBezoek: true,
      trajectId: true,
      verzondenAlerts: true,
      doorgestart: true,
    }).shape,
    schuldeiserType: z.enum(SCHULDEISER_TYPES),
    maandenAchterstand: z.number(),
    bezoeken: z.array(z.object({ tijdstip, uitkomst: z.enum(HUISBEZOEK_UITKOMSTEN), avondOfWeekend: z.boolean() })),
    stappen: z.record(z.string(), operatorStap),
    afsluitReden: z.enum([...MELDING_AFSLUITREDENEN, 'geweigerd', 'verlopen']).optional(),
  })
  .describe('de melding zoals een operator buiten het buurtteam haar ziet: zonder persoonsgegevens');

export const operatorTrajectSchema = z
  .object({
    ...trajectStatusSchema.pick({
      trajectId: true,
      buurtteam: true,
      regievoerder: true,
      fase: true,
      route: true,
      openTaken: true,
      aanmeldDatum: true,
      vanMelding: true,
      vanAdvies: true,
      termijn: true,
      crisisinterventie: true,
      flankmodules: true,
      regie: true,
      verzondenAlerts: true,
      openstaandeRegistraties: true,
    }).shape,
    faseHistorie: z.array(z.object({ fase: z.enum(FASEN), route: z.enum(SCHULDREGELING_ROUTES).optional(), vanaf: tijdstip })),
    intake: z.object({ gepland: tijdstip.optional(), gehouden: tijdstip.optional() }),
    beschikking: z.object({ datum, besluit: z.enum(['toegekend', 'afgewezen']) }).optional(),
    toestemming,
    inkomensbeheer: z.object({ vorm: z.enum(INKOMENSBEHEER_VORMEN) }).optional(),
    contacten: z.array(z.object({ soort: z.enum(CONTACT_SOORTEN), tijdstip, uitkomst: z.enum(ALLE_CONTACT_UITKOMSTEN) })).optional(),
  })
  .describe('het traject zoals een operator buiten het buurtteam het ziet: zonder persoonsgegevens');

export const operatorAdviesSchema = z
  .object({
    ...adviesStatusSchema.pick({
      adviesId: true,
      buurtteam: true,
      regievoerder: true,
      fase: true,
      openTaken: true,
      startDatum: true,
      uiterlijk: true,
      onderwerpen: true,
      afrondenGevraagd: true,
      verstreken: true,
      verzondenAlerts: true,
    }).shape,
    gesprekken: z.array(z.object({ datum, vorm: z.enum(GESPREK_VORMEN) })),
    adviezen: z.array(z.object({ datum, soort: z.enum(ADVIES_SOORTEN), partner: z.enum(ADVIES_PARTNERS).optional() })),
    afsluiting: z.object({ uitkomst: z.enum(ADVIES_UITKOMSTEN), datum, trajectId: z.string().optional() }).optional(),
    toestemming,
  })
  .describe('het advies zoals een operator buiten het buurtteam het ziet: zonder de naam van de cliënt');

export type OperatorMeldingStatus = z.output<typeof operatorMeldingSchema>;
export type OperatorTrajectStatus = z.output<typeof operatorTrajectSchema>;
export type OperatorAdviesStatus = z.output<typeof operatorAdviesSchema>;

const taak = volgens<Taak>()(
  z.object({
    zaakId: z.string(),
    soort: z.string().describe('workflowtype: vroegEropaf, schuldhulpTraject of informatieAdvies'),
    buurtteam: z.string(),
    fase: z.string().optional(),
    openTaken: z.array(z.string()),
    termijnDatum: tijdstip.optional(),
    regievoerder: z.string().optional(),
    prioriteit: z.number().optional(),
    bijgewerkt: tijdstip.optional(),
  }),
);
const wie = volgens<Wie>()(z.object({ naam: z.string(), adres: z.string().optional() }));
const pagina = volgens<Pagina>()(
  z.object({
    taken: z.array(taak),
    volgende: z.string().optional().describe('cursor van de volgende pagina; ontbreekt op de laatste'),
    totaal: z.number(),
    perTaak: z.record(z.string(), z.number()),
  }),
);

/** GET /teams/{team}/taken: one page of the werkvoorraad, with its filters. */
export const werkvoorraadSchema = pagina.extend({
  buurtteam: z.string(),
  regievoerder: z.string().optional(),
  taak: z.string().optional(),
  limiet: z.number(),
  taken: z.array(
    taak.extend({ wie: wie.optional().describe('naam (en bij een melding straat en huisnummer), alleen voor het eigen buurtteam') }),
  ),
});

const zaakregel = {
  zaakId: z.string(),
  fase: z.string().optional(),
  regievoerder: z.string().optional(),
  termijnDatum: tijdstip.optional(),
};

/** GET /teams/{team}/overzicht: the teamleider's overzicht. */
export const overzichtSchema = volgens<Overzicht>()(
  z.object({
    buurtteam: z.string(),
    peilmoment: tijdstip,
    termijnenOverschreden: z.array(z.object({ ...zaakregel, storing: z.array(z.string()).optional() })),
    termijnenInGevaar: z.array(z.object({ ...zaakregel, storing: z.array(z.string()).optional() })),
    teLateBezoeken: z.array(z.object({ ...zaakregel, storing: z.array(z.string()).optional() })),
    geweigerdeLeveringen: z.array(z.object({ ...zaakregel, storing: z.array(z.string()) })),
    perFase: z.record(z.string(), z.number()),
    perRegievoerder: z.record(z.string(), z.number()),
  }),
);

/** GET /meldingen/{id}/terugkoppeling: what the creditors may be told (DDAS). */
export const terugkoppelingSchema = meldingStatusSchema.pick({ meldingId: true, terugkoppeling: true }).extend({ afgesloten: z.boolean() });

/** GET /ik: the caller as the API sees them. */
export const gebruikerSchema = volgens<Gebruiker>()(
  z.object({ sub: z.string(), rollen: z.array(z.enum(ROLLEN)), buurtteams: z.array(z.string()) }),
);

/** GET /audit: one page of the protocol, oldest first. */
export const auditSchema = z.object({
  regels: z.array(
    volgens<OpgeslagenAuditRegel>()(
      z.object({
        id: z.number(),
        tijdstip,
        gebruiker: z.string().optional(),
        rollen: z.array(z.string()),
        actie: z.string(),
        zaakId: z.string().optional(),
        buurtteam: z.string().optional(),
        status: z.number(),
        correlatieId: z.string().optional(),
      }),
    ),
  ),
  volgende: z.number().optional().describe('`na` voor de volgende pagina, als er meer regels zijn'),
});

const aantallen = <const K extends readonly [string, ...string[]]>(codes: K) => z.record(z.enum(codes), z.number());
const verdeling = z.object({ aantal: z.number(), mediaan: z.number().nullable(), p90: z.number().nullable() });
const wachtstap = z.enum(['intake', 'ondersteuningsplan', 'beschikking']);
const perCode = z.record(z.string(), z.number());

/** GET /rapportage (as JSON): the figures of one team over a period. */
export const rapportageSchema = volgens<Rapportage>()(
  z.object({
    buurtteam: z.string(),
    van: datum,
    tot: datum,
    peilmoment: tijdstip,
    meldingen: z.object({
      aantal: z.number(),
      signalen: z.number(),
      lopend: z.number(),
      bereikt: z.number(),
      nietBereikt: z.number(),
      bereiktOnbekend: z.number(),
      bereiktAandeel: z.number().nullable(),
      dagenTotEersteContactpoging: z.object({
        aantal: z.number(),
        gemiddeld: z.number().nullable(),
        mediaan: z.number().nullable(),
        binnenNorm: z.number(),
      }),
      eindresultaten: perCode.describe('afgesloten meldingen per DDAS-eindresultaat (`onbekend`: zonder)'),
      crisis: perCode,
      teLaatGemeldeAfsluitsignalen: perCode.describe('per leverancier'),
      perRoute: perCode,
    }),
    trajecten: z.object({ aangemeld: z.number(), perFase: perCode }),
    adviezen: z.object({ gestart: z.number(), perUitkomst: perCode }),
    beschikkingen: z.object({ afgegeven: z.number(), opTijd: z.number(), teLaat: z.number(), opTijdAandeel: z.number().nullable() }),
    monitoring: z
      .object({
        stand: datum,
        stromen: z
          .object({
            instroom: z.number(),
            doorstroom: z.number(),
            uitstroom: z.number(),
            uitstroomPerReden: aantallen([...UITSTROOM_REDENEN, 'onbekend']).describe('onbekend: afgesloten zonder uitstroomkenmerk'),
            metOndersteuningsplan: z.object({ instroom: z.number(), doorstroom: z.number(), uitstroom: z.number() }),
          })
          .describe('instroom: aangemeld in de periode; doorstroom: open op de stand; uitstroom: afgesloten in de periode'),
        wachttijden: z
          .array(
            z.object({
              stap: wachtstap,
              na: z.enum(['aanmelding', ...wachtstap.options]),
              bereikt: z.number(),
              dagen: verdeling,
              dagenSindsAanmelding: verdeling,
              wachtend: verdeling.extend({ langste: z.number().nullable() }),
            }),
          )
          .describe('per stap in kalenderdagen: bereikt in de periode, en wie op de stand nog wacht'),
        klachten: z.object({
          ontvangen: z.number(),
          perAard: aantallen(KLACHT_AARDEN),
          afgedaan: z.number(),
          perAfdoening: aantallen(KLACHT_AFDOENINGEN),
          doorlooptijd: verdeling,
          open: z.array(z.object({ klachtId: z.string(), aard: z.enum(KLACHT_AARDEN), ontvangen: datum, dagenOpen: z.number() })),
        }),
      })
      .describe('monitorgegevens (werkkader hoofdstuk 5), geteld op `stand`: de laatste dag van de periode, of vandaag als die nog loopt'),
  }),
);

const klacht = volgens<Klacht>()(
  z.object({
    ...door,
    klachtId: z.string(),
    aard: z.enum(KLACHT_AARDEN),
    ontvangen: datum,
    afdoening: z.object({ ...door, wijze: z.enum(KLACHT_AFDOENINGEN), datum }).optional(),
  }),
);
/** POST /teams/{team}/klachten and …/afdoening: the complaint. */
export const klachtSchema = klacht;
/** GET /teams/{team}/klachten: the complaints received in a year. */
export const klachtenSchema = volgens<KlachtenStatus>()(z.object({ buurtteam: z.string(), jaar: z.number(), klachten: z.array(klacht) }));

const bedragen = z.object({ budgetCent: z.number(), besteedCent: z.number(), resterendCent: z.number() });
/** The minimaatwerkbudget of a team in a year; after a spend or its beoordeling also the household's and the spend's. */
export const budgetSchema = z.object({
  uitgaveId: z.string().optional(),
  jaar: z.number(),
  team: bedragen,
  huishouden: bedragen.optional(),
  uitgave: z.object({ uitgaveId: z.string(), status: z.enum(['aangevraagd', 'goedgekeurd', 'afgewezen']) }).optional(),
});
export type Budget = z.output<typeof budgetSchema>;

/** POST /aanmeldingen and /adviezen: the case, new (201) or existing (200). */
export const gestartSchema = z.object({ id: z.string(), bestaand: z.boolean() });

/** POST /meldingen: the household's melding, and how it took the signal. */
export const meldingOntvangenSchema = gestartSchema.extend({
  id: z.string().describe('de melding van het huishouden'),
  bijgewerkt: z.boolean().optional(),
  opgepakt: z.boolean().optional(),
  reden: z.literal('herhaalde-melding').optional(),
});
