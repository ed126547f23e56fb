import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ANALYSE_NORM_DAGEN,
  AVOND_VANAF_UUR,
  bezoekregelVoldaan,
  CONTACTPOGING_NORM_DAGEN,
  CRISIS_CONTACT_WERKDAGEN,
  MINIMAAL_BEZOEKEN,
} from '../common/normen';
import { condition, getExternalWorkflowHandle, log, ParentClosePolicy, patched, startChild, workflowInfo } from '@temporalio/workflow';
import { amsterdamDatum, amsterdamUur, eindeVanDag, isWerkdag, plusDagen, werkdagenNa } from '../common/kalender';
import { BEGELEIDING_STAPPEN, CRISIS_DATUMVELD } from '../common/begrippen';
import { signaalBron } from '../common/signaalBron';
import { trajectMemo } from '../common/memo';
import { meldingSleutelBasis, persoonsslotId, runKenmerk, trajectIdVoorMelding } from '../common/workflowIds';
import { wpiEindresultaat, wpiOpenTaken } from '../common/wpiRoute';
import type { Notificatie } from '../activities/ports';
import type { ContactpogingInvoer, Huisbezoek, MeldingAfsluiting, StapUpdate } from '../common/schemas';
import { Bezorging } from './bezorging';
import {
  afsluitingMetEindresultaat,
  EINDRESULTAAT_OVERDRACHT,
  eindresultaatBijReden,
  eindresultaatPastNiet,
  terugkoppeling,
} from './eindresultaat';
import { ongeldigeInvoer, ongeldigeOvergang, trajectBestaat, wachtTot, werkStoringBij, werkZoekkenmerkenBij } from './helpers';
import { meldingAfgehandeldSignal } from './messages';
import { persoonsslot } from './persoonsslot';
import {
  AFSLUITSIGNAAL_WERKDAGEN,
  contactpogingVanBezoek as pogingVanBezoek,
  eersteSignaal,
  gewichtVan,
  normenVan,
  teLaatGemeldDoor,
  voegSignaalToe,
} from './signalen';
import { schuldhulpTraject } from './schuldhulpTraject';
import type {
  Contactpoging,
  Handeling,
  Herhaalmelding,
  HuishoudSignaal,
  HuishoudToewijzing,
  MeldingResultaat,
  MeldingState,
  MeldingStatus,
  OverdrachtOpdracht,
  Signaal,
  SignaalOntvangst,
  Storing,
  VroegEropafInput,
} from './types';

/** After the first late-visit alert, each further missed term escalates again; the last of these says it is the last. */
const MAX_HERINNERINGEN = 5;
const SLUIT_NA_DAGEN = 90;
/** Since this patch a hand-over whose person lock names another traject fails instead of closing the melding. */
const OVERDRACHT_AAN_LOPEND_TRAJECT = 'overdracht-aan-lopend-traject';

/** A visit counts as evening/weekend when it is at or after AVOND_VANAF_UUR, or on a weekend day or holiday. */
export function isAvondOfWeekend(tijdstip: string): boolean {
  const moment = new Date(tijdstip);
  return amsterdamUur(moment) >= AVOND_VANAF_UUR || !isWerkdag(amsterdamDatum(moment));
}

/** The crisis path a crisis signal starts now: first contact within 3 werkdagen. */
function crisisVan(signaal: Signaal): MeldingState['crisis'] {
  const nu = new Date();
  const uiterlijk = eindeVanDag(werkdagenNa(amsterdamDatum(nu), CRISIS_CONTACT_WERKDAGEN));
  return {
    soort: signaal.soort as NonNullable<MeldingState['crisis']>['soort'],
    sinds: nu.toISOString(),
    eersteContactUiterlijk: uiterlijk.toISOString(),
  };
}

/** The date a crisis signal names (eviction, end of supply, end of insurance), for the alert; and whether it came too late. */
function crisisDatum(s: Signaal): string {
  const datum = s.soort === 'betalingsachterstand' ? undefined : s[CRISIS_DATUMVELD[s.soort]];
  const laat = s.teLaatGemeld
    ? ` (te laat gemeld: minder dan ${AFSLUITSIGNAAL_WERKDAGEN} werkdagen vóór de afsluiting; hoogste prioriteit)`
    : '';
  return (datum ? ` per ${datum}` : '') + laat;
}

