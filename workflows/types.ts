import type { Notificatie, Registratie } from '../activities/ports';
import type {
  ADVIES_UITKOMSTEN,
  CONTACTPOGING_SOORTEN,
  DAGDELEN,
  KLACHT_AARDEN,
  KLACHT_AFDOENINGEN,
  REGIE_REDENEN,
  REGIE_ROLLEN,
  SIGNAAL_SOORTEN,
  UITSTROOM_REDENEN,
} from '../common/begrippen';
import type { LogContact } from '../common/contactlog';
import type { DdasEindresultaat } from '../common/ddas';
import type { TERUGKOPPELING_STATUSSEN } from './eindresultaat';
import type {
  Aanmelding,
  Advies,
  AdviesGesprek,
  BegeleidingStap,
  Beschikking,
  Evaluatie,
  Fase,
  Flankmodule,
  GegevenAdvies,
  Huisbezoek,
  Melding,
  MeldingAfsluiting,
  NazorgContact,
  Overdracht,
  PlanActie,
  Toestemming,
  ZrmMeting,
} from '../common/schemas';
import type { Beoordeling, BestedingStatus } from '../common/minimaatwerk';
import type { Termijn, TermijnStart, TermijnVerloop } from '../common/termijnen';
import type { Verwijzingen } from '../common/verwijzingen';
import type { Vroegsignaleringsroute, WpiRoute, WpiStap } from '../common/wpiRoute';

/**
 * A delivery the receiver refused (HTTP 4xx, SMTP 5xx): kept on the case and offered again with a
 * capped backoff, or at once on the operator's herlevering, until the receiver accepts it.
 */
export interface Storing {
  /** Idempotency key of the refused delivery; a later delivery carries the same key. */
  sleutel: string;
  soort: 'notificatie' | 'registratie';
  /** Notification subject or registration event. */
  onderwerp: string;
  /** The receiver's refusal (status code), free of personal data. */
  reden: string;
  sinds: string;
  pogingen: number;
  volgendePoging: string;
  /** Whether the alert went out through the second channel meanwhile. */
  uitwijk?: 'verstuurd' | 'geen-uitwijk' | 'mislukt';
  /** The refused notification itself, sent again as it was (notifications carry no personal data). */
  notificatie?: Notificatie;
}

/**
 * Every update carries the acting user: the API sets `door` to the token's `sub`, never from the
 * request body. Optional because updates recorded before authentication have none.
 */
export interface Handeling {
  door?: string;
}

export interface Besteding {
  /** Idempotency key of the spend: a retried request is recorded once. */
  uitgaveId: string;
  /** The traject the spend was recorded on. */
  trajectId: string;
  /**
   * The household the money went to: keyed hash of its address (api/sleutels.ts), no address
   * itself. Absent for spends from before: those count for their traject's household.
   */
  huishouden?: string;
  bedragCent: number;
  datum: string;
  omschrijving?: string;
  /** Absent for spends from before patch minimaatwerk-zes-ogen: approved when recorded. */
  status?: BestedingStatus;
  /** Who recorded it (the token's subject). */
  door?: string;
  beoordeeldDoor?: string;
  beoordeeldOp?: string;
}

/** A colleague's decision on a recorded spend (zes ogen). */
export interface BestedingBeoordeling {
  uitgaveId: string;
  /** The traject in the request path: a spend is judged on its own traject. */
  trajectId: string;
  besluit: Beoordeling;
}

export interface BudgetInput {
  buurtteam: string;
  jaar: number;
  teamBudgetCent: number;
  huishoudenBudgetCent: number;
  /** Set only by continueAsNew. */
  voortzetting?: Besteding[];
}

/** How a complaint was settled, and on which day (Amsterdam date). */
export interface KlachtAfdoening {
  wijze: (typeof KLACHT_AFDOENINGEN)[number];
  datum: string;
}

/**
 * A complaint a buurtteam received (werkkader ch. 5, klachtenmonitoring): codes and dates only, no
 * client, no free text, so the figures about it carry no personal data.
 */
