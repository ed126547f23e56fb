import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Beschikking,
  CrisisinterventieUpdate,
  FaseWijziging,
  FlankmoduleUpdate,
  Herlevering,
  Huisbezoek,
  InkomensbeheerUpdate,
  IntakeUpdate,
  MeldingAfsluiting,
  OpschortingUpdate,
  StapUpdate,
  Toestemming,
  VerdagingUpdate,
  ZrmMeting,
} from '../common/schemas';
import type { TermijnVerloop } from '../common/termijnen';
import type {
  Besteding,
  BudgetStatus,
  Handeling,
  Herhaalmelding,
  MeldingStatus,
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

// minimaatwerkbudget
export const bestedingUpdate = defineUpdate<BudgetStatus, [Besteding & Handeling]>('besteding');
export const budgetStatusQuery = defineQuery<BudgetStatus>('budgetStatus');

// persoonsslot
export const trajectAanvragenUpdate = defineUpdate<TrajectToewijzing, [TrajectAanvraag]>('trajectAanvragen');
export const persoonsslotQuery = defineQuery<{ trajectId?: string }>('persoonsslot');
/** From a lock started by a melding's hand-over to that melding: its traject now exists. */
export const trajectGestartSignal = defineSignal<[string]>('trajectGestart');

// vroegEropaf
export const meldingStatusQuery = defineQuery<MeldingStatus>('meldingStatus');
export const huisbezoekUpdate = defineUpdate<MeldingStatus, [Huisbezoek & Handeling]>('huisbezoek');
export const stapUpdate = defineUpdate<MeldingStatus, [StapUpdate & Handeling]>('stap');
export const meldingAfsluitingUpdate = defineUpdate<MeldingStatus, [MeldingAfsluiting & Handeling]>('afsluiting');
export const overdrachtUpdate = defineUpdate<MeldingStatus, [OverdrachtOpdracht & Handeling]>('overdracht');
export const meldingHerleveringUpdate = defineUpdate<MeldingStatus, [Herlevering & Handeling]>('herlevering');
/** The same melding again (same schuldeiser and referentie): a higher achterstand updates the case. */
export const herhaalmeldingUpdate = defineUpdate<{ bijgewerkt: boolean }, [Herhaalmelding]>('herhaalmelding');
