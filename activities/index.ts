import { ApplicationFailure, log } from '@temporalio/activity';
import type { Notificatie, NotificationAdapter, Registratie, RegistrationAdapter } from './ports';
import { OngeldigeGegevensFout } from './ports';

export interface ActivityAdapters {
  notificaties: NotificationAdapter;
  registratie: RegistrationAdapter;
}

/** Bad data is not retried; anything else (network, 5xx) is, with the same idempotency key. */
async function zonderHerhalingBijOngeldigeGegevens(actie: () => Promise<void>): Promise<void> {
  try {
    await actie();
  } catch (fout) {
    if (fout instanceof OngeldigeGegevensFout) {
      throw ApplicationFailure.nonRetryable(fout.message, 'OngeldigeGegevens');
    }
    throw fout;
  }
}

export function createActivities({ notificaties, registratie }: ActivityAdapters) {
  return {
    async notificeer(notificatie: Notificatie): Promise<void> {
      log.info('notificatie versturen', {
        idempotencyKey: notificatie.idempotencyKey,
        soort: notificatie.soort,
        onderwerp: notificatie.onderwerp,
        buurtteam: notificatie.buurtteam,
      });
      await zonderHerhalingBijOngeldigeGegevens(() => notificaties.verstuur(notificatie));
    },

    async registreer(gegevens: Registratie): Promise<void> {
      log.info('registratie delen', {
        idempotencyKey: gegevens.idempotencyKey,
        gebeurtenis: gegevens.gebeurtenis,
        trajectId: gegevens.trajectId,
      });
      await zonderHerhalingBijOngeldigeGegevens(() => registratie.registreer(gegevens));
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
