import { join } from 'node:path';
import type { ActivityAdapters } from '../activities';
import type { NotificationAdapter } from '../activities/ports';
import { SmtpNotificationAdapter } from '../activities/adapters/smtpNotification';
import { FileNotificationAdapter, FileRegistrationAdapter } from '../activities/adapters/fileAdapters';
import { HttpNotificationAdapter } from '../activities/adapters/httpNotification';
import { HttpRegistrationAdapter } from '../activities/adapters/httpRegistration';
import type { Config } from '../common/config';

/** Real adapters when they are configured, file-backed development adapters otherwise. */
export function adaptersUitConfig(config: Config): ActivityAdapters {
  return {
    notificaties: notificatieAdapter(config),
    registratie: config.REGISTRATIE_URL
      ? new HttpRegistrationAdapter(config.REGISTRATIE_URL, config.ADAPTER_TOKEN)
      : new FileRegistrationAdapter(join(config.DATA_DIR, 'registraties.jsonl')),
  };
}

/** Webhook first, then mail, then the development file. */
function notificatieAdapter(config: Config): NotificationAdapter {
  if (config.NOTIFICATIE_WEBHOOK_URL) return new HttpNotificationAdapter(config.NOTIFICATIE_WEBHOOK_URL, config.ADAPTER_TOKEN);
  if (config.SMTP_URL) {
    return new SmtpNotificationAdapter({
      url: config.SMTP_URL,
      van: config.SMTP_VAN!,
      teamleiderAdres: config.MAIL_TEAMLEIDER!,
      teamAdres: config.MAIL_TEAM!,
    });
  }
  return new FileNotificationAdapter(join(config.DATA_DIR, 'notificaties.jsonl'));
}