function bereikpogingenVoldoende(state: MeldingState): boolean {
  return bezoekregelVoldaan(state.bezoeken);
}

function openTaken(state: MeldingState): string[] {
  if (state.wpi && (state.fase === 'bereiken' || state.fase === 'begeleiding')) return wpiOpenTaken(state.wpi.route, state.wpi.stappen);
  // Past the closing term without the visits: the teamleider decides (werkkader §2.8.2).
  if (state.fase === 'bereiken') return state.onbereiktBesluitNodig ? ['huisbezoek', 'besluit-onbereikt'] : ['huisbezoek'];
  if (state.fase !== 'begeleiding') return [];
  const open = BEGELEIDING_STAPPEN.filter((stap) => !state.stappen[stap]);
  return open.length > 0 ? [...open] : ['afsluiten-of-overdragen'];
}

type MeldingInvoer = Omit<VroegEropafInput, 'voortzetting'>;

/** One wait of the main loop for the next huisbezoek. */
export interface Bezoekwacht {
  nummer: number;
  uiterlijk: string;
  gebeurd: () => boolean;
}

/**
 * One Vroeg Eropaf melding: its state, the bodies of its message handlers, and the watches its
 * main loop starts (terms, crisis, norms). Everything the workflow function does not say itself.
 */
export class MeldingZaak {
  readonly melding: MeldingInvoer;
  readonly meldingId: string;
  readonly buurtteam: string;
  readonly state: MeldingState;
  readonly storingen: Storing[];
  readonly signalen: Signaal[];
  readonly contactpogingen: Contactpoging[];
  readonly bezorging: Bezorging;
  private readonly bezoekTermijn: number;
  private readonly maxHistorie: number;
  /** Set by the person's lock once it has started the traject of a hand-over. */
  private gestartTraject: string | undefined;
  /**
   * What notification keys and the traject id start with: the melding id, and for a household's
   * melding also its first run, since that id comes back after the retention removed a closed one.
   */
  private readonly sleutelBasis: string;
  private readonly trajectId: string;

  constructor(input: VroegEropafInput) {
    const { voortzetting, ...melding } = input;
    this.melding = melding;
    this.meldingId = melding.meldingId;
    this.buurtteam = melding.buurtteam;
    this.bezoekTermijn = melding.bezoekTermijnWerkdagen ?? 3;
    this.maxHistorie = melding.maxHistorie ?? 2000;
    const run = melding.huishoudmelding ? runKenmerk(workflowInfo().firstExecutionRunId) : undefined;
    this.sleutelBasis = meldingSleutelBasis(this.meldingId, run);
    this.trajectId = trajectIdVoorMelding(this.meldingId, run);
    const state: MeldingState = voortzetting ?? { fase: 'bereiken', bezoeken: [], stappen: {}, verzondenAlerts: [], doorgestart: 0 };
    this.state = state;
    this.storingen = state.storingen ??= [];
    // Kept in the state from the start (no commands, so also for runs recorded before patch
    // melding-meldt-huishouden); a run continued as new before it rebuilds the contact attempts from its visits.
    this.signalen = state.signalen ??= [eersteSignaal(this.meldingId, melding, new Date().toISOString())];
    this.contactpogingen = state.contactpogingen ??= state.bezoeken.map(pogingVanBezoek);
    if (this.signalen[0]!.crisis) state.crisis ??= crisisVan(this.signalen[0]!);
    const storingen = this.storingen;
    this.bezorging = new Bezorging({ verzondenAlerts: state.verzondenAlerts, storingen }, () => werkStoringBij(storingen));
  }

  afgehandeld(): boolean {
    return this.state.fase === 'afgesloten' || this.state.fase === 'overgedragen';
  }

  moetDoorstarten(): boolean {
    return workflowInfo().historyLength >= this.maxHistorie || workflowInfo().continueAsNewSuggested;
  }

  planVolgendBezoek(): void {
    const vandaag = amsterdamDatum(new Date());
    this.state.volgendBezoek = {
      uiterlijk: eindeVanDag(werkdagenNa(vandaag, this.bezoekTermijn)).toISOString(),
      avondOfWeekend: this.state.bezoeken.length > 0 && !this.state.bezoeken.some((b) => b.avondOfWeekend),
    };
  }

  /** The buurtteam still has to reach the person: in `bereiken` and not on a WPI route (absent in runs from before). */
  buurtteamBereikt(): boolean {
    return this.state.fase === 'bereiken' && this.state.wpi === undefined;
  }

