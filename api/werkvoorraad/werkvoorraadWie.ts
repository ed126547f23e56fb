import type { Client } from '@temporalio/client';
import { adviesStatusQuery, meldingStatusQuery, trajectStatusQuery } from '../../workflows/messages';
import type { Taak } from './werkvoorraad';

/** Who a case is about, as the team recognises it at a glance (werkvoorraad). */
export interface Wie {
  naam: string;
  /** Street and number, for a melding (a traject keeps no address). */
  adres?: string;
}

/** At most this many status queries at once for one page. */
const GELIJKTIJDIG = 8;

/**
 * The names on a werkvoorraad page, for the case's own team only. Names live in the encrypted
 * payloads alone (never in search attributes), so they are read from each case's status query and
 * kept in the API's memory, keyed by the case's last change (`Bijgewerkt`): a withdrawn consent or
 * a closed phase changes the case and so is read again. A case that does not answer in time is
 * shown without a name; the page never waits on one case.
 */
export class WerkvoorraadWie {
  private readonly gelezen = new Map<string, { versie: string; wie?: Wie }>();

  constructor(private readonly client: Client) {}

  async voor(taken: Taak[]): Promise<Map<string, Wie>> {
    const nodig = taken.filter((t) => this.gelezen.get(t.zaakId)?.versie !== versie(t));
    for (let i = 0; i < nodig.length; i += GELIJKTIJDIG) {
      await Promise.all(nodig.slice(i, i + GELIJKTIJDIG).map((t) => this.lees(t)));
    }
    this.ruimOp(taken.length);
    const uit = new Map<string, Wie>();
    for (const t of taken) {
      const wie = this.gelezen.get(t.zaakId)?.wie;
      if (wie) uit.set(t.zaakId, wie);
    }
    return uit;
  }

  private async lees(t: Taak): Promise<void> {
    const handle = this.client.workflow.getHandle(t.zaakId);
    try {
      if (t.soort === 'schuldhulpTraject' || t.soort === 'informatieAdvies') {
        const s: { client?: { naam: string } } =
          t.soort === 'informatieAdvies' ? await handle.query(adviesStatusQuery) : await handle.query(trajectStatusQuery);
        this.gelezen.set(t.zaakId, { versie: versie(t), wie: s.client ? { naam: s.client.naam } : undefined });
      } else {
        const s = await handle.query(meldingStatusQuery);
        const c = s.client;
        this.gelezen.set(t.zaakId, {
          versie: versie(t),
          wie: c ? { naam: c.naam, adres: `${c.adres.straat} ${c.adres.huisnummer}` } : undefined,
        });
      }
    } catch {
      // Not cached: the next page asks again. The cause may name the case; it stays out of the logs.
      this.gelezen.delete(t.zaakId);
    }
  }

  /** Keeps memory bounded by what pages show: beyond a few thousand entries the oldest go first. */
  private ruimOp(paginagrootte: number): void {
    const max = Math.max(5000, paginagrootte * 10);
    for (const sleutel of this.gelezen.keys()) {
      if (this.gelezen.size <= max) break;
      this.gelezen.delete(sleutel);
    }
  }
}

const versie = (t: Taak) => t.bijgewerkt ?? '';
