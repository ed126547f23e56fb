import { ActivityFailure, condition, isCancellation, log, proxyActivities } from '@temporalio/workflow';
import { gepatcht } from './patches';
import type { Activities } from '../activities';
import type { Notificatie } from '../activities/ports';
import { notificeer, wachtTot } from './helpers';
import type { Storing } from './types';

/** Refused deliveries are offered again after 1 hour, then 2, 4, … hours, at most once a day, forever. */
const EERSTE_HERPOGING_MS = 3600_000;
const LANGSTE_HERPOGING_MS = 24 * 3600_000;

/** Since this patch no operator request to deliver again is lost (see `herlever`). */
export const HERLEVER_ELK_VERZOEK = 'herlever-elk-verzoek';

export function volgendePoging(pogingen: number, nu = Date.now()): string {
  return new Date(nu + Math.min(EERSTE_HERPOGING_MS * 2 ** (pogingen - 1), LANGSTE_HERPOGING_MS)).toISOString();
}

/** The receiver's refusal when `fout` is one (activities retry everything else themselves), else undefined. */
export function weigering(fout: unknown): string | undefined {
  if (!(fout instanceof ActivityFailure) || isCancellation(fout)) return undefined;
  return fout.cause?.message ?? 'geweigerd';
}

// The second channel gets a bounded try: a refused alert must not hold up the case for long.
const { notificeerViaUitwijk } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8 },
});

/** State a Bezorging keeps in the case, so it survives continueAsNew. */
export interface Bezorgstaat {
  verzondenAlerts: string[];
  storingen: Storing[];
}

/**
 * Delivers a case's notifications. A refusal never fails or freezes the case: it is recorded as a
 * Storing (status and search attribute, through `gewijzigd`), sent through the second channel,
 * and offered again by `herlever` with a capped backoff or on the operator's request.
 */
export class Bezorging {
  private lopend = 0;
  private gestopt = false;
  /** Counts operator requests to deliver again now; the registration queue watches it too. */
  herleverVerzoeken = 0;

  constructor(
    private readonly staat: Bezorgstaat,
    private readonly gewijzigd: () => Promise<void> | void,
  ) {}

  /** Sends `n` once per idempotency key; returns after delivery or after recording the refusal. */
  async meld(n: Notificatie): Promise<void> {
    const { verzondenAlerts, storingen } = this.staat;
    if (verzondenAlerts.includes(n.idempotencyKey) || storingen.some((s) => s.sleutel === n.idempotencyKey)) return;
    // Stopped for continueAsNew: the next run sends it (the key is not in verzondenAlerts yet).
    if (this.gestopt) await condition(() => !this.gestopt);
    this.lopend++;
    try {
      await notificeer(n);
      verzondenAlerts.push(n.idempotencyKey);
    } catch (fout) {
      const reden = weigering(fout);
      if (reden === undefined) throw fout;
      log.warn('notificatie geweigerd; volgt later opnieuw', { idempotencyKey: n.idempotencyKey, onderwerp: n.onderwerp, reden });
      const storing: Storing = {
        sleutel: n.idempotencyKey,
        soort: 'notificatie',
        onderwerp: n.onderwerp,
        reden,
        sinds: new Date().toISOString(),
        pogingen: 1,
        volgendePoging: volgendePoging(1),
        notificatie: n,
      };
      storingen.push(storing);
      await this.gewijzigd();
      storing.uitwijk = await viaUitwijk(n, reden);
    } finally {
      this.lopend--;
    }
  }

  /** Records a refused registration; the registration queue itself offers it again. */
  async registratieGeweigerd(sleutel: string, onderwerp: string, reden: string): Promise<Storing> {
    const storing: Storing = {
      sleutel,
      soort: 'registratie',
      onderwerp,
      reden,
      sinds: new Date().toISOString(),
      pogingen: 1,
      volgendePoging: volgendePoging(1),
    };
    this.staat.storingen.push(storing);
    await this.gewijzigd();
    return storing;
  }

  /** The registration was delivered after all, or dropped with the consent to share. */
  async opgelost(sleutel: string): Promise<void> {
    const i = this.staat.storingen.findIndex((s) => s.sleutel === sleutel);
    if (i < 0) return;
    this.staat.storingen.splice(i, 1);
    await this.gewijzigd();
  }

  /** Operator action: offer every refused delivery again now. */
  herleverNu(): void {
    this.herleverVerzoeken++;
  }

  /** For continueAsNew: start no new delivery; `rustig()` tells when none is in flight. */
  stop(): void {
    this.gestopt = true;
  }

  rustig(): boolean {
    return this.lopend === 0;
  }

  /** Offers refused notifications again when due, until `klaar()` holds or the run stops. */
  async herlever(klaar: () => boolean): Promise<void> {
    const stoppen = () => klaar() || this.gestopt;
    const open = () => this.staat.storingen.filter((s) => s.notificatie);
    // The operator's requests answered so far. One may come before this loop runs (the case's
    // first refusal is recorded while its second channel is still in flight) or while it retries;
    // runs from before the patch counted from the start of each round and so missed those.
    const elkVerzoek = gepatcht(HERLEVER_ELK_VERZOEK);
    let beantwoord = elkVerzoek ? 0 : this.herleverVerzoeken;
    for (;;) {
      const aantal = open().length;
      if (!elkVerzoek) beantwoord = this.herleverVerzoeken;
      const gebeurd = () => stoppen() || this.herleverVerzoeken !== beantwoord || open().length !== aantal;
      const eerste = open()
        .map((s) => Date.parse(s.volgendePoging))
        .sort((a, b) => a - b)[0];
      if (eerste === undefined) await condition(gebeurd);
      else await wachtTot(gebeurd, new Date(eerste));
      if (stoppen()) return;
      const alles = this.herleverVerzoeken !== beantwoord;
      beantwoord = this.herleverVerzoeken;
      const nu = Date.now();
      for (const storing of open().filter((s) => alles || Date.parse(s.volgendePoging) <= nu)) {
        if (stoppen()) return;
        await this.probeerOpnieuw(storing);
      }
    }
  }

  private async probeerOpnieuw(storing: Storing): Promise<void> {
    this.lopend++;
    try {
      await notificeer(storing.notificatie!);
      log.info('geweigerde notificatie alsnog afgeleverd', { idempotencyKey: storing.sleutel, pogingen: storing.pogingen + 1 });
      this.staat.verzondenAlerts.push(storing.sleutel);
      await this.opgelost(storing.sleutel);
    } catch (fout) {
      const reden = weigering(fout);
      if (reden === undefined) throw fout;
      storing.pogingen++;
      storing.reden = reden;
      storing.volgendePoging = volgendePoging(storing.pogingen);
    } finally {
      this.lopend--;
    }
  }
}

async function viaUitwijk(n: Notificatie, reden: string): Promise<NonNullable<Storing['uitwijk']>> {
  try {
    const verstuurd = await notificeerViaUitwijk({
      ...n,
      idempotencyKey: `${n.idempotencyKey}:uitwijk`,
      bericht: `${n.bericht} (via het uitwijkkanaal: het gewone kanaal weigerde de levering: ${reden})`,
    });
    return verstuurd ? 'verstuurd' : 'geen-uitwijk';
  } catch (fout) {
    if (weigering(fout) === undefined) throw fout;
    log.error('ook het uitwijkkanaal weigerde de notificatie', { idempotencyKey: n.idempotencyKey });
    return 'mislukt';
  }
}
