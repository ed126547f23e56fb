import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AdviesAfsluiting,
  AdviesGesprek,
  Beschikking,
  ContactInvoer,
  ContactpogingInvoer,
  CrisisinterventieUpdate,
  Evaluatie,
  FaseWijziging,
  FlankmoduleUpdate,
  GegevenAdvies,
  Herlevering,
  Huisbezoek,
  InkomensbeheerUpdate,
  IntakeUpdate,
  KindcheckInvoer,
  MeldingAfsluiting,
  NazorgContact,
  OpschortingUpdate,
  RegieWijziging,
  PlanInvoer,
  StapUpdate,
  Toestemming,
  VerdagingUpdate,
  VerwijzingInvoer,
  VerwijzingUitkomstInvoer,
  WpiRouteInvoer,
  WpiStapInvoer,
  ZrmMeting,
} from '../common/schemas';
import type { TermijnVerloop } from '../common/termijnen';
import type {
  AdviesOpschaling,
  AdviesStatus,
  Besteding,
  BestedingBeoordeling,
  BudgetStatus,
  Handeling,
  Herhaalmelding,
  HuishoudSignaal,
  HuishoudToewijzing,
  Klacht,
  KlachtAfdoening,
  KlachtenStatus,
  MeldingAanvraag,
  MeldingStatus,
  MeldingToewijzing,
  SignaalOntvangst,
  OverdrachtOpdracht,
  Storing,
  TermijnStatus,
  TrajectAanvraag,
  TrajectStatus,
  TrajectToewijzing,
} from './types';

/** Message definitions shared by workflows, API and tests. */

// beschikkingTermijn
export const beschikkingAfgegevenSignal = defineSignal<[Beschikking]>('beschikkingAfgegeven');
export const termijnVervallenSignal = defineSignal<[string]>('termijnVervallen');
/** The traject's whole current verloop (start, opschortingen, verdaging): the child recomputes from it. */
export const termijnGewijzigdSignal = defineSignal<[TermijnVerloop]>('termijnGewijzigd');
export const termijnStatusQuery = defineQuery<TermijnStatus>('termijnStatus');
/** From the traject: the operator asked to offer refused alerts again now. */
export const termijnHerleveringSignal = defineSignal('herlevering');
/** From the traject: it moved to another buurtteam; the term's alerts and search attribute follow. */
export const termijnTeamSignal = defineSignal<[string]>('termijnTeam');
/** To the traject: the term's refused alerts changed (the full list). */
export const termijnStoringenSignal = defineSignal<[Storing[]]>('termijnStoringen');

// schuldhulpTraject
export const trajectStatusQuery = defineQuery<TrajectStatus>('trajectStatus');
export const intakeUpdate = defineUpdate<TrajectStatus, [IntakeUpdate & Handeling]>('intake');
export const faseUpdate = defineUpdate<TrajectStatus, [FaseWijziging & Handeling]>('fase');
export const beschikkingUpdate = defineUpdate<TrajectStatus, [Beschikking & Handeling]>('beschikking');
export const toestemmingUpdate = defineUpdate<TrajectStatus, [Toestemming & Handeling]>('toestemming');
export const crisisinterventieUpdate = defineUpdate<TrajectStatus, [CrisisinterventieUpdate & Handeling]>('crisisinterventie');
export const flankmoduleUpdate = defineUpdate<TrajectStatus, [FlankmoduleUpdate & Handeling]>('flankmodule');
export const inkomensbeheerUpdate = defineUpdate<TrajectStatus, [InkomensbeheerUpdate & Handeling]>('inkomensbeheer');
export const opschortingUpdate = defineUpdate<TrajectStatus, [OpschortingUpdate & Handeling]>('opschorting');
export const verdagingUpdate = defineUpdate<TrajectStatus, [VerdagingUpdate & Handeling]>('verdaging');
export const trajectHerleveringUpdate = defineUpdate<TrajectStatus, [Herlevering & Handeling]>('herlevering');
export const zrmUpdate = defineUpdate<TrajectStatus, [ZrmMeting & Handeling]>('zrm');
/** `opvolgenWeken` the API adds from its configuration (VERWIJZING_OPVOLGEN_WEKEN); absent: the default. */
export const verwijzingUpdate = defineUpdate<TrajectStatus, [VerwijzingInvoer & { opvolgenWeken?: number } & Handeling]>('verwijzing');
export const verwijzingUitkomstUpdate = defineUpdate<TrajectStatus, [VerwijzingUitkomstInvoer & Handeling]>('verwijzingUitkomst');
export const kindcheckUpdate = defineUpdate<TrajectStatus, [KindcheckInvoer & Handeling]>('kindcheck');
export const regieUpdate = defineUpdate<TrajectStatus, [RegieWijziging & Handeling]>('regie');
export const contactUpdate = defineUpdate<TrajectStatus, [ContactInvoer & Handeling]>('contact');
/** Vaststellen of the ondersteuningsplan; a next version adjusts or renews it. */
export const ondersteuningsplanUpdate = defineUpdate<TrajectStatus, [PlanInvoer & Handeling]>('ondersteuningsplan');
export const evaluatieUpdate = defineUpdate<TrajectStatus, [Evaluatie & Handeling]>('evaluatie');
export const nazorgContactUpdate = defineUpdate<TrajectStatus, [NazorgContact & Handeling]>('nazorgContact');

