import { CancellationScope, condition, isCancellation, log } from '@temporalio/workflow';
import { gepatcht } from './patches';
import type { Notificatie, Registratie } from '../activities/ports';
import { HERLEVER_ELK_VERZOEK, volgendePoging, weigering, type Bezorging } from './bezorging';
import { registreer, wachtTot } from './helpers';
import type { Storing } from './types';

/**
 * Delivers a traject's registrations to the registration system one at a time, in order, so
 * update handlers never wait for that system. The queue array lives in the traject state and
 * so survives continueAsNew. A refused registration stays at the head (the registration system
 * keeps the latest state, so order matters) and is offered again with the capped backoff of
 * refused deliveries, or at once on the operator's herlevering.
 */
export class Registratiewachtrij {
  private lopend?: CancellationScope;

  constructor(
    private readonly wachtrij: Registratie[],
    private readonly storingen: Storing[],
    private readonly bezorging: Bezorging,
    private readonly alert: Omit<Notificatie, 'idempotencyKey' | 'bericht'>,
  ) {}

  voegToe(registratie: Registratie): void {
    this.wachtrij.push(registratie);
  }

  /** Consent to share was withdrawn: drop what waits and cancel what is in flight or waits to be offered again. */
  leeg(): void {
    this.wachtrij.length = 0;
    this.lopend?.cancel();
  }

  /** True while a registration is with the registration system. */
  bezig(): boolean {
    return this.lopend !== undefined;
  }

  /**
   * Runs until `klaar()` holds and the queue is empty, or until `onderbreken()` holds (for
   * continueAsNew: no new delivery starts, the rest travels along in the state).
   */
  async verstuur(klaar: () => boolean, onderbreken: () => boolean): Promise<void> {
    for (;;) {
      await condition(() => this.wachtrij.length > 0 || klaar() || onderbreken());
      const volgende = this.wachtrij[0];
      if (!volgende || onderbreken()) return;
      const storing = this.storingen.find((s) => s.sleutel === volgende.idempotencyKey);
      if (storing) {
        // An operator's request while the alert is sent (a refused alert waits for its second
        // channel) counts; runs from before the patch counted only those after it.
        const vooraf = gepatcht(HERLEVER_ELK_VERZOEK) ? this.bezorging.herleverVerzoeken : undefined;
        // Sent once per key, so a run continued as new sends the alert if the previous one could not.
        await this.bezorging.meld(this.geweigerdAlert(volgende, storing.reden));
        const verzoeken = vooraf ?? this.bezorging.herleverVerzoeken;
        const gebeurd = () => this.wachtrij[0] !== volgende || this.bezorging.herleverVerzoeken !== verzoeken || onderbreken();
        await wachtTot(gebeurd, new Date(storing.volgendePoging));
        if (onderbreken()) return;
        if (this.wachtrij[0] !== volgende) {
          await this.bezorging.opgelost(storing.sleutel); // withdrawn: nothing left to deliver
          continue;
        }
      }
      try {
        await CancellationScope.cancellable(async () => {
          this.lopend = CancellationScope.current();
          await registreer(volgende);
        });
        if (storing) await this.bezorging.opgelost(storing.sleutel);
      } catch (fout) {
        if (isCancellation(fout)) {
          if (storing) await this.bezorging.opgelost(storing.sleutel);
          continue;
        }
        const reden = weigering(fout);
        if (reden === undefined) throw fout;
        if (storing) {
          storing.pogingen++;
          storing.reden = reden;
          storing.volgendePoging = volgendePoging(storing.pogingen);
          continue;
        }
        log.error('registratie geweigerd', { idempotencyKey: volgende.idempotencyKey, reden });
        // Runs from before patch registratie-herlevering drop it after the alert, as they did.
        if (gepatcht('registratie-herlevering')) {
          await this.bezorging.registratieGeweigerd(volgende.idempotencyKey, volgende.gebeurtenis, reden);
          continue; // the head now has a storing: alert, then wait for the next try
        }
        await this.bezorging.meld(this.geweigerdAlert(volgende, reden));
      } finally {
        this.lopend = undefined;
      }
      // A withdrawal (and new consent) may have replaced the queue meanwhile.
      if (this.wachtrij[0] === volgende) this.wachtrij.shift();
    }
  }

  private geweigerdAlert(registratie: Registratie, reden: string): Notificatie {
    return {
      ...this.alert,
      idempotencyKey: `${registratie.idempotencyKey}:geweigerd`,
      bericht: `het registratiesysteem weigerde registratie ${registratie.idempotencyKey} (${reden}); die volgt opnieuw zodra het systeem haar aanneemt`,
    };
  }
}