  /** The latest reported arrears: a repeat with a higher amount replaces the original. */
  private achterstand() {
    return this.state.herhaalmeldingen?.at(-1)?.achterstand ?? this.melding.achterstand;
  }

  status(): MeldingStatus {
    const { signaalSleutels: _intern, ...state } = this.state;
    const { melding } = this;
    return {
      ...state,
      storingen: this.storingen,
      signalen: this.signalen,
      contactpogingen: this.contactpogingen,
      normen: normenVan(melding.meldDatum, state),
      terugkoppeling: this.signalen.map((s) => terugkoppeling(s, state.eindresultaat)),
      meldingId: this.meldingId,
      buurtteam: this.buurtteam,
      regievoerder: melding.regievoerder,
      schuldeiser: melding.schuldeiser,
      referentie: melding.referentie,
      achterstand: this.achterstand(),
      meldDatum: melding.meldDatum,
      ...(state.fase === 'bereiken' || state.fase === 'begeleiding' ? { client: melding.client } : {}),
      openTaken: openTaken(state),
      route: state.wpi?.route ?? 'vroeg-eropaf',
    };
  }

  bijwerken(): void {
    const { state } = this;
    werkZoekkenmerkenBij({
      buurtteam: this.buurtteam,
      fase: `${state.wpi ? 'wpi' : 'vroeg-eropaf'}-${state.fase}`,
      regievoerder: this.melding.regievoerder,
      termijn: state.fase === 'bereiken' && state.volgendBezoek ? new Date(state.volgendBezoek.uiterlijk) : undefined,
      openTaken: openTaken(state),
      prioriteit: gewichtVan(state) || undefined,
    });
  }

  // --- Message handlers -----------------------------------------------------------------------

  /** The recorded visit with the same medewerker at the same instant (in any notation), if any. */
  private alGeregistreerd(bezoek: Huisbezoek) {
    return this.state.bezoeken.find((b) => Date.parse(b.tijdstip) === Date.parse(bezoek.tijdstip) && b.medewerker === bezoek.medewerker);
  }

  valideerHuisbezoek(bezoek: Huisbezoek): void {
    const eerder = this.alGeregistreerd(bezoek);
    // A repeat is answered with the current state; another outcome for the same visit is no repeat.
    if (eerder?.uitkomst === bezoek.uitkomst) return;
    if (eerder) {
      throw ongeldigeOvergang(
        `dit huisbezoek (${eerder.tijdstip}, ${eerder.medewerker}) is al geregistreerd met uitkomst ${eerder.uitkomst}; ` +
          'een andere uitkomst voor hetzelfde bezoek wordt niet overschreven',
      );
    }
    if (this.state.fase !== 'bereiken') throw ongeldigeOvergang(`melding is ${this.state.fase}; huisbezoeken horen bij de fase bereiken`);
    if (this.state.wpi) throw ongeldigeOvergang('de melding volgt een WPI-route; huisbezoeken horen bij Vroeg Eropaf');
    const moment = Date.parse(bezoek.tijdstip);
    if (moment > Date.now()) throw ongeldigeInvoer('tijdstip', 'een huisbezoek kan niet in de toekomst liggen');
    if (amsterdamDatum(new Date(moment)) < this.melding.meldDatum) throw ongeldigeInvoer('tijdstip', 'huisbezoek ligt vóór de melddatum');
  }

  registreerHuisbezoek(bezoek: Huisbezoek & Handeling): MeldingStatus {
    const { state } = this;
    if (this.alGeregistreerd(bezoek)) return this.status();
    const geregistreerd = { ...bezoek, avondOfWeekend: isAvondOfWeekend(bezoek.tijdstip) };
    state.bezoeken.push(geregistreerd);
    this.contactpogingen.push(pogingVanBezoek(geregistreerd));
    if (bezoek.uitkomst === 'bereikt') {
      state.fase = 'begeleiding';
      state.volgendBezoek = undefined;
    } else if (bezoek.uitkomst === 'geweigerd') {
      state.fase = 'afgesloten';
      state.afsluiting = { reden: 'geweigerd', toelichting: bezoek.notitie };
      state.eindresultaat = eindresultaatBijReden('geweigerd');
      state.volgendBezoek = undefined;
    } else {
      this.planVolgendBezoek();
    }
    log.info('huisbezoek geregistreerd', { meldingId: this.meldingId, uitkomst: bezoek.uitkomst, aantal: state.bezoeken.length });
    this.bijwerken();
    return this.status();
  }