export interface Klacht extends Handeling {
  /** Starts with the year it was received in: that year's registration holds it. */
  klachtId: string;
  aard: (typeof KLACHT_AARDEN)[number];
  /** Amsterdam date the team received it. */
  ontvangen: string;
  afdoening?: KlachtAfdoening & Handeling;
}

export interface KlachtenInput {
  buurtteam: string;
  jaar: number;
  /** Set only by continueAsNew. */
  voortzetting?: Klacht[];
}

export interface KlachtenStatus {
  buurtteam: string;
  jaar: number;
  klachten: Klacht[];
}

export interface BudgetStatus {
  buurtteam: string;
  jaar: number;
  teamBudgetCent: number;
  huishoudenBudgetCent: number;
  besteedCent: number;
  resterendCent: number;
  bestedingen: Besteding[];
}

export interface BeschikkingTermijnInput {
  trajectId: string;
  buurtteam: string;
  aanmeldDatum: string;
  waarschuwingWeken: number[];
  /** Start, opschortingen and verdaging; absent for terms started before patch awb-termijnregels (then: from aanmeldDatum). */
  verloop?: TermijnVerloop;
}

export interface TermijnStatus extends Partial<Termijn> {
  verloop: TermijnVerloop;
  beschikking?: Beschikking;
  verzondenAlerts: string[];
  storingen: Storing[];
}

export type BeschikkingTermijnResultaat =
  | { uitkomst: 'afgegeven'; beschikking: Beschikking; overschreden: boolean }
  /** The traject closed without a beschikking (e.g. aanmelding ingetrokken): no term runs any more. */
  | { uitkomst: 'vervallen'; reden: string };

export interface TrajectInput extends Omit<Aanmelding, 'toestemming'> {
  /**
   * When and by whom the consent was recorded (the medewerker from the token); absent for
   * trajecten started before these were kept, whose consent dates from the aanmelding.
   */
  toestemming: Aanmelding['toestemming'] & Partial<Pick<Toestemming, 'datum'>> & Handeling;
  trajectId: string;
  /** The Vroeg Eropaf melding this traject was handed over from, if any. */
  vanMelding?: string;
  /** The advies (informatie en advies) this traject stepped up from, if any. */
  vanAdvies?: string;
  /** What starts the beschikking term (configuration `BESCHIKKING_TERMIJN_START`); absent means the aanmelding. */
  termijnStart?: TermijnStart;
  /** Days an evaluation may pass unheld before the teamleider is alerted (EVALUATIE_ALERT_DAGEN); absent: the norm's default. */
  evaluatieAlertDagen?: number;
  /** Set only by continueAsNew. */
  voortzetting?: TrajectState;
}

export type Schuldregelingsroute = 'minnelijk' | 'wsnp';

