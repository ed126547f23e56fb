import type { Client } from '@temporalio/client';
import { FASE, OPEN_TAAK, REGIEVOERDER, TERMIJN_DATUM } from '../common/searchAttributes';

export interface Taak {
  zaakId: string;
  soort: string;
  fase?: string;
  openTaken: string[];
  termijnDatum?: string;
  regievoerder?: string;
}

/**
 * A team's werkvoorraad: its running cases with open tasks, the most urgent term first, optionally
 * only one regievoerder's. Both must already be validated as keyword slugs: they go into a query.
 */
export async function werkvoorraad(client: Client, team: string, regievoerder?: string): Promise<Taak[]> {
  const taken: Taak[] = [];
  const query = `Buurtteam = '${team}' AND ExecutionStatus = 'Running'` + (regievoerder ? ` AND Regievoerder = '${regievoerder}'` : '');
  for await (const wf of client.workflow.list({ query })) {
    const attrs = wf.typedSearchAttributes;
    const openTaken = attrs.get(OPEN_TAAK) ?? [];
    if (openTaken.length === 0) continue;
    taken.push({
      zaakId: wf.workflowId,
      soort: wf.type,
      fase: attrs.get(FASE),
      openTaken,
      termijnDatum: attrs.get(TERMIJN_DATUM)?.toISOString(),
      regievoerder: attrs.get(REGIEVOERDER),
    });
  }
  // ISO instants sort as strings; cases without a term go last.
  return taken.sort((a, b) => (a.termijnDatum ?? '~').localeCompare(b.termijnDatum ?? '~'));
}
