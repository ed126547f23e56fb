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
 * A team's werkvoorraad: its running cases with open tasks, the most urgent term first.
 * `team` must already be validated as a keyword slug, since it goes into a visibility query.
 */
export async function werkvoorraad(client: Client, team: string): Promise<Taak[]> {
  const taken: Taak[] = [];
  const query = `Buurtteam = '${team}' AND ExecutionStatus = 'Running'`;
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