export interface TrajectState {
  fase: Fase;
  route?: Schuldregelingsroute;
  afsluitReden?: string;
  faseHistorie: ({ fase: Fase; route?: Schuldregelingsroute; vanaf: string; reden?: string } & Handeling)[];
  intake: { gepland?: string; gehouden?: string; geplandDoor?: string; gehoudenDoor?: string };
  beschikking?: Beschikking & Handeling;
  toestemming: Toestemming & Handeling;
  toestemmingHistorie: (Toestemming & Handeling)[];
  crisisinterventie: boolean;
  /** A crisis declared during the intake: the first conversation is due by this instant (Wgs art. 4 lid 2). */
  crisisGesprekUiterlijk?: string;
  flankmodules: Flankmodule[];
  /** Who last changed crisisinterventie, flank modules or inkomensbeheer, and what. */
  moduleHistorie?: ({ wijziging: string; op: string } & Handeling)[];
  inkomensbeheer?: { vorm: 'budgetbeheer' | 'bewindvoering'; datum: string } & Handeling;
  /**
   * The beschikking term; absent while it waits for the first conversation. Without `kaleEinddatum`
   * in trajecten whose term was set before patch awb-termijnregels.
   */
  termijn?: Pick<Termijn, 'einddatum' | 'verloopt' | 'opgeschortSinds'> & Partial<Pick<Termijn, 'kaleEinddatum'>>;
  /** Opschorting, verdaging and configurable start (Awb); absent for trajecten started before patch awb-termijnregels. */
  termijnVerloop?: TermijnVerloop;
  /** The ondersteuningsplan and its evaluations, oldest first; absent for trajecten started before patch ondersteuningsplan. */
  ondersteuningsplan?: { versies: PlanVersie[]; evaluaties: PlanEvaluatie[] };
  /** Contacts in the nazorg ("vinger aan de pols"); kept by the trajecten that keep an ondersteuningsplan. */
  nazorgContacten?: (NazorgContact & Handeling)[];
  /** Why and when the traject ended (werkkader ch. 5, uitstroomkenmerk); set when it closes. */
  uitstroom?: { reden: (typeof UITSTROOM_REDENEN)[number]; datum: string } & Handeling;
  /** The formal regie; absent until a teamleider first sets it (until then the aanmelding's regievoerder and team hold). */
  regie?: Regie;
  /** Appointments, calls, visits and letters, in the order they were logged; absent until the first one. */
  contacten?: Contact[];
  /** Zelfredzaamheidsmatrix measurements; absent for trajecten started before patch zrm-metingen. */
  zrm?: { metingen: ZrmMeting[]; startmetingUiterlijk: string; tussenmetingVanaf: string };
  /** Referrals, warm hand-overs and the kindcheck (workflows/verwijzingen.ts); absent until the first is recorded. */
  verwijzingen?: Verwijzingen;
  verzondenAlerts: string[];
  /** Refused deliveries of this traject; absent in runs started before patch registratie-herlevering. */
  storingen?: Storing[];
  /** Refused alerts of the beschikkingstermijn child, as it last reported them. */
  termijnStoringen?: Storing[];
  registratieVolgnummer: number;
  /** Registrations waiting to be shared, oldest first; sent one at a time by the workflow. */
  teDelen: Registratie[];
}

export type RegieRol = (typeof REGIE_ROLLEN)[number];

/** Who holds the regie of a traject now, in which team, and every change before (werkkader §2.4). */
export interface Regie {
  regievoerder: string;
  rol: RegieRol;
  buurtteam: string;
  historie: Regieoverdracht[];
}

/** One appointment or change of regievoerder; `door` is the teamleider who made it. */
export interface Regieoverdracht extends Handeling {
  /** The regievoerder before; absent when the first one was appointed. */
  van?: string;
  naar: string;
  rol: RegieRol;
  /** Both set when the traject moved to another buurtteam. */
  vanTeam?: string;
  naarTeam?: string;
  /** ISO instant of the change. */
  datum: string;
  reden: (typeof REGIE_REDENEN)[number];
  /** Amsterdam date of the warm hand-over conversation. */
  overdrachtsgesprek?: string;
}

/** One entry of the contactlog; the note is shown to the team only, never shared or sent. */
export interface Contact extends LogContact, Handeling {
  notitie?: string;
  /** ISO instant it was logged. */
  vastgelegd: string;
}

/** One version of the ondersteuningsplan (werkkader §2.4.6), made with the client; renewed after an evaluation. */
export interface PlanVersie extends Handeling {
  /** 1 for the first plan, one more for each renewal. */
  versie: number;
  /** Amsterdam date JJJJ-MM-DD the client and the medewerker agreed it. */
  vastgesteld: string;
  /** Amsterdam date JJJJ-MM-DD of the agreed evaluation. */
  evaluatieDatum: string;
  /** The client's goals and the agreed actions: personal data, kept only in the case (never logged or shared). */
  doelen: string[];
  acties: PlanActie[];
}

/** An evaluation of the plan version `versie` (werkkader §2.4.8). */
export interface PlanEvaluatie extends Evaluatie, Handeling {
  versie: number;
}

export interface TrajectStatus extends Omit<TrajectState, 'teDelen' | 'storingen' | 'termijnStoringen'> {
  storingen: Storing[];
  termijnStoringen: Storing[];
  /** Registrations not yet accepted by the registration system. */
  openstaandeRegistraties: number;
  trajectId: string;
  buurtteam: string;
  regievoerder?: string;
  aanmeldDatum: string;
  vanMelding?: string;
  vanAdvies?: string;
  /** The client's name for the team, only while consent to record (`vastleggen`) holds. */
  client?: { naam: string };
  openTaken: string[];
  /** Awb 6:7: bezwaar against the beschikking is possible until `verloopt`. */
  bezwaartermijn?: Termijn;
}

