import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, amsterdamMiddernacht } from '../common/kalender';
import { budgetWorkflowId } from '../common/minimaatwerk';
import * as berichten from '../workflows/messages';
import type { minimaatwerkbudget } from '../workflows/minimaatwerkbudget';
import { opnemendeAdapters } from './helpers/fakes';
import { besteedViaBudget } from './helpers/minimaatwerk';
import { tijdreisOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';

const TEAM = 'jaargrens';
const HALF_UUR = 30 * 60_000;
/** Long enough that the status every spend answers with grows the history quickly. */
const OMSCHRIJVING = 'boodschappen en een reparatie; '.repeat(15);
/** Far more spends than the server's 4 MiB history needs before it suggests continue-as-new. */
const MAX_BESTEDINGEN = 600;

/**
 * A team's budget over the turn of the year on the time-skipping server: the year's run continues
 * as new when its history grows long (every spend answers with the whole status), keeping its
 * spends; from midnight in Amsterdam spends go to the new year's own budget, while the old year
 * takes late corrections through January and closes at 1 February 00:00 Amsterdam time.
 */
describe('the minimaatwerk budget over the turn of the year', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await tijdreisOmgeving();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const nu = async () => new Date(await env.currentTimeMs());
  const springNaar = async (moment: Date) => env.sleep(moment.getTime() - (await nu()).getTime());

  it('continues as new keeping its spends, opens the new year at Amsterdam midnight and closes the old one on 1 February', async () => {
    // 23:30 on 31 December in Amsterdam: this year's, unless that has passed.
    let jaar = Number(amsterdamDatum(await nu()).slice(0, 4));
    if (amsterdamMiddernacht(`${jaar + 1}-01-01`).getTime() - HALF_UUR < (await nu()).getTime()) jaar++;
    const nieuwjaar = amsterdamMiddernacht(`${jaar + 1}-01-01`);
    await springNaar(new Date(nieuwjaar.getTime() - HALF_UUR));
    const oudjaar = await amsterdamDatumNu();
    expect(oudjaar).toBe(`${jaar}-12-31`);

    await metWorker(env, opnemendeAdapters(), async () => {
      const besteding = (i: number, datum: string) => ({
        uitgaveId: `uitgave-jaargrens-${i}`,
        trajectId: `traject-jaargrens-${i % 25}`,
        bedragCent: 100,
        datum,
        omschrijving: OMSCHRIJVING,
        door: 'mdw-jaargrens',
      });
      const budget = env.client.workflow.getHandle<typeof minimaatwerkbudget>(budgetWorkflowId(TEAM, jaar));
      const eersteRun = (await besteedViaBudget(env.client, TEAM, besteding(0, oudjaar)), (await budget.describe()).runId);
      let n = 1;
      while ((await budget.describe()).runId === eersteRun) {
        expect(n).toBeLessThan(MAX_BESTEDINGEN);
        for (const eind = n + 10; n < eind; n++) await besteedViaBudget(env.client, TEAM, besteding(n, oudjaar));
      }
      const uitgaven = Array.from({ length: n }, (_, i) => `uitgave-jaargrens-${i}`);
      expect(n).toBeGreaterThan(10);

      // The first run closed by continuing as new; the next one carries every spend and the year's input.
      expect((await env.client.workflow.getHandle(budget.workflowId, eersteRun).describe()).status.name).toBe('CONTINUED_AS_NEW');
      const voortgezet = await budget.query(berichten.budgetStatusQuery);
      expect(voortgezet.jaar).toBe(jaar);
      expect(voortgezet.bestedingen.map((b) => b.uitgaveId).sort()).toEqual([...uitgaven].sort());
      expect(voortgezet.besteedCent).toBe(n * 100);
      expect(voortgezet.resterendCent).toBe(voortgezet.teamBudgetCent - voortgezet.besteedCent);
      // A spend retried after the continue-as-new is still recorded once.
      expect((await besteedViaBudget(env.client, TEAM, besteding(0, oudjaar))).bestedingen).toHaveLength(n);

      // 00:30 in Amsterdam on 1 January, while it is still 31 December in UTC.
      await springNaar(new Date(nieuwjaar.getTime() + HALF_UUR));
      expect((await nu()).toISOString().slice(0, 10)).toBe(`${jaar}-12-31`);
      const nieuwjaarsdag = await amsterdamDatumNu();
      expect(nieuwjaarsdag).toBe(`${jaar + 1}-01-01`);
      const nieuw = await besteedViaBudget(env.client, TEAM, besteding(n, nieuwjaarsdag));
      expect(nieuw.jaar).toBe(jaar + 1);
      expect(nieuw.bestedingen.map((b) => b.uitgaveId)).toEqual([`uitgave-jaargrens-${n}`]);
      expect(nieuw.resterendCent).toBe(nieuw.teamBudgetCent - 100);

      // A late bill of the old year, in January, still goes to the old year's budget.
      const correctie = await besteedViaBudget(env.client, TEAM, besteding(n + 1, oudjaar));
      expect(correctie.jaar).toBe(jaar);
      expect(correctie.bestedingen).toHaveLength(n + 1);

      // The old year closes at 1 February 00:00 Amsterdam time (23:00 UTC on 31 January).
      const sluiting = amsterdamMiddernacht(`${jaar + 1}-02-01`);
      await springNaar(new Date(sluiting.getTime() - HALF_UUR));
      expect((await budget.describe()).status.name).toBe('RUNNING');
      await springNaar(new Date(sluiting.getTime() + HALF_UUR));
      expect((await budget.describe()).status.name).toBe('COMPLETED');
      expect((await env.client.workflow.getHandle(budgetWorkflowId(TEAM, jaar + 1)).describe()).status.name).toBe('RUNNING');
      // Last: waiting for a result lets the time-skipping server run on to the new year's close.
      const eind = await budget.result();
      expect(eind.jaar).toBe(jaar);
      expect(eind.bestedingen.map((b) => b.uitgaveId).sort()).toEqual([...uitgaven, `uitgave-jaargrens-${n + 1}`].sort());
      // A closed year is not opened again with a fresh budget.
      const gesloten = (await budget.describe()).runId;
      await expect(besteedViaBudget(env.client, TEAM, besteding(n + 2, oudjaar))).rejects.toThrow();
      expect(await budget.describe()).toMatchObject({ runId: gesloten, status: { name: 'COMPLETED' } });
    });
  });

  async function amsterdamDatumNu(): Promise<string> {
    return amsterdamDatum(await nu());
  }
});
