import type { Gebruiker } from './tokenVerifier';

/** How long a verified token is taken on trust at most: a key the issuer withdraws stops working within this time. */
const BEWAARTIJD_MS = 60_000;
/** Enough for every user of a busy day's minute; the oldest entry goes first. */
const MAX_TOKENS = 10_000;

/**
 * Tokens verified a moment ago. The web app and a creditor's system send the same token with every
 * request; checking its signature each time was about a sixth of the API's work per request. An
 * entry lasts until the token expires and never longer than BEWAARTIJD_MS.
 */
export class TokenGeheugen {
  private readonly tokens = new Map<string, { gebruiker: Readonly<Gebruiker>; tot: number }>();

  constructor(
    private readonly nu: () => number = Date.now,
    private readonly bewaartijdMs = BEWAARTIJD_MS,
    private readonly max = MAX_TOKENS,
  ) {}

  haal(token: string): Readonly<Gebruiker> | undefined {
    const bekend = this.tokens.get(token);
    if (!bekend) return undefined;
    if (bekend.tot > this.nu()) return bekend.gebruiker;
    this.tokens.delete(token);
    return undefined;
  }

  /** `expSeconden`: the token's exp claim (seconds since 1970), when it has one. */
  bewaar(token: string, gebruiker: Gebruiker, expSeconden: number | undefined): void {
    const tot = Math.min(this.nu() + this.bewaartijdMs, expSeconden === undefined ? Infinity : expSeconden * 1000);
    // Map keeps insertion order: the first key is the oldest entry.
    this.tokens.delete(token);
    this.tokens.set(token, { gebruiker: Object.freeze({ ...gebruiker }), tot });
    if (this.tokens.size > this.max) this.tokens.delete(this.tokens.keys().next().value!);
  }
}
