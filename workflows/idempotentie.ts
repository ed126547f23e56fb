import {
  ApplicationFailure,
  type Next,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import { ANDER_VERZOEK, leesIdempotentUpdateId } from '../common/idempotentie';

/**
 * Refuses an update whose Idempotency-Key came before with another request (see
 * common/idempotentie.ts). Every workflow type gets it, so no update handler needs to know.
 * The keys seen are rebuilt on replay from the accepted updates in the history; like the server's
 * own deduplication of update ids, they last one run (not across continueAsNew).
 */
class Idempotentiebewaking implements WorkflowInboundCallsInterceptor {
  private readonly verzoekPerSleutel = new Map<string, string>();

  // Not async: an extra await would let other coroutines run before the handler, and change the
  // order of commands in histories recorded without this interceptor.
  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    const id = leesIdempotentUpdateId(input.updateId);
    if (id) {
      const eerder = this.verzoekPerSleutel.get(id.sleutel);
      // Before the handler runs, so the refused request changes nothing.
      if (eerder !== undefined && eerder !== id.verzoek) {
        return Promise.reject(ApplicationFailure.create({ type: 'AnderVerzoek', message: ANDER_VERZOEK, nonRetryable: true }));
      }
      this.verzoekPerSleutel.set(id.sleutel, id.verzoek);
      if (eerder === undefined) {
        // A request that failed changed nothing: its key may come again with a corrected body.
        return next(input).catch((fout: unknown) => {
          this.verzoekPerSleutel.delete(id.sleutel);
          throw fout;
        });
      }
    }
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new Idempotentiebewaking()] });
