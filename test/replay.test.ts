import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { testDataConverter } from './helpers/sleutels';
import { workflowBundel } from './helpers/temporal';

/**
 * Stored histories of real runs must replay against today's workflow code: a failure here means
 * a change would break cases already running, and needs patched() (see the README).
 */
const map = join(__dirname, 'histories');
const bestanden = readdirSync(map).filter((f) => f.endsWith('.json'));

describe('replay of stored workflow histories', () => {
  it('has histories for every workflow type', () => {
    expect(new Set(bestanden.map((f) => f.split('-')[0]))).toEqual(
      new Set(['beschikkingTermijn', 'huishoudslot', 'schuldhulpTraject', 'vroegEropaf']),
    );
  });

  it.each(bestanden)('%s replays deterministically', async (bestand) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(map, bestand), 'utf8')));
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundel(), dataConverter: testDataConverter, replayName: bestand },
      history,
      bestand,
    );
  });
});
