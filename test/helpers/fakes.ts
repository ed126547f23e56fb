import type { ActivityAdapters } from '../../activities';
import type { Notificatie, NotificationAdapter, Registratie, RegistrationAdapter } from '../../activities/ports';

/** Receivers that keep what they got, dropping repeated idempotency keys like the real systems. */
export class OpnemendeNotificaties implements NotificationAdapter {
  readonly ontvangen: Notificatie[] = [];
  async verstuur(n: Notificatie): Promise<void> {
    if (!this.ontvangen.some((o) => o.idempotencyKey === n.idempotencyKey)) this.ontvangen.push(n);
  }
  voor(zaakId: string): string[] {
    return this.ontvangen.filter((n) => n.zaakId === zaakId).map((n) => n.onderwerp);
  }
}

export class OpnemendeRegistratie implements RegistrationAdapter {
  readonly ontvangen: Registratie[] = [];
  async registreer(r: Registratie): Promise<void> {
    if (!this.ontvangen.some((o) => o.idempotencyKey === r.idempotencyKey)) this.ontvangen.push(r);
  }
  voor(trajectId: string): Registratie[] {
    return this.ontvangen.filter((r) => r.trajectId === trajectId);
  }
}

export function opnemendeAdapters(): ActivityAdapters & { notificaties: OpnemendeNotificaties; registratie: OpnemendeRegistratie } {
  return { notificaties: new OpnemendeNotificaties(), registratie: new OpnemendeRegistratie() };
}
