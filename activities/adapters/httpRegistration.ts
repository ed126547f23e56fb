import type { Registratie, RegistrationAdapter } from '../ports';
import { postJson } from './http';

/** Shares traject events with the client registration system over its HTTP API. */
export class HttpRegistrationAdapter implements RegistrationAdapter {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  registreer(registratie: Registratie): Promise<void> {
    return postJson(this.url, registratie.idempotencyKey, registratie, this.token);
  }
}
