import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { allHandlersFinished, condition, ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import { gepatcht } from './patches';
import { huishoudslotQuery, meldingAfgehandeldSignal, signaalAanmeldenUpdate } from './messages';
import { vroegEropaf } from './vroegEropaf';
import type { MeldingAanvraag, MeldingToewijzing } from './types';

/** Since this patch a signal that meets a claim waits until its melding exists (see below). */
const WACHT_OP_START = 'huishoudslot-wacht-op-start';

/**
 * One open Vroeg Eropaf melding per household. Every new melding goes through the lock of its
 * household (update-with-start from the API on an id derived from the address), so signals of
 * several creditors that arrive together still meet in one case: the lock starts the melding only
 * while none is open, and otherwise names the open one, to which the API then passes the signal.
 * The melding tells the lock when it stops taking signals; then the lock ends. A signal that finds
 * the named melding closed before that comes back with `gesloten` and starts the next melding.
 */
export async function huishoudslot(): Promise<void> {
  let open: { meldingId: string; bestaat: boolean } | undefined;

  setHandler(signaalAanmeldenUpdate, async (a: MeldingAanvraag): Promise<MeldingToewijzing> => {
    // The melding this lock named answered the API that it takes no more signals. Closing is final
    // and this lock's state is the one that decides, so it forgets the melding here, in the same
    // update that claims the next one: no signal depends on when the melding itself tells the lock
    // (only after its main loop, which may wait for a notification). A claim still starting has not
    // answered anything; no commands here, so runs recorded before replay as they were.
    if (a.gesloten !== undefined && open?.meldingId === a.gesloten && open.bestaat) open = undefined;
    // A signal that meets a claim whose melding is still starting waits for it: the API passes the
    // signal to the melding it is given, which must exist by then. Should the start fail, the claim
    // is gone and this signal may claim in its turn. Runs from before the patch answered at once.
    while (open) {
      const claim = open;
      if (claim.bestaat || !gepatcht(WACHT_OP_START)) return { meldingId: claim.meldingId, nieuw: false };
      await condition(() => claim.bestaat || open !== claim);
      if (claim.bestaat) return { meldingId: claim.meldingId, nieuw: false };
    }
    // Claimed before the await, so a signal handled meanwhile joins this melding.
    const claim = { meldingId: a.meldingId, bestaat: false };
    open = claim;
    try {
      // ABANDON: the melding is the case; REJECT_DUPLICATE: a melding id, once used, never starts again.
      const melding = await startChild(vroegEropaf, {
        workflowId: a.meldingId,
        args: [a.invoer],
        memo: a.memo,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      claim.bestaat = true;
      // A failed or terminated melding takes no signals either.
      void melding
        .result()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          if (open === claim) open = undefined;
        });
      return { meldingId: a.meldingId, nieuw: true };
    } catch (fout) {
      if (open === claim) open = undefined;
      // This creditor's melding exists already (started without a lock before patch melding-meldt-huishouden, or closed): the API passes
      // the signal on, and so it does the signals that waited on this claim.
      if (fout instanceof WorkflowExecutionAlreadyStartedError) {
        claim.bestaat = true;
        return { meldingId: a.meldingId, nieuw: false };
      }
      throw fout;
    }
  });
  setHandler(meldingAfgehandeldSignal, (meldingId) => {
    if (open?.meldingId === meldingId) open = undefined;
  });
  setHandler(huishoudslotQuery, () => ({ meldingId: open?.meldingId }));

  // Runs until no melding is open and no request is in flight: the next signal starts a new lock.
  await condition(() => open === undefined && allHandlersFinished());
}
