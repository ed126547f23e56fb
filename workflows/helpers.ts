import { ApplicationFailure, condition, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { gepatcht } from './patches';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../activities';
import { BIJGEWERKT, BUURTTEAM, FASE, OPEN_TAAK, PRIORITEIT, REGIEVOERDER, STORING, TERMIJN_DATUM } from '../common/searchAttributes';
import { isPersoonsslot } from '../common/workflowIds';
import type { Storing } from './types';

export const { notificeer, registreer } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** The person's lock that started this traject (its parent), when a lock did. */
export function persoonsslotVanTraject(): string | undefined {
  const ouder = workflowInfo().parent?.workflowId;
  return isPersoonsslot(ouder) ? ouder : undefined;
}

/** Error types the API maps to HTTP statuses: OngeldigeOvergang -> 409, OngeldigeInvoer -> 400. */
export function ongeldigeOvergang(bericht: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'OngeldigeOvergang', message: bericht, nonRetryable: true });
}

/** The person already has an open traject; details name their lock, whose query gives its id. */
export function trajectBestaat(persoonsslotId: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'TrajectBestaat',
    message: 'deze persoon heeft al een open schuldhulptraject',
    details: [persoonsslotId],
    nonRetryable: true,
  });
}

export function ongeldigeInvoer(veld: string, bericht: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'OngeldigeInvoer', message: bericht, details: [veld], nonRetryable: true });
}

/**
 * Waits until `klaar()` holds or the instant `tot` passes; true when `klaar()` won.
 * A deadline already in the past is checked at once instead of starting a zero timer.
 */
export async function wachtTot(klaar: () => boolean, tot: Date): Promise<boolean> {
  const resterend = tot.getTime() - Date.now();
  if (klaar() || resterend <= 0) return klaar();
  return condition(klaar, resterend);
}

export interface Zoekkenmerken {
  buurtteam: string;
  fase: string;
  regievoerder?: string;
  termijn?: Date;
  openTaken: string[];
  /** Werkvoorraad weight; left out (not cleared) when absent, so earlier upserts stay as they were. */
  prioriteit?: number;
}

/** Keeps the case findable in the werkvoorraad and the Temporal UI. */
export function werkZoekkenmerkenBij(z: Zoekkenmerken): void {
  const paren: SearchAttributeUpdatePair[] = [
    { key: BUURTTEAM, value: z.buurtteam },
    { key: FASE, value: z.fase },
    { key: OPEN_TAAK, value: z.openTaken.length > 0 ? z.openTaken : null },
    { key: REGIEVOERDER, value: z.regievoerder ?? null },
    { key: TERMIJN_DATUM, value: z.termijn ?? null },
  ];
  // The werkvoorraad read model polls visibility for recently changed cases. Absent in upserts
  // recorded before patch zoekkenmerk-bijgewerkt.
  if (gepatcht('zoekkenmerk-bijgewerkt')) paren.push({ key: BIJGEWERKT, value: new Date() });
  if (z.prioriteit !== undefined) paren.push({ key: PRIORITEIT, value: z.prioriteit });
  upsertSearchAttributes(paren);
}

/** The operator signal in the Temporal UI: which kinds of delivery are refused right now. */
export function werkStoringBij(storingen: Storing[]): void {
  const soorten = [...new Set(storingen.map((s) => s.soort))].sort();
  upsertSearchAttributes([{ key: STORING, value: soorten.length > 0 ? soorten : null }]);
}
