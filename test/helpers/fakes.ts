import type { ActivityAdapters } from '../../activities';
import {
  OngeldigeGegevensFout,
  type Notificatie,
  type NotificationAdapter,
  type Registratie,
  type RegistrationAdapter,
} from '../../activities/ports';

/** Receivers that keep what they got, dropping repeated idempotency keys like the real systems. */
export class OpnemendeNotificaties implements NotificationAdapter {
  readonly ontvangen: Notificatie[] = [];
  /** Simulates an outage (`plat`, retried) or a refusal such as an expired token (`weigert`, not retried). */
  storing?: 'plat' | 'weigert';
  /** The same for the notifications of these teams only (tests sharing one receiver). */
  readonly storingVoorTeam = new Map<string, 'plat' | 'weigert'>();
  pogingen = 0;
  async verstuur(n: Notificatie): Promise<void> {
    this.pogingen++;
    const storing = this.storingVoorTeam.get(n.buurtteam) ?? this.storing;
    if (storing === 'plat') throw new Error('notificatiedienst onbereikbaar');
    if (storing === 'weigert') throw new OngeldigeGegevensFout('webhook.example antwoordde 401');
    if (!this.ontvangen.some((o) => o.idempotencyKey === n.idempotencyKey)) this.ontvangen.push(n);
  }
  voor(zaakId: string): string[] {
    return this.ontvangen.filter((n) => n.zaakId === zaakId).map((n) => n.onderwerp);
  }
  /** Only the teamleider alerts, not the team's tasks (such as ZRM reminders). */
  alertsVoor(zaakId: string): string[] {
    return this.ontvangen.filter((n) => n.zaakId === zaakId && n.soort === 'teamleider-alert').map((n) => n.onderwerp);
  }
}

export class OpnemendeRegistratie implements RegistrationAdapter {
  readonly ontvangen: Registratie[] = [];
  /** Simulates an outage (`plat`, retried) or a refusal of the data (`weigert`, not retried). */
  storing?: 'plat' | 'weigert';
  pogingen = 0;
  async registreer(r: Registratie): Promise<void> {
    this.pogingen++;
    if (this.storing === 'plat') throw new Error('registratiesysteem onbereikbaar');
    if (this.storing === 'weigert') throw new OngeldigeGegevensFout('BSN onbekend in registratiesysteem');
    if (!this.ontvangen.some((o) => o.idempotencyKey === r.idempotencyKey)) this.ontvangen.push(r);
  }
  voor(trajectId: string): Registratie[] {
    return this.ontvangen.filter((r) => r.trajectId === trajectId);
  }
}

export function opnemendeAdapters(): ActivityAdapters & {
  notificaties: OpnemendeNotificaties;
  registratie: OpnemendeRegistratie;
  uitwijk: OpnemendeNotificaties;
} {
  return { notificaties: new OpnemendeNotificaties(), registratie: new OpnemendeRegistratie(), uitwijk: new OpnemendeNotificaties() };
}