/** A request to a person's lock to start a traject for them. */
export interface TrajectAanvraag {
  trajectId: string;
  invoer: TrajectInput;
  memo: Record<string, unknown>;
  /** Keyed hash of the request body: the same Idempotency-Key with another body is refused. */
  verzoek?: string;
}

export interface TrajectToewijzing {
  /** The person's open traject: the new one (`nieuw`) or the one already open. */
  trajectId: string;
  /** The open traject's team; absent in answers of locks from before it was given. */
  buurtteam?: string;
  verzoek?: string;
  nieuw: boolean;
}

export interface PersoonsslotInput {
  /** Set when a melding hands over: the lock starts this traject at once. */
  eerste?: TrajectAanvraag;
}

/** A hand-over as the API sends it: with the person's key (a keyed hash of the BSN), never the BSN itself. */
export interface OverdrachtOpdracht extends Overdracht {
  persoonSleutel?: string;
}

/**
 * A further signal for an open melding: the same melding again, or another creditor's signal about
 * the same household. Updates recorded before patch melding-meldt-huishouden carry only achterstand and meldDatum
 * (then: the melding's own creditor and referentie).
 */
export type Herhaalmelding = Pick<Melding, 'achterstand' | 'meldDatum'> &
  Partial<Pick<Melding, 'schuldeiser' | 'referentie' | 'soort' | 'ontruimingsDatum' | 'afsluitDatum' | 'beeindigdPer'>>;

/** A new melding for a household's lock: started only when the household has no open melding. */
export interface MeldingAanvraag {
  meldingId: string;
  invoer: VroegEropafInput;
  memo: Record<string, unknown>;
  /** The melding this lock named before for this signal, which answered that it no longer takes signals. */
  gesloten?: string;
}

/** A signal for its household's melding (update-with-start on the household's id, see signaalIntake.ts). */
export interface HuishoudSignaal {
  /** The signal's keyed hash (`meldingSleutel`): the same signal again is known, not taken twice. */
  sleutel: string;
  /** The team that registers it: another team's case takes no signal. */
  buurtteam: string;
  signaal: Herhaalmelding;
}

/** How the household's melding answered a signal; without `meldingId` it took nothing. */
export type HuishoudToewijzing =
  ({ meldingId: string; nieuw: boolean } & Partial<SignaalOntvangst>) | { gesloten: true } | { anderTeam: true };

export interface MeldingToewijzing {
  /** The household's open melding: the new one (`nieuw`), or the one that takes this signal. */
  meldingId: string;
  nieuw: boolean;
}

/** How the open melding took a further signal in. */
export interface SignaalOntvangst {
  /** The case changed: the signal was taken up (a new creditor, or a higher achterstand). */
  bijgewerkt: boolean;
  /** Set when the signal joined the list: taken up, or not (`reden`). */
  opgepakt?: boolean;
  reden?: Signaal['reden'];
  /** The melding no longer takes signals (closed or handed over). */
  gesloten?: boolean;
}

export type SignaalSoort = (typeof SIGNAAL_SOORTEN)[number];
export type CrisisSoort = Exclude<SignaalSoort, 'betalingsachterstand'>;
export type Eindresultaat = DdasEindresultaat;

/** One signal of a creditor in a melding (DDAS Vroegsignaal); the first is the melding itself. */
export interface Signaal extends Pick<Melding, 'ontruimingsDatum' | 'afsluitDatum' | 'beeindigdPer'> {
  /** `<meldingId>-s<n>`: unique over all cases, free of personal data. */
  signaalId: string;
  soort: SignaalSoort;
  schuldeiser: Melding['schuldeiser'];
  referentie: string;
  achterstand: Melding['achterstand'];
  meldDatum: string;
  /** ISO instant the case received it. */
  ontvangen: string;
  crisis: boolean;
  opgepakt: boolean;
  /** Why a signal was not taken up (DDAS: Niet opgepakt: herhaalde melding). */
  reden?: 'herhaalde-melding';
  /** An end of energy supply announced less than 20 werkdagen ahead: the most urgent crisis. */
  teLaatGemeld?: true;
}

