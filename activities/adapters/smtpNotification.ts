import { createTransport, type Transporter } from 'nodemailer';
import type { Notificatie, NotificationAdapter } from '../ports';
import { OngeldigeGegevensFout } from '../ports';

export interface SmtpInstellingen {
  /** e.g. smtp://gebruiker:wachtwoord@mail.example:587 */
  url: string;
  van: string;
  /** Address patterns with {buurtteam}: alerts go to the teamleider, tasks to the team's mailbox. */
  teamleiderAdres: string;
  teamAdres: string;
  /** WPI's mailbox for `wpi-taak` (MAIL_WPI); without it they go to the team's. */
  wpiAdres?: string;
}

/**
 * Mails alerts and tasks. SMTP has no idempotency, so the Message-ID is derived from the
 * idempotency key: a retried send carries the same id and mail systems can drop the copy.
 */
export class SmtpNotificationAdapter implements NotificationAdapter {
  private readonly transport: Transporter;

  constructor(private readonly instellingen: SmtpInstellingen) {
    this.transport = createTransport(instellingen.url);
  }

  async verstuur(n: Notificatie): Promise<void> {
    const { teamleiderAdres, teamAdres, wpiAdres } = this.instellingen;
    const patroon = n.soort === 'teamleider-alert' ? teamleiderAdres : n.soort === 'wpi-taak' ? (wpiAdres ?? teamAdres) : teamAdres;
    const regels = [n.bericht, '', `zaak: ${n.zaakId}`, ...(n.termijn ? [`termijn: ${n.termijn}`] : [])];
    try {
      await this.transport.sendMail({
        from: this.instellingen.van,
        to: patroon.replaceAll('{buurtteam}', n.buurtteam),
        subject: `[${n.soort === 'teamleider-alert' ? 'alert' : n.soort === 'wpi-taak' ? 'wpi' : 'taak'}] ${n.onderwerp} - ${n.zaakId}`,
        text: regels.join('\n'),
        messageId: `<${n.idempotencyKey.replace(/[^A-Za-z0-9.:-]/g, '-')}@schuldhulp-orchestrator>`,
      });
    } catch (fout) {
      // 5xx replies are permanent (unknown mailbox, refused message); 4xx and network errors are retried.
      const code = (fout as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500)
        throw new OngeldigeGegevensFout(`SMTP weigerde de notificatie (${code})`, (fout as Error).message);
      throw fout;
    }
  }
}
