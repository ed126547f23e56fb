/**
 * The workflow id formats, once: workflows start and signal by them, the API and the werkvoorraad
 * read them back. Pure and Temporal-free. Ids carry keyed hashes or generated ids, never personal data.
 */

const HUISHOUDSLOT_PREFIX = 'huishouden-';
const TERMIJN_ACHTERVOEGSEL = '-beschikkingstermijn';

/** Workflow id of a household's lock; `huishoudSleutel` is a keyed hash of the address, never the address. */
export function huishoudslotId(huishoudSleutel: string): string {
  return `${HUISHOUDSLOT_PREFIX}${huishoudSleutel}`;
}

export function isHuishoudslot(workflowId: string | undefined): boolean {
  return workflowId?.startsWith(HUISHOUDSLOT_PREFIX) ?? false;
}

const PERSOONSSLOT_PREFIX = 'persoon-';

/** Workflow id of a person's lock; `persoonSleutel` is a keyed hash of the BSN, never the BSN. */
export function persoonsslotId(persoonSleutel: string): string {
  return `${PERSOONSSLOT_PREFIX}${persoonSleutel}`;
}

export function isPersoonsslot(workflowId: string | undefined): boolean {
  return workflowId?.startsWith(PERSOONSSLOT_PREFIX) ?? false;
}

/**
 * A household's melding: its id is the keyed hash of the address, so that every signal for the
 * household is one update-with-start on one workflow (api/signaalIntake.ts).
 */
export function huishoudmeldingId(huishoudSleutel: string): string {
  return `melding-${huishoudSleutel}`;
}

/**
 * A household's melding's first run as its keys and traject id carry it (12 hex digits of the run
 * id): that melding's id comes back once the retention removed a closed one, its run does not.
 */
export function runKenmerk(firstExecutionRunId: string): string {
  return firstExecutionRunId.replace(/-/g, '').slice(0, 12);
}

/** What a melding's notification keys start with: its id, and for a household's melding its run. */
export function meldingSleutelBasis(meldingId: string, run?: string): string {
  return run ? `${meldingId}:${run}` : meldingId;
}

/**
 * The traject a melding hands over to: one per melding, so a repeated hand-over finds it. A
 * household's melding adds its run (`runKenmerk`), as its id comes back after the retention.
 */
export function trajectIdVoorMelding(meldingId: string, run?: string): string {
  return run ? `traject-${meldingId}-${run}` : `traject-${meldingId}`;
}

/** Prefix of an advies (informatie en advies): the rest is a keyed hash of its Idempotency-Key, or a random id. */
export const ADVIES_PREFIX = 'advies-';

/** The traject an advies steps up into: one per advies, so a repeated step up finds it. */
export function trajectIdVoorAdvies(adviesId: string): string {
  return `traject-${adviesId}`;
}

/** The workflow id of a traject's term child. */
export function termijnWorkflowId(trajectId: string): string {
  return `${trajectId}${TERMIJN_ACHTERVOEGSEL}`;
}

/** The traject whose term child runs under `workflowId`, if it is one. */
export function trajectVanTermijnWorkflow(workflowId: string): string | undefined {
  return workflowId.endsWith(TERMIJN_ACHTERVOEGSEL) ? workflowId.slice(0, -TERMIJN_ACHTERVOEGSEL.length) : undefined;
}
