import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One raw request as it reached the receiver, with the answer it got. */
export interface Aankomst {
  sleutel: string;
  autorisatie?: string;
  body: Record<string, unknown>;
  /** HTTP status answered; `vastgehouden` arrivals were processed but never answered. */
  antwoord: number;
  vastgehouden: boolean;
}

/** What the receiver answers: a status, or `vasthouden` to process the request and never answer. */
export type Gedrag = (verzoek: {
  sleutel: string;
  autorisatie?: string;
  body: Record<string, unknown>;
  poging: number;
}) => number | 'vasthouden';

export const accepteerAlles: Gedrag = () => 200;

/**
 * A notification or registration system on loopback with programmable behaviour. It records every
 * raw arrival and dedupes by Idempotency-Key, as the real systems do: a request it processed
 * (2xx, or held until the sender died) counts as accepted.
 */
export class Ontvanger {
  readonly aankomsten: Aankomst[] = [];
  private readonly wachtend: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    public gedrag: Gedrag,
  ) {}

  static async start(gedrag: Gedrag = accepteerAlles): Promise<Ontvanger> {
    let ontvanger: Ontvanger | undefined;
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (d: Buffer) => (data += d.toString()));
      req.on('end', () => ontvanger!.ontvang(String(req.headers['idempotency-key'] ?? ''), req.headers.authorization, data, res));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    ontvanger = new Ontvanger(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, gedrag);
    return ontvanger;
  }

  private ontvang(sleutel: string, autorisatie: string | undefined, data: string, res: ServerResponse): void {
    const body = JSON.parse(data) as Record<string, unknown>;
    const poging = this.aankomsten.filter((a) => a.sleutel === sleutel).length + 1;
    const antwoord = this.gedrag({ sleutel, autorisatie, body, poging });
    if (antwoord === 'vasthouden') {
      this.aankomsten.push({ sleutel, autorisatie, body, antwoord: 200, vastgehouden: true });
      this.wachtend.push(res);
      return;
    }
    this.aankomsten.push({ sleutel, autorisatie, body, antwoord, vastgehouden: false });
    res.statusCode = antwoord;
    res.end(antwoord >= 400 ? `geweigerd (${antwoord})` : '');
  }

  /** Idempotency-Keys the receiver accepted, each once: what its dedupe keeps. */
  geaccepteerd(): Set<string> {
    return new Set(this.aankomsten.filter((a) => a.antwoord < 300).map((a) => a.sleutel));
  }

  /** Accepted arrivals beyond the first per key: the at-least-once repeats its dedupe dropped. */
  herhalingen(): number {
    return this.aankomsten.filter((a) => a.antwoord < 300).length - this.geaccepteerd().size;
  }

  /** How many arrivals got this answer (e.g. 500 or 401: deliveries the sender had to try again). */
  aantal(antwoord: number): number {
    return this.aankomsten.filter((a) => a.antwoord === antwoord).length;
  }

  /** Answers the held requests after all. */
  laatGaan(): void {
    for (const res of this.wachtend.splice(0)) res.writeHead(200).end();
  }

  async stop(): Promise<void> {
    for (const res of this.wachtend) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