  valideerStap(u: StapUpdate): void {
    const eerder = this.state.stappen[u.stap];
    if (eerder) {
      if (eerder.status === u.status && eerder.datum === u.datum) return;
      throw ongeldigeOvergang(`stap ${u.stap} is al geregistreerd`);
    }
    if (this.state.fase !== 'begeleiding') throw ongeldigeOvergang(`stappen horen bij de begeleiding; melding is ${this.state.fase}`);
    if (this.state.wpi) throw ongeldigeOvergang('de melding volgt een WPI-route; registreer de stappen via /meldingen/{id}/wpi-stappen');
    if (u.stap === 'budgetgesprek' && u.status !== 'afgerond')
      throw ongeldigeInvoer('status', 'het oriënterend budgetgesprek is altijd nodig');
    if (u.stap !== 'budgetgesprek' && !this.state.stappen.budgetgesprek) throw ongeldigeOvergang('eerst het oriënterend budgetgesprek');
  }

  registreerStap(u: StapUpdate & Handeling): MeldingStatus {
    this.state.stappen[u.stap] = { status: u.status, datum: u.datum, door: u.door };
    this.bijwerken();
    return this.status();
  }

  valideerAfsluiting(a: MeldingAfsluiting): void {
    const { state } = this;
    if (state.fase === 'afgesloten' || state.fase === 'overgedragen') throw ongeldigeOvergang(`melding is al ${state.fase}`);
    const { reden } = afsluitingMetEindresultaat(a);
    // Without the visits only the teamleider's documented decision closes it (the API checks the role).
    // On a WPI route WPI tries to reach the person, not the buurtteam's visits (still the teamleider's call, the API checks).
    const bezoekregel = !state.wpi && !bereikpogingenVoldoende(state) && !a.besluitReden;
    if (reden === 'niet-bereikt' && (state.fase !== 'bereiken' || bezoekregel)) {
      throw ongeldigeOvergang(
        `niet-bereikt vraagt minstens ${MINIMAAL_BEZOEKEN} huisbezoeken, waarvan één in de avond of het weekend, ` +
          'of een besluit van de teamleider met een besluitreden',
      );
    }
    const klaar = state.wpi ? 'wpi-afsluiten' : 'afsluiten-of-overdragen';
    if (reden === 'afgerond' && (state.fase !== 'begeleiding' || openTaken(state)[0] !== klaar)) {
      throw ongeldigeOvergang(`afronden kan pas als alle ${state.wpi ? 'stappen van de route' : 'begeleidingsstappen'} zijn geregistreerd`);
    }
    const past = eindresultaatPastNiet(a, state.fase);
    if (past) throw ongeldigeOvergang(past);
  }

  sluitAf(a: MeldingAfsluiting & Handeling): MeldingStatus {
    const { reden, eindresultaat } = afsluitingMetEindresultaat(a);
    const wpi = this.state.wpi;
    this.state.fase = 'afgesloten';
    this.state.afsluiting = { ...a, ...(reden ? { reden } : {}) };
    // A WPI route done: its steps say whether it led to follow-up help (common/wpiRoute.ts).
    this.state.eindresultaat = wpi && reden === 'afgerond' && !a.eindresultaat ? wpiEindresultaat(wpi.stappen) : eindresultaat;
    this.state.volgendBezoek = undefined;
    this.bijwerken();
    return this.status();
  }

  ontvangHerhaalmelding(h: Herhaalmelding): SignaalOntvangst {
    if (this.afgehandeld()) return { bijgewerkt: false, gesloten: true };
    const ontvangen = new Date().toISOString();
    const signaal = voegSignaalToe(this.signalen, this.melding, this.meldingId, h, ontvangen);
    log.info('signaal ontvangen', {
      meldingId: this.meldingId,
      signaalId: signaal.signaalId,
      soort: signaal.soort,
      opgepakt: signaal.opgepakt,
    });
    if (!signaal.opgepakt) return { bijgewerkt: false, opgepakt: false, reden: signaal.reden };
    // The melding's own creditor with a higher amount: the case's achterstand follows it, as it
    // did before patch melding-meldt-huishouden.
    if (!h.schuldeiser || signaalBron(h as Signaal) === signaalBron(this.melding)) {
      (this.state.herhaalmeldingen ??= []).push({ achterstand: h.achterstand, meldDatum: h.meldDatum, ontvangen });
    }
    if (signaal.crisis) this.state.crisis ??= crisisVan(signaal);
    // A repeat without a creditor of its own (absent before patch melding-meldt-huishouden) changes no search attribute.
    if (h.schuldeiser) this.bijwerken();
    return { bijgewerkt: true, opgepakt: true };
  }

