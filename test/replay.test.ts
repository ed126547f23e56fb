import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { testDataConverter } from './helpers/sleutels';
import { workflowBundel } from './helpers/temporal';
import * as workflows from '../workflows';

/**
 * Stored histories of real runs must replay against today's workflow code: a failure here means
 * a change would break cases already running, and needs patched() (see docs/workflow-changes.md).
 */
const map = join(__dirname, 'histories');
const bestanden = readdirSync(map).filter((f) => f.endsWith('.json'));
const lees = (bestand: string) => historyFromJSON(JSON.parse(readFileSync(join(map, bestand), 'utf8')));
/** The type a history ran, from its first event; a file is named after it. */
const typeVan = (bestand: string) => lees(bestand).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

describe('replay of stored workflow histories', () => {
  it('has histories for every workflow type the worker registers, and none of a type it does not', () => {
    // Every function workflows/index.ts exports is a workflow type; a file is named after its type.
    const typen = Object.entries(workflows)
      .filter(([, w]) => typeof w === 'function')
      .map(([naam]) => naam);
    expect(typen.length).toBeGreaterThan(0);
    expect(new Set(bestanden.map(typeVan))).toEqual(new Set(typen));
    expect(bestanden.filter((f) => f.split('-')[0] !== typeVan(f))).toEqual([]);
  });

  it.each(bestanden)('%s replays deterministically', async (bestand) => {
    const history = lees(bestand);
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundel(), dataConverter: testDataConverter, replayName: bestand },
      history,
      bestand,
    );
  });
});
