import { ActivityFailure, CancellationScope, condition, isCancellation, log } from '@temporalio/workflow';
import type { Notificatie, Registratie } from '../activities/ports';
import { notificeer, registreer } from './helpers';

/**
 * Delivers a traject's registrations to the registration system one at a time, in order, so
 * update handlers never wait for that system. The queue array lives in the traject state and
 * so survives continueAsNew.
 */
export class Registratiewachtrij {
  private lopend?: CancellationScope;

  constructor(
    private readonly wachtrij: Registratie[],
    private readonly alert: Omit<Notificatie, 'idempotencyKey' | 'bericht'>,
  ) {}

  voegToe(registratie: Registratie): void {
    this.wachtrij.push(registratie);
  }

  /** Consent to share was withdrawn: drop what waits and cancel what is in flight. */
  leeg(): void {
    this.wachtrij.length = 0;
    this.lopend?.cancel();
  }

  /** Runs until `stoppen()` holds and the queue is empty. */
  async verstuur(stoppen: () => boolean): Promise<void> {
    for (;;) {
      await condition(() => this.wachtrij.length > 0 || stoppen());
      const volgende = this.wachtrij[0];
      if (!volgende) return;
      try {
        await CancellationScope.cancellable(async () => {
          this.lopend = CancellationScope.current();
          await registreer(volgende);
        });
      } catch (fout) {
        if (isCancellation(fout)) continue;
        if (!(fout instanceof ActivityFailure)) throw fout;
        // Refused as bad data (retries are unlimited otherwise): a person has to look at it.
        log.error('registratie geweigerd', { idempotencyKey: volgende.idempotencyKey, fout: fout.cause?.message });
        await notificeer({
          ...this.alert,
          idempotencyKey: `${volgende.idempotencyKey}:geweigerd`,
          bericht: `het registratiesysteem weigerde registratie ${volgende.idempotencyKey}: ${fout.cause?.message ?? 'onbekende fout'}`,
        });
      } finally {
        this.lopend = undefined;
      }
      // A withdrawal (and new consent) may have replaced the queue meanwhile.
      if (this.wachtrij[0] === volgende) this.wachtrij.shift();
    }
  }
}
