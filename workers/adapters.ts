import { join } from 'node:path';
import type { ActivityAdapters } from '../activities';
import { FileNotificationAdapter, FileRegistrationAdapter } from '../activities/adapters/fileAdapters';
import { HttpNotificationAdapter } from '../activities/adapters/httpNotification';
import { HttpRegistrationAdapter } from '../activities/adapters/httpRegistration';
import type { Config } from '../common/config';

/** Real HTTP adapters when their URLs are configured, file-backed development adapters otherwise. */
export function adaptersUitConfig(config: Config): ActivityAdapters {
  return {
    notificaties: config.NOTIFICATIE_WEBHOOK_URL
      ? new HttpNotificationAdapter(config.NOTIFICATIE_WEBHOOK_URL, config.ADAPTER_TOKEN)
      : new FileNotificationAdapter(join(config.DATA_DIR, 'notificaties.jsonl')),
    registratie: config.REGISTRATIE_URL
      ? new HttpRegistrationAdapter(config.REGISTRATIE_URL, config.ADAPTER_TOKEN)
      : new FileRegistrationAdapter(join(config.DATA_DIR, 'registraties.jsonl')),
  };
}
