import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { amsterdamMiddernacht, plusDagen } from '../common/kalender';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { bestedingUpdate, budgetStatusQuery } from './messages';
import type { Besteding, BudgetInput, BudgetStatus } from './types';

const euro = (cent: number) => `€ ${(cent / 100).toFixed(2).replace('.', ',')}`;
/** Corrections of the closing year are still taken in January. */
const NALOOP_DAGEN = 31;

/**
 * The minimaatwerkbudget of one buurtteam in one calendar year. Every spend goes through this one
 * workflow as an update (the API uses update-with-start), so two medewerkers spending at once can
 * never together exceed the team's or a household's limit: updates on one workflow run one at a time.
 */
export async function minimaatwerkbudget(input: BudgetInput): Promise<BudgetStatus> {
  const bestedingen: Besteding[] = input.voortzetting ?? [];
  const besteed = (filter: (b: Besteding) => boolean = () => true) => bestedingen.filter(filter).reduce((som, b) => som + b.bedragCent, 0);
  const status = (): BudgetStatus => {
    const teamBesteed = besteed();
    return {
      buurtteam: input.buurtteam,
      jaar: input.jaar,
      teamBudgetCent: input.teamBudgetCent,
      huishoudenBudgetCent: input.huishoudenBudgetCent,
      besteedCent: teamBesteed,
      resterendCent: input.teamBudgetCent - teamBesteed,
      bestedingen,
    };
  };

  setHandler(budgetStatusQuery, status);
  setHandler(
    bestedingUpdate,
    (b) => {
      if (bestedingen.some((x) => x.uitgaveId === b.uitgaveId)) return status();
      bestedingen.push(b);
      log.info('minimaatwerk besteed', { buurtteam: input.buurtteam, jaar: input.jaar, trajectId: b.trajectId, bedragCent: b.bedragCent });
      return status();
    },
    {
      validator: (b) => {
        if (bestedingen.some((x) => x.uitgaveId === b.uitgaveId)) return;
        if (Number(b.datum.slice(0, 4)) !== input.jaar)
          throw ongeldigeInvoer('datum', `de uitgave hoort niet bij het budgetjaar ${input.jaar}`);
        const team = besteed();
        if (team + b.bedragCent > input.teamBudgetCent) {
          throw ongeldigeOvergang(
            `minimaatwerkbudget van het team ontoereikend: nog ${euro(input.teamBudgetCent - team)} over in ${input.jaar}`,
          );
        }
        const huishouden = besteed((x) => x.trajectId === b.trajectId);
        if (huishouden + b.bedragCent > input.huishoudenBudgetCent) {
          throw ongeldigeOvergang(
            `minimaatwerkbudget van het huishouden ontoereikend: nog ${euro(input.huishoudenBudgetCent - huishouden)} over`,
          );
        }
      },
    },
  );

  const sluiting = amsterdamMiddernacht(plusDagen(`${input.jaar + 1}-01-01`, NALOOP_DAGEN));
  const doorstarten = await wachtTot(() => workflowInfo().continueAsNewSuggested, sluiting);
  await condition(allHandlersFinished);
  if (doorstarten) {
    await continueAsNew<typeof minimaatwerkbudget>({ ...input, voortzetting: bestedingen });
  }
  return status();
}