/** DDAS Contactpoging: kind, day, dagdeel and whether the person was reached. */
export interface Contactpoging extends Handeling {
  soort: (typeof CONTACTPOGING_SOORTEN)[number];
  /** Amsterdam date JJJJ-MM-DD. */
  datum: string;
  dagdeel: (typeof DAGDELEN)[number];
  bereikt: boolean;
  notitie?: string;
}

/** Amsterdam's norms from the first signal: a contact attempt within 14 days, a first analysis within 28. */
export interface MeldingNormen {
  eersteContactpogingUiterlijk: string;
  eersteAnalyseUiterlijk: string;
  /** Date of the first contact attempt, once made. */
  eersteContactpoging?: string;
  /** Date of the oriënterend budgetgesprek, the first analysis, once held. */
  eersteAnalyse?: string;
}

/** A crisis signal (Wgs art. 4 lid 2) started a crisis path: first contact within 3 werkdagen. */
export interface MeldingCrisis {
  soort: CrisisSoort;
  sinds: string;
  eersteContactUiterlijk: string;
}

/** What the creditor of a signal is told: DDAS signal status, never a reason DDAS keeps from them. */
export interface Terugkoppeling {
  signaalId: string;
  schuldeiser: Melding['schuldeiser'];
  referentie: string;
  status: (typeof TERUGKOPPELING_STATUSSEN)[number];
}

export type MeldingFase = 'bereiken' | 'begeleiding' | 'afgesloten' | 'overgedragen';

export interface VroegEropafInput extends Melding {
  meldingId: string;
  /** Werkdagen the team has for each next huisbezoek before the teamleider is alerted. */
  bezoekTermijnWerkdagen?: number;
  /** Passed on to the traject on overdracht (configuration `BESCHIKKING_TERMIJN_START`). */
  termijnStart?: TermijnStart;
  /** Days after the melddatum at which a melding still not reached is closed (`verlopen`); default 90. */
  sluitNaDagen?: number;
  /** History length at which the case continues as new; lowered in tests. */
  maxHistorie?: number;
  /**
   * Started as its household's melding (its id from the address, signaalIntake.ts): that id comes
   * back once the namespace's retention removed a closed one, so its notification keys and its
   * traject id carry the run as well. `signaalSleutel` is the key of the signal that started it.
   */
  huishoudmelding?: { signaalSleutel: string };
  voortzetting?: MeldingState;
}

export interface GeregistreerdHuisbezoek extends Huisbezoek, Handeling {
  avondOfWeekend: boolean;
}

/**
 * A melding on a WPI route (werkkader §2.8.2): WPI's klantmanager and inkomensconsulent take the
 * case instead of the buurtteam's visits. Absent for Vroeg Eropaf, and in runs from before patch melding-wpi-route.
 */
export interface WpiRouteState extends Handeling {
  route: WpiRoute;
  /** The signal said so (matching at intake), or a medewerker found out and re-routed the open melding. */
  aanleiding: 'signaal' | 'medewerker';
  sinds: string;
  toelichting?: string;
  klantmanager?: string;
  inkomensconsulent?: string;
  stappen: Partial<Record<WpiStap, { status: 'afgerond' | 'niet-nodig'; datum: string } & Handeling>>;
}