// minimaatwerkbudget
export const bestedingUpdate = defineUpdate<BudgetStatus, [Besteding & Handeling]>('besteding');
export const bestedingBeoordelingUpdate = defineUpdate<BudgetStatus, [BestedingBeoordeling & Handeling]>('bestedingBeoordeling');
export const budgetStatusQuery = defineQuery<BudgetStatus>('budgetStatus');

// klachtenregistratie
export const klachtUpdate = defineUpdate<KlachtenStatus, [Omit<Klacht, 'afdoening'>]>('klacht');
export const klachtAfdoeningUpdate = defineUpdate<KlachtenStatus, [{ klachtId: string } & KlachtAfdoening & Handeling]>('klachtAfdoening');
export const klachtenStatusQuery = defineQuery<KlachtenStatus>('klachtenStatus');

// persoonsslot
export const trajectAanvragenUpdate = defineUpdate<TrajectToewijzing, [TrajectAanvraag]>('trajectAanvragen');
export const persoonsslotQuery = defineQuery<{ trajectId?: string; buurtteam?: string }>('persoonsslot');
/** From a lock started by a melding's hand-over to that melding: the person's traject that runs (the melding's own, or one already open). */
export const trajectGestartSignal = defineSignal<[string]>('trajectGestart');
/** From the person's traject to their lock: it moved to another buurtteam (trajectId, buurtteam). */
export const trajectTeamSignal = defineSignal<[string, string]>('trajectTeam');
/** From the person's traject to their lock: it is afgesloten (trajectId), also while its last deliveries still run. */
export const trajectAfgeslotenSignal = defineSignal<[string]>('trajectAfgesloten');

// vroegEropaf
export const meldingStatusQuery = defineQuery<MeldingStatus>('meldingStatus');
export const huisbezoekUpdate = defineUpdate<MeldingStatus, [Huisbezoek & Handeling]>('huisbezoek');
export const stapUpdate = defineUpdate<MeldingStatus, [StapUpdate & Handeling]>('stap');
export const meldingAfsluitingUpdate = defineUpdate<MeldingStatus, [MeldingAfsluiting & Handeling]>('afsluiting');
export const overdrachtUpdate = defineUpdate<MeldingStatus, [OverdrachtOpdracht & Handeling]>('overdracht');
export const meldingHerleveringUpdate = defineUpdate<MeldingStatus, [Herlevering & Handeling]>('herlevering');
/**
 * A further signal for the open melding of a household: the same melding again (taken up only with a
 * higher achterstand) or another creditor's signal. The name stays from when only repeats came in.
 */
export const herhaalmeldingUpdate = defineUpdate<SignaalOntvangst, [Herhaalmelding]>('herhaalmelding');
export const wpiRouteUpdate = defineUpdate<MeldingStatus, [WpiRouteInvoer & Handeling]>('wpiRoute');
export const wpiStapUpdate = defineUpdate<MeldingStatus, [WpiStapInvoer & Handeling]>('wpiStap');
export const contactpogingUpdate = defineUpdate<MeldingStatus, [ContactpogingInvoer & Handeling]>('contactpoging');

/** A signal for a household's melding, started with it (see signaalIntake.ts). */
export const huishoudSignaalUpdate = defineUpdate<HuishoudToewijzing, [HuishoudSignaal]>('huishoudSignaal');
/** Whether this melding took the signal with this key of this team (a retried request after it closed). */
export const signaalBekendQuery = defineQuery<boolean, [string, string]>('signaalBekend');

// huishoudslot
export const signaalAanmeldenUpdate = defineUpdate<MeldingToewijzing, [MeldingAanvraag]>('signaalAanmelden');
/** From a melding to its household's lock: it takes no more signals (closed or handed over). */
export const meldingAfgehandeldSignal = defineSignal<[string]>('meldingAfgehandeld');
export const huishoudslotQuery = defineQuery<{ meldingId?: string }>('huishoudslot');

// informatieAdvies
export const adviesStatusQuery = defineQuery<AdviesStatus>('adviesStatus');
export const adviesGesprekUpdate = defineUpdate<AdviesStatus, [AdviesGesprek & Handeling]>('gesprek');
export const gegevenAdviesUpdate = defineUpdate<AdviesStatus, [GegevenAdvies & Handeling]>('gegevenAdvies');
export const adviesAfsluitingUpdate = defineUpdate<AdviesStatus, [AdviesAfsluiting & Handeling]>('afsluiting');
/** From the API, once the person's lock started the traject: the advies closes as opgeschaald. */
export const adviesOpschalingUpdate = defineUpdate<AdviesStatus, [AdviesOpschaling & Handeling]>('opschaling');
