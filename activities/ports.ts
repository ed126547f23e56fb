/**
 * Adapter interfaces for the outside world. Production wires HTTP implementations, development
 * the file-backed ones, tests their own fakes. Every message carries an idempotency key that the
 * receiver uses to drop repeats (activity retries resend the same key).
 */

/** `wpi-taak`: for WPI's klantmanager and inkomensconsulent (a melding on a WPI route, werkkader §2.8.2). */
export type NotificatieSoort = 'teamleider-alert' | 'taak' | 'wpi-taak';

export interface Notificatie {
  idempotencyKey: string;
  soort: NotificatieSoort;
  buurtteam: string;
  /** Workflow id of the case (melding or traject): what the reader opens in the UI or API. */
  zaakId: string;
  onderwerp: string;
  /** Human-readable and free of personal data: alerts travel over mail and chat. */
  bericht: string;
  /** ISO instant of the term the message is about, if any. */
  termijn?: string;
}

export interface NotificationAdapter {
  verstuur(notificatie: Notificatie): Promise<void>;
}

export type RegistratieGebeurtenis = 'aanmelding' | 'intake' | 'fase' | 'beschikking' | 'module';

export interface Registratie {
  idempotencyKey: string;
  trajectId: string;
  gebeurtenis: RegistratieGebeurtenis;
  bsn: string;
  /** Snapshot of the traject after the event; the registration system keeps the latest. */
  gegevens: Record<string, unknown>;
}

export interface RegistrationAdapter {
  registreer(registratie: Registratie): Promise<void>;
}

/**
 * Thrown by adapters when the receiver refuses the data itself: retrying cannot help. The
 * receiver's own text (`antwoord`) may quote the data, so it never enters the message (which
 * logs print); it travels as failure details, an encrypted payload.
 */
export class OngeldigeGegevensFout extends Error {
  override readonly name = 'OngeldigeGegevensFout';
  constructor(
    message: string,
    readonly antwoord?: string,
  ) {
    super(message);
  }
}
