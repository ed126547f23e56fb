import type { Notificatie, NotificationAdapter } from '../ports';
import { postJson } from './http';

/** Sends alerts and tasks to a webhook (e.g. the team's mail/chat gateway). */
export class HttpNotificationAdapter implements NotificationAdapter {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  verstuur(notificatie: Notificatie): Promise<void> {
    return postJson(this.url, notificatie.idempotencyKey, notificatie, this.token);
  }
}