export interface MeldingState {
  fase: MeldingFase;
  bezoeken: GeregistreerdHuisbezoek[];
  /** `herinneringen`: terms missed after `uiterlijk`, each escalated again (up to a ceiling). */
  volgendBezoek?: { uiterlijk: string; avondOfWeekend: boolean; herinneringen?: number };
  stappen: Partial<Record<BegeleidingStap, { status: 'afgerond' | 'niet-nodig'; datum: string } & Handeling>>;
  afsluiting?: (MeldingAfsluiting | { reden: 'geweigerd'; toelichting?: string } | { reden: 'verlopen' }) & Handeling;
  trajectId?: string;
  overgedragenDoor?: string;
  verzondenAlerts: string[];
  /** Refused deliveries; absent in runs started before patch registratie-herlevering. */
  storingen?: Storing[];
  doorgestart: number;
  /** Repeats of the melding with a higher achterstand, oldest first (absent in cases started before). */
  herhaalmeldingen?: (Herhaalmelding & { ontvangen: string })[];
  /** Every signal of this household's case, the melding first (absent in runs continued before patch melding-meldt-huishouden). */
  signalen?: Signaal[];
  /** Contact attempts other than huisbezoeken, and huisbezoeken as DDAS counts them (absent before patch melding-normen). */
  contactpogingen?: Contactpoging[];
  crisis?: MeldingCrisis;
  /** When the closing term passed without the visits of werkkader §2.8.2: the teamleider decides. */
  onbereiktBesluitNodig?: string;
  /** The DDAS end result, set when the melding closes (absent in cases closed before patch melding-normen). */
  eindresultaat?: Eindresultaat;
  wpi?: WpiRouteState;
  /** Keys of the signals a household's melding took after the first (absent in meldingen started otherwise). */
  signaalSleutels?: string[];
}

export interface MeldingStatus extends Omit<MeldingState, 'storingen' | 'signalen' | 'contactpogingen' | 'signaalSleutels'> {
  storingen: Storing[];
  signalen: Signaal[];
  contactpogingen: Contactpoging[];
  normen: MeldingNormen;
  /** Per signal, what its creditor may be told. */
  terugkoppeling: Terugkoppeling[];
  meldingId: string;
  buurtteam: string;
  regievoerder?: string;
  schuldeiser: Melding['schuldeiser'];
  referentie: string;
  achterstand: Melding['achterstand'];
  meldDatum: string;
  /** Name and address, for the team's visits: only while the melding is open. */
  client?: Melding['client'];
  openTaken: string[];
  route: Vroegsignaleringsroute;
}

export interface MeldingResultaat {
  fase: 'afgesloten' | 'overgedragen';
  reden?: string;
  trajectId?: string;
  bezoeken: number;
  /** The figures of the rapportage, readable without a query (absent in results of runs from before patch melding-normen). */
  eindresultaat?: Eindresultaat;
  signalen?: number;
  eersteContactpoging?: string;
  bereikt?: boolean;
  crisis?: CrisisSoort;
  /** Suppliers of end-of-supply signals that came too late, one entry per signal (absent when none). */
  teLaatGemeld?: string[];
  /** The WPI route the melding followed (absent: Vroeg Eropaf). */
  route?: WpiRoute;
}

export type AdviesUitkomst = (typeof ADVIES_UITKOMSTEN)[number];

/** An advies as the API starts it: the light registration, the consent recorded now, the configured period. */
export interface AdviesInput extends Omit<Advies, 'toestemming'> {
  adviesId: string;
  toestemming: Advies['toestemming'] & Partial<Pick<Toestemming, 'datum'>> & Handeling;
  /** ADVIES_LOOPTIJD_MAANDEN; absent: 3 (werkkader §2.4.2). */
  looptijdMaanden?: number;
}

export interface AdviesState {
  fase: 'lopend' | 'afgesloten';
  /** Last day of the period (start plus the looptijd): close or step up by then. */
  uiterlijk: string;
  gesprekken: (AdviesGesprek & Handeling)[];
  adviezen: (GegevenAdvies & Handeling)[];
  /** Set when the team was asked to close or step up (a few days before `uiterlijk`). */
  afrondenGevraagd?: string;
  /** Set when the period passed while the advies was open; the teamleider was alerted. */
  verstreken?: string;
  afsluiting?: { uitkomst: AdviesUitkomst; datum: string; trajectId?: string } & Handeling;
  verzondenAlerts: string[];
  storingen: Storing[];
}

export interface AdviesStatus extends AdviesState {
  adviesId: string;
  buurtteam: string;
  regievoerder?: string;
  startDatum: string;
  onderwerpen: Advies['onderwerpen'];
  toestemming: AdviesInput['toestemming'];
  /** The client's name, only if they consented to record it and gave it. */
  client?: { naam: string };
  openTaken: string[];
}

/** The step up: the traject the API started for this advies through the person's lock. */
export interface AdviesOpschaling {
  trajectId: string;
}
