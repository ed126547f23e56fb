import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { persoonsslotQuery, trajectAanvragenUpdate, trajectAfgeslotenSignal, trajectGestartSignal, trajectTeamSignal } from './messages';
import { schuldhulpTraject } from './schuldhulpTraject';
import type { PersoonsslotInput, TrajectAanvraag, TrajectToewijzing } from './types';

interface OpenTraject {
  trajectId: string;
  /** The traject's team: who may be told its id (api/app.ts), also before the traject has run. */
  buurtteam: string;
  verzoek?: string;
  /** Settles when the traject's workflow ends. */
  gesloten?: Promise<unknown>;
  /** The traject told it is afgesloten: the person is free, whatever its deliveries still wait for. */
  afgesloten?: boolean;
}

/**
 * One open traject per person. The lock runs under an id derived from the person, so the server
 * lets only one run at a time: every aanmelding for that person goes through it (update-with-start
 * from the API, or as a child of the melding that hands over), and it starts a traject only while
 * none is open. It ends when the person's traject is afgesloten (its signal) or its workflow ends;
 * the next aanmelding starts a new lock.
 */
export async function persoonsslot(input: PersoonsslotInput = {}): Promise<void> {
  let open: OpenTraject | undefined;

  const vraagAan = async (a: TrajectAanvraag): Promise<TrajectToewijzing> => {
    if (open) return { trajectId: open.trajectId, buurtteam: open.buurtteam, verzoek: open.verzoek, nieuw: false };
    // Claimed before the await, so a request handled meanwhile sees this traject.
    const claim: OpenTraject = { trajectId: a.trajectId, buurtteam: a.invoer.buurtteam, verzoek: a.verzoek };
    open = claim;
    try {
      // ABANDON: the traject is the legal case; this lock must never be able to end it.
      const traject = await startChild(schuldhulpTraject, {
        workflowId: a.trajectId,
        args: [a.invoer],
        memo: a.memo,
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      // A failed or terminated traject is no longer open either.
      claim.gesloten = traject.result().catch(() => undefined);
      return { trajectId: a.trajectId, buurtteam: a.invoer.buurtteam, verzoek: a.verzoek, nieuw: true };
    } catch (fout) {
      open = undefined;
      // This traject id was used before (the same Idempotency-Key after the traject closed).
      if (fout instanceof WorkflowExecutionAlreadyStartedError) return { trajectId: a.trajectId, nieuw: false };
      throw fout;
    }
  };

  setHandler(trajectAanvragenUpdate, vraagAan);
  setHandler(persoonsslotQuery, () => ({ trajectId: open?.trajectId, buurtteam: open?.buurtteam }));
  // The traject moved to another buurtteam (workflows/regie.ts): a second aanmelding's 409 names the new one.
  setHandler(trajectTeamSignal, (trajectId, buurtteam) => {
    if (open?.trajectId === trajectId) open.buurtteam = buurtteam;
  });
  // Afgesloten is final, but a traject ends only once its registrations are delivered, which may
  // take days while the registration system is down: the person must not wait for that.
  setHandler(trajectAfgeslotenSignal, (trajectId) => {
    if (open?.trajectId === trajectId) open.afgesloten = true;
  });

  if (input.eerste) {
    // An aanmelding's update that reached this lock before its first task is handled when the
    // handler is set, before this line: then the person's traject is that one, and the melding
    // hears its id instead of its own (it does not close as handed over to a traject that never ran).
    const toewijzing = await vraagAan(input.eerste);
    const melding = workflowInfo().parent;
    if (melding) await getExternalWorkflowHandle(melding.workflowId).signal(trajectGestartSignal, toewijzing.trajectId);
  }
  for (;;) {
    await condition(allHandlersFinished);
    if (!open) return;
    const traject = open;
    await Promise.race([traject.gesloten, condition(() => traject.afgesloten === true)]);
    open = undefined;
  }
}
