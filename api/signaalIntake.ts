import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { meldingMemo } from '../common/memo';
import type { Melding } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import { herhaalmeldingUpdate, signaalAanmeldenUpdate } from '../workflows/messages';
import { huishoudslot } from '../workflows/huishoudslot';
import type { Herhaalmelding, MeldingToewijzing, SignaalOntvangst, VroegEropafInput } from '../workflows/types';
import { HttpFout } from './fouten';
import { huishoudSleutel, meldingSleutel } from './sleutels';
import { huishoudslotId } from '../common/workflowIds';

/**
 * A signal meets a closed melding only when that melding closed between the lock's answer and the
 * signal; each further round needs yet another melding to open and close meanwhile. Past this
 * many rounds the request fails (503) rather than answer without recording the signal.
 */
const RONDEN = 5;

export interface SignaalAntwoord extends Partial<SignaalOntvangst> {
  id: string;
  bestaand: boolean;
}

/** The signal as the open melding takes it in: the melding without person, team and regievoerder. */
export function signaalVan({
  client: _c,
  buurtteam: _b,
  regievoerder: _r,
  ...signaal
}: Melding): Herhaalmelding & Pick<Melding, 'schuldeiser' | 'referentie'> {
  return signaal;
}

/**
 * The melding id of a signal: a keyed hash (PERSOON_SLEUTEL, as for BSN and address) of its
 * creditor, referentie and content, without person or team. The same signal again (a retried
 * POST) has the same id and so finds its case; a new signal of the creditor (another kind, another
 * amount or date) has an id of its own, and opens a melding of its own once the household's
 * melding closed (recidive), with its own notification keys.
 */
export function meldingIdVoor(geheim: Buffer, m: Melding): string {
  return `melding-${meldingSleutel(geheim, signaalVan(m))}`;
}

/**
 * Brings a creditor's signal to its household's open melding, or starts the household's melding.
 * The household's lock (update-with-start on an id derived from a keyed hash of the address)
 * decides atomically, so signals of several creditors arriving together meet in one case.
 * `magBijdragen` checks the open melding the lock names (another team's case is refused) before
 * the signal is passed to it. A melding that closed between the lock's answer and the signal
 * answers `gesloten`; the signal goes back to the lock saying so, and the lock, whose state
 * decides, forgets that melding and starts a new one in the same update (see huishoudslot.ts).
 */
export async function meldSignaal(
  client: Client,
  geheim: Buffer,
  invoer: VroegEropafInput,
  magBijdragen: (meldingId: string) => Promise<void>,
): Promise<SignaalAntwoord> {
  const { meldingId } = invoer;
  let gesloten: string | undefined;
  for (let ronde = 1; ronde <= RONDEN; ronde++) {
    const toewijzing: MeldingToewijzing = await client.workflow.executeUpdateWithStart(signaalAanmeldenUpdate, {
      args: [{ meldingId, invoer, memo: meldingMemo(invoer), ...(gesloten ? { gesloten } : {}) }],
      startWorkflowOperation: new WithStartWorkflowOperation(huishoudslot, {
        workflowId: huishoudslotId(huishoudSleutel(geheim, invoer.client.adres)),
        taskQueue: TASK_QUEUE,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    if (toewijzing.nieuw) return { id: meldingId, bestaand: false };
    await magBijdragen(toewijzing.meldingId);
    // This very signal started that melding (a retry, also after it closed): its case, unchanged.
    if (toewijzing.meldingId === meldingId) return { id: meldingId, bestaand: true, bijgewerkt: false };
    const ontvangst = await client.workflow
      .getHandle(toewijzing.meldingId)
      // The signal's id as update id: a retried request is answered as the first, not recorded twice.
      .executeUpdate(herhaalmeldingUpdate, { args: [signaalVan(invoer)], updateId: `signaal:${meldingId}` })
      .catch((f: unknown): SignaalOntvangst => {
        if (f instanceof WorkflowNotFoundError) return { bijgewerkt: false, gesloten: true };
        throw f;
      });
    if (!ontvangst.gesloten) return { id: toewijzing.meldingId, bestaand: true, ...ontvangst };
    gesloten = toewijzing.meldingId;
  }
  throw new HttpFout(503, 'het signaal kon niet worden vastgelegd: de meldingen van dit huishouden wisselden te snel; probeer het opnieuw');
}
