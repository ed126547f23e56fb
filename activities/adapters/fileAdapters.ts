import type { Notificatie, NotificationAdapter, Registratie, RegistrationAdapter } from '../ports';
import { logJson } from '../../common/jsonLog';
import { JsonlStore } from './jsonlStore';

/** Development notifications: written to a JSON-lines file and echoed to the log. */
export class FileNotificationAdapter implements NotificationAdapter {
  private readonly store: JsonlStore<Notificatie>;

  constructor(pad: string, bewaarDagen: number) {
    this.store = new JsonlStore(pad, bewaarDagen);
  }

  async verstuur(notificatie: Notificatie): Promise<void> {
    if (await this.store.voegToe(notificatie)) {
      logJson('INFO', notificatie.bericht, {
        soort: notificatie.soort,
        onderwerp: notificatie.onderwerp,
        buurtteam: notificatie.buurtteam,
        zaakId: notificatie.zaakId,
      });
    }
  }
}

/** Development registration system: a JSON-lines file of shared events. */
export class FileRegistrationAdapter implements RegistrationAdapter {
  private readonly store: JsonlStore<Registratie>;

  constructor(pad: string, bewaarDagen: number) {
    this.store = new JsonlStore(pad, bewaarDagen);
  }

  async registreer(registratie: Registratie): Promise<void> {
    await this.store.voegToe(registratie);
  }
}