  /**
   * A signal for the household's melding (update-with-start): first the signal that started it;
   * a signal it took before (a retried request, also after continue-as-new) changes nothing;
   * another team's signal is refused untaken; a further signal is taken in as any other.
   */
  ontvangSignaal({ sleutel, buurtteam, signaal }: HuishoudSignaal): HuishoudToewijzing {
    const meldingId = this.meldingId;
    // Another team learns neither the id nor that this signal is known; a closed case is not in its way.
    if (buurtteam !== this.buurtteam) return this.afgehandeld() ? { gesloten: true } : { anderTeam: true };
    if (this.kentSignaal(sleutel, buurtteam)) return { meldingId, nieuw: false, bijgewerkt: false };
    const sleutels = (this.state.signaalSleutels ??= []);
    if (sleutel === this.melding.huishoudmelding?.signaalSleutel) {
      sleutels.push(sleutel);
      return { meldingId, nieuw: true };
    }
    if (this.afgehandeld()) return { gesloten: true };
    const ontvangst = this.ontvangHerhaalmelding(signaal);
    sleutels.push(sleutel);
    return { meldingId, nieuw: false, ...ontvangst };
  }

  /** Whether this team's signal with this key is in the case (for another team's: no). */
  kentSignaal(sleutel: string, buurtteam: string): boolean {
    return buurtteam === this.buurtteam && (this.state.signaalSleutels ?? []).includes(sleutel);
  }

  /** The same attempt again (a retried request) is recorded once. */
  private eerderePoging(p: Omit<ContactpogingInvoer, 'notitie'>) {
    return this.contactpogingen.find(
      (c) => c.soort === p.soort && c.datum === p.datum && c.dagdeel === p.dagdeel && c.bereikt === p.bereikt,
    );
  }

  private bereikt(): boolean {
    return this.state.fase !== 'bereiken' || this.contactpogingen.some((p) => p.bereikt);
  }

  valideerContactpoging(p: ContactpogingInvoer): void {
    if (this.eerderePoging(p)) return;
    if (this.afgehandeld()) throw ongeldigeOvergang(`melding is ${this.state.fase}; contactpogingen horen bij een open melding`);
    if (p.datum < this.melding.meldDatum) throw ongeldigeInvoer('datum', 'contactpoging ligt vóór de melddatum');
  }

  registreerContactpoging({ notitie, ...p }: ContactpogingInvoer & Handeling): MeldingStatus {
    if (this.eerderePoging(p)) return this.status();
    this.contactpogingen.push({ ...p, ...(notitie ? { notitie } : {}) });
    if (p.bereikt && this.state.fase === 'bereiken') {
      this.state.fase = 'begeleiding';
      this.state.volgendBezoek = undefined;
    }
    log.info('contactpoging geregistreerd', { meldingId: this.meldingId, soort: p.soort, bereikt: p.bereikt });
    this.bijwerken();
    return this.status();
  }

  trajectGestart(trajectId: string): void {
    this.gestartTraject = trajectId;
  }

  valideerOverdracht(): void {
    if (this.state.trajectId) return;
    if (this.state.fase !== 'begeleiding') throw ongeldigeOvergang(`overdragen kan alleen na bereiken; melding is ${this.state.fase}`);
    if (!this.state.stappen.budgetgesprek) throw ongeldigeOvergang('eerst het oriënterend budgetgesprek');
  }

