import { patched } from '@temporalio/workflow';

/**
 * One marker stands for every change below. The SDK records each patch marker together with an
 * upsert of the TemporalChangeVersion search attribute: two history events and a visibility write
 * on the server, so a new melding paid for five markers before its first alert. A run started with
 * this code records only BUNDEL, at its first call of `gepatcht`.
 */
export const BUNDEL = 'patches-tot-2026-11';

/** The changes BUNDEL stands for. A later change calls `patched` with an id of its own. */
export type GebundeldePatch =
  | 'awb-termijnregels'
  | 'crisis-later'
  | 'herhaalde-escalatie'
  | 'herlever-elk-verzoek'
  | 'huishoudslot-wacht-op-start'
  | 'late-registratie-normwaarschuwing'
  | 'melding-crisispad'
  | 'melding-meldt-huishouden'
  | 'melding-normen'
  | 'melding-sluit-onbereikt'
  | 'registratie-herlevering'
  | 'veilig-doorstarten'
  | 'zoekkenmerk-bijgewerkt'
  | 'zrm-metingen';

/**
 * `patched(id)` for a bundled change. Outside replay both calls answer true, so the first one
 * decides and BUNDEL's marker is the one recorded. In replay BUNDEL is true only from the workflow
 * task that recorded it on; a run recorded before BUNDEL has its own markers, which then decide as
 * they always did.
 */
export function gepatcht(id: GebundeldePatch): boolean {
  return patched(BUNDEL) || patched(id);
}
