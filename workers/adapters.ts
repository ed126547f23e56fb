import { join } from 'node:path';
import type { ActivityAdapters } from '../activities';
import type { NotificationAdapter, RegistrationAdapter } from '../activities/ports';
import { SmtpNotificationAdapter } from '../activities/adapters/smtpNotification';
import { FileNotificationAdapter, FileRegistrationAdapter } from '../activities/adapters/fileAdapters';
import { HttpNotificationAdapter } from '../activities/adapters/httpNotification';
import { HttpRegistrationAdapter } from '../activities/adapters/httpRegistration';
import { ZgwRegistrationAdapter } from '../activities/adapters/zgwRegistration';
import type { Config } from '../common/config';

/** Real adapters when they are configured, file-backed development adapters otherwise. */
export function adaptersUitConfig(config: Config): ActivityAdapters {
  const [notificaties, uitwijk] = notificatieKanalen(config);
  return {
    notificaties,
    uitwijk,
    registratie: registratieAdapter(config),
  };
}

/** A zaaksysteem through the ZGW APIs, another system over plain HTTP, or the development file. */
function registratieAdapter(config: Config): RegistrationAdapter {
  if (config.ZGW_ZAKEN_URL) {
    return new ZgwRegistrationAdapter({
      zakenUrl: config.ZGW_ZAKEN_URL,
      besluitenUrl: config.ZGW_BESLUITEN_URL!,
      clientId: config.ZGW_CLIENT_ID!,
      secret: config.ZGW_SECRET!,
      rsin: config.ZGW_RSIN!,
      zaaktype: config.ZGW_ZAAKTYPE!,
      roltypeClient: config.ZGW_ROLTYPE_CLIENT!,
      besluittype: config.ZGW_BESLUITTYPE!,
      statustypen: config.ZGW_STATUSTYPEN!,
    });
  }
  if (config.REGISTRATIE_URL) return new HttpRegistrationAdapter(config.REGISTRATIE_URL, config.ADAPTER_TOKEN);
  return new FileRegistrationAdapter(join(config.DATA_DIR, 'registraties.jsonl'), config.DATA_BEWAAR_DAGEN);
}

/**
 * Webhook first, then mail, then the development file. The next channel in that order is the
 * uitwijk for alerts the first one refuses; with no second real channel that is the file
 * `notificaties-uitwijk.jsonl` (and the worker's console), so the refusal is never silent.
 */
function notificatieKanalen(config: Config): [NotificationAdapter, NotificationAdapter | undefined] {
  const uitwijkBestand = new FileNotificationAdapter(join(config.DATA_DIR, 'notificaties-uitwijk.jsonl'), config.DATA_BEWAAR_DAGEN);
  const mail = config.SMTP_URL
    ? new SmtpNotificationAdapter({
        url: config.SMTP_URL,
        van: config.SMTP_VAN!,
        teamleiderAdres: config.MAIL_TEAMLEIDER!,
        teamAdres: config.MAIL_TEAM!,
        ...(config.MAIL_WPI ? { wpiAdres: config.MAIL_WPI } : {}),
      })
    : undefined;
  if (config.NOTIFICATIE_WEBHOOK_URL) {
    return [new HttpNotificationAdapter(config.NOTIFICATIE_WEBHOOK_URL, config.ADAPTER_TOKEN), mail ?? uitwijkBestand];
  }
  if (mail) return [mail, uitwijkBestand];
  return [new FileNotificationAdapter(join(config.DATA_DIR, 'notificaties.jsonl'), config.DATA_BEWAAR_DAGEN), undefined];
}
