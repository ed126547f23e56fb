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
} from '../common/schemas';
import type { TermijnVerloop } from '../common/termijnen';
import type {
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
export const intakeUpdate = defineUpdate<TrajectStatus, [IntakeUpdate]>('intake');
export const faseUpdate = defineUpdate<TrajectStatus, [FaseWijziging]>('fase');
export const beschikkingUpdate = defineUpdate<TrajectStatus, [Beschikking]>('beschikking');
export const toestemmingUpdate = defineUpdate<TrajectStatus, [Toestemming]>('toestemming');
export const crisisinterventieUpdate = defineUpdate<TrajectStatus, [CrisisinterventieUpdate]>('crisisinterventie');
export const flankmoduleUpdate = defineUpdate<TrajectStatus, [FlankmoduleUpdate]>('flankmodule');
export const inkomensbeheerUpdate = defineUpdate<TrajectStatus, [InkomensbeheerUpdate]>('inkomensbeheer');
export const opschortingUpdate = defineUpdate<TrajectStatus, [OpschortingUpdate]>('opschorting');
export const verdagingUpdate = defineUpdate<TrajectStatus, [VerdagingUpdate]>('verdaging');
export const trajectHerleveringUpdate = defineUpdate<TrajectStatus, [Herlevering]>('herlevering');

// persoonsslot
export const trajectAanvragenUpdate = defineUpdate<TrajectToewijzing, [TrajectAanvraag]>('trajectAanvragen');
export const persoonsslotQuery = defineQuery<{ trajectId?: string }>('persoonsslot');
/** From a lock started by a melding's hand-over to that melding: its traject now exists. */
export const trajectGestartSignal = defineSignal<[string]>('trajectGestart');

// vroegEropaf
export const meldingStatusQuery = defineQuery<MeldingStatus>('meldingStatus');
export const huisbezoekUpdate = defineUpdate<MeldingStatus, [Huisbezoek]>('huisbezoek');
export const stapUpdate = defineUpdate<MeldingStatus, [StapUpdate]>('stap');
export const meldingAfsluitingUpdate = defineUpdate<MeldingStatus, [MeldingAfsluiting]>('afsluiting');
export const overdrachtUpdate = defineUpdate<MeldingStatus, [OverdrachtOpdracht]>('overdracht');
export const meldingHerleveringUpdate = defineUpdate<MeldingStatus, [Herlevering]>('herlevering');
/** The same melding again (same schuldeiser and referentie): a higher achterstand updates the case. */
export const herhaalmeldingUpdate = defineUpdate<{ bijgewerkt: boolean }, [Herhaalmelding]>('herhaalmelding');
