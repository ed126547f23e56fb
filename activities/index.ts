import { ApplicationFailure, log, metricMeter } from '@temporalio/activity';
import type { Notificatie, NotificationAdapter, Registratie, RegistrationAdapter } from './ports';
import { OngeldigeGegevensFout } from './ports';
import { verloopZonderReden, type TermijnVerloop } from '../common/termijnen';

export interface ActivityAdapters {
  notificaties: NotificationAdapter;
  registratie: RegistrationAdapter;
  /** Second channel for an alert the first one refused (e.g. mail when the webhook says 401). */
  uitwijk?: NotificationAdapter;
}

/**
 * Bad data is not retried; anything else (network, 5xx) is, with the same idempotency key.
 * Delivered and refused messages are counted on the worker's Prometheus endpoint (`meting`),
 * which gives operators alerts sent and terms breached without touching workflow code. Counter
 * names without `_total`: the runtime adds it (countersTotalSuffix in workers/main.ts).
 */
async function zonderHerhalingBijOngeldigeGegevens(
  meting: string,
  labels: Record<string, string>,
  actie: () => Promise<void>,
): Promise<void> {
  const teller = metricMeter.createCounter(meting, 'berichten', 'deliveries by outcome');
  try {
    await actie();
    teller.add(1, { ...labels, uitkomst: 'afgeleverd' });
  } catch (fout) {
    if (fout instanceof OngeldigeGegevensFout) {
      teller.add(1, { ...labels, uitkomst: 'geweigerd' });
      throw ApplicationFailure.create({
        message: fout.message,
        type: 'OngeldigeGegevens',
        nonRetryable: true,
        details: fout.antwoord ? [fout.antwoord] : [],
      });
    }
    throw fout;
  }
}

export function createActivities({ notificaties, registratie, uitwijk }: ActivityAdapters) {
  return {
    async notificeer(notificatie: Notificatie): Promise<void> {
      log.info('notificatie versturen', {
        idempotencyKey: notificatie.idempotencyKey,
        soort: notificatie.soort,
        onderwerp: notificatie.onderwerp,
        buurtteam: notificatie.buurtteam,
      });
      await zonderHerhalingBijOngeldigeGegevens(
        'schuldhulp_notificaties',
        { soort: notificatie.soort, onderwerp: notificatie.onderwerp },
        () => notificaties.verstuur(notificatie),
      );
    },

    /** Returns false when no second channel is configured. */
    async notificeerViaUitwijk(notificatie: Notificatie): Promise<boolean> {
      if (!uitwijk) return false;
      log.warn('notificatie via uitwijkkanaal', { idempotencyKey: notificatie.idempotencyKey, onderwerp: notificatie.onderwerp });
      await zonderHerhalingBijOngeldigeGegevens(
        'schuldhulp_notificaties',
        { soort: notificatie.soort, onderwerp: notificatie.onderwerp, kanaal: 'uitwijk' },
        () => uitwijk.verstuur(notificatie),
      );
      return true;
    },

    async registreer(gegevens: Registratie): Promise<void> {
      log.info('registratie delen', {
        idempotencyKey: gegevens.idempotencyKey,
        gebeurtenis: gegevens.gebeurtenis,
        trajectId: gegevens.trajectId,
      });
      // Stripped here, at the way out, so registrations queued before this rule leave without it too.
      const { termijnVerloop } = gegevens.gegevens as { termijnVerloop?: TermijnVerloop };
      const deelbaar = termijnVerloop
        ? { ...gegevens, gegevens: { ...gegevens.gegevens, termijnVerloop: verloopZonderReden(termijnVerloop) } }
        : gegevens;
      await zonderHerhalingBijOngeldigeGegevens('schuldhulp_registraties', { gebeurtenis: gegevens.gebeurtenis }, () =>
        registratie.registreer(deelbaar),
      );
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
