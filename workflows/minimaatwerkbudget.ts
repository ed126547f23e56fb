import { allHandlersFinished, condition, continueAsNew, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { amsterdamDatum, amsterdamMiddernacht, plusDagen } from '../common/kalender';
import { waaromGeenBeoordeling, waaromNietBoekbaar } from '../common/minimaatwerk';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { bestedingBeoordelingUpdate, bestedingUpdate, budgetStatusQuery } from './messages';
import type { Besteding, BudgetInput, BudgetStatus } from './types';

const euro = (cent: number) => `€ ${(cent / 100).toFixed(2).replace('.', ',')}`;
/** Corrections of the closing year are still taken in January. */
const NALOOP_DAGEN = 31;

/** Approved and still pending spends hold budget; a refused one frees it. */
const telt = (b: Besteding) => b.status !== 'afgewezen';

/** A spend for this household: the same address, or the same traject (spends from before carry no address). */
const vanHuishouden = (b: Pick<Besteding, 'trajectId' | 'huishouden'>) => (x: Besteding) =>
  x.trajectId === b.trajectId || (b.huishouden !== undefined && x.huishouden === b.huishouden);

/**
 * The minimaatwerkbudget of one buurtteam in one calendar year. Every spend goes through this one
 * workflow as an update (the API uses update-with-start), so two medewerkers spending at once can
 * never together exceed the team's or a household's limit: updates on one workflow run one at a time.
 */
export async function minimaatwerkbudget(input: BudgetInput): Promise<BudgetStatus> {
  const bestedingen: Besteding[] = input.voortzetting ?? [];
  const besteed = (filter: (b: Besteding) => boolean = () => true) =>
    bestedingen.filter((b) => telt(b) && filter(b)).reduce((som, b) => som + b.bedragCent, 0);
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
      // Zes ogen: a new spend waits for a colleague. Before patch minimaatwerk-zes-ogen a spend was final at once.
      bestedingen.push(patched('minimaatwerk-zes-ogen') ? { ...b, status: 'aangevraagd' } : b);
      log.info('minimaatwerk besteed', { buurtteam: input.buurtteam, jaar: input.jaar, trajectId: b.trajectId, bedragCent: b.bedragCent });
      return status();
    },
    {
      validator: (b) => {
        if (bestedingen.some((x) => x.uitgaveId === b.uitgaveId)) return;
        if (Number(b.datum.slice(0, 4)) !== input.jaar)
          throw ongeldigeInvoer('datum', `de uitgave hoort niet bij het budgetjaar ${input.jaar}`);
        const buitenJaar = waaromNietBoekbaar(b.datum, amsterdamDatum(new Date()));
        if (buitenJaar) throw ongeldigeInvoer('datum', buitenJaar);
        const team = besteed();
        if (team + b.bedragCent > input.teamBudgetCent) {
          throw ongeldigeOvergang(
            `minimaatwerkbudget van het team ontoereikend: nog ${euro(input.teamBudgetCent - team)} over in ${input.jaar}`,
          );
        }
        const huishouden = besteed(vanHuishouden(b));
        if (huishouden + b.bedragCent > input.huishoudenBudgetCent) {
          throw ongeldigeOvergang(
            `minimaatwerkbudget van het huishouden ontoereikend: nog ${euro(input.huishoudenBudgetCent - huishouden)} over`,
          );
        }
      },
    },
  );

  setHandler(
    bestedingBeoordelingUpdate,
    (o) => {
      const besteding = bestedingen.find((x) => x.uitgaveId === o.uitgaveId)!;
      if (besteding.status === 'aangevraagd') {
        Object.assign(besteding, { status: o.besluit, beoordeeldDoor: o.door, beoordeeldOp: new Date().toISOString() });
        log.info('minimaatwerk beoordeeld', { buurtteam: input.buurtteam, jaar: input.jaar, besluit: o.besluit });
      }
      return status();
    },
    {
      validator: (o) => {
        const besteding = bestedingen.find((x) => x.uitgaveId === o.uitgaveId && x.trajectId === o.trajectId);
        if (!besteding) throw ongeldigeInvoer('uitgaveId', 'onbekende uitgave van dit traject');
        const reden = waaromGeenBeoordeling(besteding, o.door, o.besluit);
        if (reden) throw ongeldigeOvergang(reden);
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