  async draagOver({ persoonSleutel, door, ...opdracht }: OverdrachtOpdracht & Handeling): Promise<MeldingStatus> {
    const { state, meldingId, melding } = this;
    if (state.trajectId) return this.status();
    // A crisis signal of this melding makes the traject a crisis case (crisisinterventie from the start).
    const o = { ...opdracht, crisis: opdracht.crisis || state.crisis !== undefined };
    const trajectId = this.trajectId;
    const invoer = {
      ...o,
      // The consent as recorded now, by the medewerker who hands over.
      toestemming: { ...o.toestemming, datum: amsterdamDatum(new Date()), ...(door ? { door } : {}) },
      buurtteam: this.buurtteam,
      trajectId,
      vanMelding: meldingId,
      ...(melding.termijnStart ? { termijnStart: melding.termijnStart } : {}),
    };
    const memo = trajectMemo(o, meldingId);
    if (persoonSleutel) {
      // One open traject per person: the person's lock starts it, or refuses when one is open.
      // Hand-overs carry no key when recorded before the person's lock; they replay the direct start below.
      const slotId = persoonsslotId(persoonSleutel);
      // Before the start: the lock's signal may come in the same activation as the start itself.
      this.gestartTraject = undefined;
      try {
        await startChild(persoonsslot, {
          workflowId: slotId,
          args: [{ eerste: { trajectId, invoer, memo } }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
      } catch (fout) {
        if (fout instanceof WorkflowExecutionAlreadyStartedError) throw trajectBestaat(slotId);
        throw fout;
      }
      // Answer once the traject exists, so the caller can use its id at once. An aanmelding for the
      // person may have won the lock a moment before: the hand-over is then refused like any
      // hand-over for a person with an open traject (409 naming it, the melding stays open), so
      // the team decides, as when the aanmelding came earlier; that traject may be another team's.
      await condition(() => this.gestartTraject !== undefined);
      if (this.gestartTraject !== trajectId && patched(OVERDRACHT_AAN_LOPEND_TRAJECT)) throw trajectBestaat(slotId);
    } else {
      // ABANDON: the traject is a case of its own and outlives this melding.
      await startChild(schuldhulpTraject, { workflowId: trajectId, args: [invoer], memo, parentClosePolicy: ParentClosePolicy.ABANDON });
    }
    state.trajectId = trajectId;
    state.overgedragenDoor = door;
    state.fase = 'overgedragen';
    state.eindresultaat = EINDRESULTAAT_OVERDRACHT;
    log.info('melding overgedragen aan schuldhulptraject', { meldingId, trajectId });
    this.bijwerken();
    return this.status();
  }

  valideerHerlevering(): void {
    if (this.storingen.length === 0) throw ongeldigeOvergang('er is geen geweigerde levering om opnieuw te versturen');
  }

  herlever(): MeldingStatus {
    this.bezorging.herleverNu();
    return this.status();
  }

  // --- The process ----------------------------------------------------------------------------

  /** The team's task for a new melding: plan the first huisbezoek. */
  nieuweMeldingTaak(): Notificatie {
    return {
      idempotencyKey: `${this.sleutelBasis}:nieuwe-melding`,
      soort: 'taak',
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp: 'huisbezoek-plannen',
      bericht: `nieuwe Vroeg Eropaf-melding (${this.melding.schuldeiser.type}, ${this.melding.achterstand.maanden} maanden achterstand): plan een huisbezoek`,
      termijn: this.state.volgendBezoek?.uiterlijk,
    };
  }

  /** The wait for the next huisbezoek: it happened, the melding left `bereiken`, or the run must continue as new. */
  volgendBezoekWacht(): Bezoekwacht {
    const { state } = this;
    const aantal = state.bezoeken.length;
    return {
      nummer: aantal + 1,
      uiterlijk: state.volgendBezoek!.uiterlijk,
      gebeurd: () => state.bezoeken.length > aantal || !this.buurtteamBereikt() || this.moetDoorstarten(),
    };
  }

  /** The teamleider's alert when the term of the next huisbezoek passed without it. */
  bezoekTeLaatAlert({ nummer }: Bezoekwacht): Notificatie {
    return {
      idempotencyKey: `${this.sleutelBasis}:huisbezoek-te-laat:${nummer}`,
      soort: 'teamleider-alert',
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp: 'huisbezoek-te-laat',
      bericht: `huisbezoek ${nummer} is niet binnen ${this.bezoekTermijn} werkdagen afgelegd; de persoon is nog niet bereikt`,
      termijn: this.state.volgendBezoek!.uiterlijk,
    };
  }

  /**
   * Every further term of `bezoekTermijn` werkdagen without the visit escalates again, each with
   * its own idempotency key, up to MAX_HERINNERINGEN; the last one says no more will follow.
   * The count lives in the state, so a run continued as new goes on where this one stopped.
   */
  async escaleerOpnieuw(bezoek: number, gebeurd: () => boolean): Promise<void> {
    const volgend = this.state.volgendBezoek!;
    for (let n = (volgend.herinneringen ?? 0) + 1; n <= MAX_HERINNERINGEN; n++) {
      const termijn = eindeVanDag(werkdagenNa(amsterdamDatum(new Date(volgend.uiterlijk)), n * this.bezoekTermijn));
      if (await wachtTot(gebeurd, termijn)) return;
      const laatste = n === MAX_HERINNERINGEN;
      await this.bezorging.meld({
        idempotencyKey: `${this.sleutelBasis}:huisbezoek-te-laat:${bezoek}:herinnering-${n}`,
        soort: 'teamleider-alert',
        buurtteam: this.buurtteam,
        zaakId: this.meldingId,
        onderwerp: laatste ? 'huisbezoek-te-laat-laatste' : 'huisbezoek-te-laat',
        bericht:
          `huisbezoek ${bezoek} is ook ${n * this.bezoekTermijn} werkdagen na de termijn nog niet afgelegd; de persoon is nog niet bereikt` +
          (laatste ? '. Dit is de laatste herinnering: er volgen geen alerts meer tot het volgende bezoek' : ''),
        termijn: termijn.toISOString(),
      });
      volgend.herinneringen = n;
    }
    await condition(gebeurd);
  }

  /**
   * A signal that led to no contact is closed after `sluitNaDagen`, so that the namespace
   * retention deletes its history (and the personal data in it) in turn; but only once the team
   * made the visits werkkader §2.8.2 asks. Until then the melding escalates instead (an alert and
   * an open task for the teamleider) and closes when the visits are made or the teamleider decides.
   */
  async sluitAlsOnbereikt(): Promise<void> {
    const { state, melding } = this;
    const dagen = melding.sluitNaDagen ?? SLUIT_NA_DAGEN;
    const uiterlijk = eindeVanDag(plusDagen(melding.meldDatum, dagen));
    if (await wachtTot(() => !this.buurtteamBereikt(), uiterlijk)) return;
    // Runs that closed here before patch melding-sluit-na-bezoekregel replay their closing (no marker on their path).
    if (!bereikpogingenVoldoende(state) && patched('melding-sluit-na-bezoekregel')) {
      await this.escaleerOnbereikt(dagen, uiterlijk);
      await condition(() => !this.buurtteamBereikt() || bereikpogingenVoldoende(state));
      if (!this.buurtteamBereikt()) return;
    }
    state.fase = 'afgesloten';
    state.afsluiting = { reden: 'verlopen' };
    state.eindresultaat = eindresultaatBijReden('verlopen');
    state.volgendBezoek = undefined;
    log.info('melding gesloten: niet bereikt binnen de termijn', { meldingId: this.meldingId });
    this.bijwerken();
  }

  /** Once per case (a run continued as new knows from its state): the alert, and the open task. */
  private async escaleerOnbereikt(dagen: number, uiterlijk: Date): Promise<void> {
    if (this.state.onbereiktBesluitNodig) return;
    this.state.onbereiktBesluitNodig = new Date().toISOString();
    this.bijwerken();
    await this.bezorging.meld({
      idempotencyKey: `${this.sleutelBasis}:onbereikt-besluit-nodig`,
      soort: 'teamleider-alert',
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp: 'onbereikt-besluit-nodig',
      bericht:
        `melding ${dagen} dagen na het signaal niet bereikt, met ${this.state.bezoeken.length} huisbezoek(en); ` +
        `nodig zijn minstens ${MINIMAAL_BEZOEKEN}, waarvan één in de avond of het weekend (werkkader §2.8.2). ` +
        'De melding blijft open: leg de huisbezoeken af, of sluit als teamleider af als niet bereikt met een besluitreden',
      termijn: uiterlijk.toISOString(),
    });
  }

  /**
   * A crisis signal (eviction, end of energy supply, ended health insurance; Wgs art. 4 lid 2)
   * alerts the teamleider at once, and again when nobody reached the person within 3 werkdagen.
   */
  async bewaakCrisis(): Promise<void> {
    await condition(() => this.state.crisis !== undefined || this.afgehandeld());
    const crisis = this.state.crisis;
    if (!crisis || this.afgehandeld()) return;
    const signaal = this.signalen.find((s) => s.soort === crisis.soort)!;
    await this.bezorging.meld({
      idempotencyKey: `${this.sleutelBasis}:crisissignaal`,
      soort: this.crisisOntvanger(),
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp: 'crisissignaal',
      bericht: `crisissignaal ${crisis.soort}${crisisDatum(signaal)}: eerste contact binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen`,
      termijn: crisis.eersteContactUiterlijk,
    });
    if (await wachtTot(() => this.bereikt() || this.afgehandeld(), new Date(crisis.eersteContactUiterlijk))) return;
    await this.bezorging.meld({
      idempotencyKey: `${this.sleutelBasis}:crisis-contact-te-laat`,
      soort: this.crisisOntvanger(),
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp: 'crisis-contact-te-laat',
      bericht: `crisissignaal ${crisis.soort}: de persoon is niet binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen bereikt`,
      termijn: crisis.eersteContactUiterlijk,
    });
  }

  /** The crisis term holds whoever handles the case: on a WPI route its alerts go to WPI. */
  private crisisOntvanger(): Notificatie['soort'] {
    return this.state.wpi ? 'wpi-taak' : 'teamleider-alert';
  }

  /** Amsterdam's norms: each alerts the teamleider once when it passes unmet while the melding is open. */
  bewaakNormen(): Promise<void[]> {
    const normen = normenVan(this.melding.meldDatum, this.state);
    return Promise.all([
      this.bewaakNorm(
        'contactpoging-norm-overschreden',
        () => this.contactpogingen.length > 0,
        normen.eersteContactpogingUiterlijk,
        `geen contactpoging binnen ${CONTACTPOGING_NORM_DAGEN} dagen na het signaal (Amsterdamse norm)`,
      ),
      this.bewaakNorm(
        'analyse-norm-overschreden',
        () => this.state.stappen.budgetgesprek !== undefined,
        normen.eersteAnalyseUiterlijk,
        `geen eerste analyse (oriënterend budgetgesprek) binnen ${ANALYSE_NORM_DAGEN} dagen na het signaal (Amsterdamse norm)`,
      ),
    ]);
  }

  private async bewaakNorm(onderwerp: string, gehaald: () => boolean, uiterlijk: string, bericht: string): Promise<void> {
    // On a WPI route the buurtteam's norms are WPI's to keep: no buurtteam alerts.
    if (await wachtTot(() => gehaald() || this.afgehandeld() || this.state.wpi !== undefined, new Date(uiterlijk))) return;
    await this.bezorging.meld({
      idempotencyKey: `${this.sleutelBasis}:${onderwerp}`,
      soort: 'teamleider-alert',
      buurtteam: this.buurtteam,
      zaakId: this.meldingId,
      onderwerp,
      bericht,
      termijn: uiterlijk,
    });
  }

  /** Tells the household's lock that this melding takes no more signals; a lock ended meanwhile changes nothing for this case. */
  meldAfgehandeld(slot: string): Promise<void> {
    return getExternalWorkflowHandle(slot)
      .signal(meldingAfgehandeldSignal, this.meldingId)
      .catch((fout: unknown) => log.warn('huishoudslot niet bereikbaar', { meldingId: this.meldingId, fout: String(fout) }));
  }

  resultaat(): MeldingResultaat {
    const { state, signalen } = this;
    // Alerts still refused now are moot (the case is done); the Storing search attribute stays for the operator.
    if (this.storingen.length > 0)
      log.warn('melding afgehandeld met geweigerde notificaties', { meldingId: this.meldingId, aantal: this.storingen.length });
    return {
      fase: state.fase as MeldingResultaat['fase'],
      reden: state.afsluiting?.reden,
      trajectId: state.trajectId,
      bezoeken: state.bezoeken.length,
      eindresultaat: state.eindresultaat,
      signalen: signalen.length,
      eersteContactpoging: normenVan(this.melding.meldDatum, state).eersteContactpoging,
      bereikt: this.contactpogingen.some((p) => p.bereikt) || state.wpi?.stappen.contact !== undefined,
      crisis: state.crisis?.soort,
      ...(state.wpi ? { route: state.wpi.route } : {}),
      ...(teLaatGemeldDoor(signalen).length > 0 ? { teLaatGemeld: teLaatGemeldDoor(signalen) } : {}),
    };
  }
}
