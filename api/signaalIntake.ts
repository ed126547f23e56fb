import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { meldingMemo } from '../common/memo';
import type { Melding } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import { herhaalmeldingUpdate, signaalAanmeldenUpdate } from '../workflows/messages';
import { huishoudslot, huishoudslotId } from '../workflows/huishoudslot';
import type { Herhaalmelding, MeldingToewijzing, SignaalOntvangst, VroegEropafInput } from '../workflows/types';
import { huishoudSleutel } from './sleutels';

/** How often a signal asks its household's lock again when the melding it was given just closed. */
const POGINGEN = 5;

export interface SignaalAntwoord extends Partial<SignaalOntvangst> {
  id: string;
  bestaand: boolean;
}

/** The signal as the open melding takes it in: the melding without person, team and regievoerder. */
export function signaalVan({ client: _c, buurtteam: _b, regievoerder: _r, ...signaal }: Melding): Herhaalmelding {
  return signaal;
}

/**
 * Brings a creditor's signal to its household's open melding, or starts the household's melding.
 * The household's lock (update-with-start on an id derived from a keyed hash of the address)
 * decides atomically, so signals of several creditors arriving together meet in one case.
 * `magBijdragen` checks the open melding the lock names (another team's case is refused) before
 * the signal is passed to it. A melding that closed between the lock's answer and the signal sends
 * the signal back to the lock, which then starts a new melding for it.
 */
export async function meldSignaal(
  client: Client,
  geheim: Buffer,
  invoer: VroegEropafInput,
  magBijdragen: (meldingId: string) => Promise<void>,
): Promise<SignaalAntwoord> {
  const { meldingId } = invoer;
  for (let poging = 1; ; poging++) {
    const toewijzing: MeldingToewijzing = await client.workflow.executeUpdateWithStart(signaalAanmeldenUpdate, {
      args: [{ meldingId, invoer, memo: meldingMemo(invoer) }],
      startWorkflowOperation: new WithStartWorkflowOperation(huishoudslot, {
        workflowId: huishoudslotId(huishoudSleutel(geheim, invoer.client.adres)),
        taskQueue: TASK_QUEUE,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    if (toewijzing.nieuw) return { id: meldingId, bestaand: false };
    await magBijdragen(toewijzing.meldingId);
    const ontvangst = await client.workflow
      .getHandle(toewijzing.meldingId)
      .executeUpdate(herhaalmeldingUpdate, { args: [signaalVan(invoer)] })
      .catch((f: unknown): SignaalOntvangst => {
        if (f instanceof WorkflowNotFoundError) return { bijgewerkt: false, gesloten: true };
        throw f;
      });
    // The creditor's own melding, closed: it stays closed (a repeat changes nothing).
    if (!ontvangst.gesloten || toewijzing.meldingId === meldingId || poging >= POGINGEN) {
      return { id: toewijzing.meldingId, bestaand: true, ...ontvangst };
    }
    // The lock hears of the closing by signal; give it a moment before asking again.
    await new Promise((r) => setTimeout(r, 100 * poging));
  }
}
