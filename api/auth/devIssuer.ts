import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import express, { type Request, type Response } from 'express';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { ROLLEN, type Gebruiker, type Rol } from './tokenVerifier';

/**
 * DEVELOPMENT ONLY: a small OpenID Connect issuer for `npm start` without OIDC_ISSUER and for the
 * tests. It knows no passwords: whoever can reach it (127.0.0.1 only) picks a user. It serves
 * discovery, JWKS, authorization code with PKCE (S256) and rotating refresh tokens for the public
 * client `schuldhulp-web`, the same for the Temporal UI server's confidential client `temporal-ui`
 * (client secret instead of PKCE, which the UI server does not send), token revocation, and
 * `GET /dev/token` for curl.
 */

export const WEB_CLIENT_ID = 'schuldhulp-web';
/**
 * The Temporal UI server (scripts/cluster.sh) signs operators in as this client. The secret is a
 * development constant: this issuer knows no passwords anyway, so it guards nothing a caller on
 * loopback could not already do.
 */
export const UI_CLIENT = { id: 'temporal-ui', secret: 'ontwikkel-temporal-ui' } as const;
/** The UI server's callback (its `/auth/sso/callback`), on any loopback port: the cluster's UI port varies. */
const UI_CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}\/auth\/sso\/callback$/;
const ALG = 'RS256';
const CODE_GELDIG_MS = 60_000;
/** A sign-in's refresh tokens end this long after it, however often they rotate (Keycloak's ssoSessionMaxLifespan, 10 hours). */
const SESSIE_MAX_MS = 10 * 3600_000;
/** What this issuer grants; other requested scopes (offline_access among them) are left out of the grant. */
const SCOPES = ['openid', 'profile', 'email'];

export interface DevIssuerOpties {
  /** 0 picks a free port. */
  poort: number;
  audience: string;
  claimRollen: string;
  claimBuurtteams: string;
  /** Allowed redirect URI prefixes for the web client, e.g. `http://localhost:3000/app/`. */
  redirectPrefixen: string[];
  /** JSON file holding the signing key (created when missing); unset: a fresh key in memory. */
  sleutelBestand?: string;
  /** Lifetime of the web client's access tokens; default 300 s, as the Keycloak realm's. Tests make it short. */
  accessTokenSeconden?: number;
  /** A refresh token expires when unused this long; default 1800 s (Keycloak's ssoSessionIdleTimeout). */
  refreshTokenSeconden?: number;
}

export interface TokenOpties {
  /** Lifetime in seconds; negative gives an expired token (for tests). */
  geldigSeconden?: number;
  audience?: string;
}

export interface DevIssuer {
  /** The issuer URL (`iss`), e.g. http://127.0.0.1:3001. */
  url: string;
  /** A signed access token for this user, as the web client would get it. */
  token(gebruiker: Gebruiker, opties?: TokenOpties): Promise<string>;
  stop(): Promise<void>;
}

interface Sleutelpaar {
  privaat: CryptoKey;
  publiek: JWK;
}

/** Development users offered on the login page (staff ids, never names). */
const VOORBEELDEN: Gebruiker[] = [
  { sub: 'mdw-0007', rollen: ['medewerker'], buurtteams: ['nieuw-west'] },
  { sub: 'tl-0001', rollen: ['teamleider'], buurtteams: ['nieuw-west'] },
  { sub: 'mdw-0101', rollen: ['medewerker'], buurtteams: ['centrum-oost'] },
  { sub: 'ops-0001', rollen: ['operator'], buurtteams: [] },
  { sub: 'bh-0001', rollen: ['beheerder'], buurtteams: [] },
];

async function laadOfMaakSleutel(bestand?: string): Promise<Sleutelpaar> {
  if (bestand) {
    const opgeslagen = await readFile(bestand, 'utf8').catch(() => undefined);
    if (opgeslagen) return metPubliek((await importJWK(JSON.parse(opgeslagen) as JWK, ALG)) as CryptoKey, JSON.parse(opgeslagen) as JWK);
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (bestand) {
    await mkdir(dirname(bestand), { recursive: true });
    await writeFile(bestand, JSON.stringify(jwk), { mode: 0o600 });
  }
  return metPubliek(privateKey, jwk);
}

async function metPubliek(privaat: CryptoKey, jwk: JWK): Promise<Sleutelpaar> {
  const publiek: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e };
  return { privaat, publiek: { ...publiek, kid: await calculateJwkThumbprint(publiek), alg: ALG, use: 'sig' } };
}

/** Puts a value at a dotted claim name, so the tokens match the configured claim names. */
function zetClaim(claims: Record<string, unknown>, naam: string, waarde: unknown): void {
  const delen = naam.split('.');
  let doel = claims;
  for (const deel of delen.slice(0, -1)) doel = (doel[deel] ??= {}) as Record<string, unknown>;
  doel[delen.at(-1)!] = waarde;
}

function lijst(waarde: unknown): string[] {
  const ruw = Array.isArray(waarde) ? waarde : [waarde];
  return ruw
    .flatMap((w) => (typeof w === 'string' ? w.split(',') : []))
    .map((w) => w.trim())
    .filter(Boolean);
}

function gebruikerUit(bron: Record<string, unknown>): Gebruiker | string {
  const rollen = lijst(bron.rol);
  const onbekend = rollen.filter((r) => !(ROLLEN as readonly string[]).includes(r));
  if (rollen.length === 0 || onbekend.length > 0) return `kies een of meer rollen uit ${ROLLEN.join(', ')}`;
  const sub = typeof bron.sub === 'string' && bron.sub.trim() ? bron.sub.trim() : `dev-${rollen[0]}`;
  return { sub, rollen: rollen as Rol[], buurtteams: lijst(bron.buurtteams) };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function inlogPagina(params: Record<string, string>, melding?: string): string {
  const verborgen = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('');
  const knoppen = VOORBEELDEN.map(
    (g) =>
      `<form method="post">${verborgen}<input type="hidden" name="sub" value="${g.sub}">` +
      g.rollen.map((r) => `<input type="hidden" name="rol" value="${r}">`).join('') +
      `<input type="hidden" name="buurtteams" value="${g.buurtteams.join(',')}">` +
      `<button>${g.sub}: ${g.rollen.join(', ')}${g.buurtteams.length ? ` (${g.buurtteams.join(', ')})` : ''}</button></form>`,
  ).join('');
  const rollen = ROLLEN.map((r) => `<label><input type="checkbox" name="rol" value="${r}"> ${r}</label>`).join(' ');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ontwikkel-login</title></head><body>
<p style="background:#ec0000;color:#fff;padding:.5em;font-weight:bold">ONTWIKKEL-ISSUER: alleen voor lokaal gebruik, zonder wachtwoorden. Nooit in productie.</p>
<h1>Kies een ontwikkelgebruiker</h1>${melding ? `<p role="alert">${escape(melding)}</p>` : ''}${knoppen}
<h2>Of stel er zelf een samen</h2><form method="post">${verborgen}
<p><label>Medewerker-id (sub) <input name="sub" value="mdw-0001"></label></p><p>${rollen}</p>
<p><label>Buurtteams (komma's) <input name="buurtteams" value="nieuw-west"></label></p><button>Inloggen</button></form></body></html>`;
}

/** One sign-in of one user at a client: the code and every refresh token that descends from it. */
interface Aanmelding {
  gebruiker: Gebruiker;
  clientId: string;
  scope: string[];
  /** Shared by the sign-in's refresh tokens, so a reused one revokes them all. */
  sessie: string;
  /** Epoch seconds of the sign-in (`auth_time`); a refreshed ID token keeps it. */
  authTime: number;
  /** Epoch milliseconds after which no refresh token of this sign-in is valid. */
  einde: number;
}

interface Code {
  aanmelding: Aanmelding;
  redirectUri: string;
  /** PKCE challenge; the confidential UI client authenticates with its secret instead. */
  challenge?: string;
  nonce?: string;
  verloopt: number;
}

/** What a grant hands out tokens for (`scope` may be narrower than the sign-in's), or why it is refused. */
type Toekenning = { aanmelding: Aanmelding; scope: string[]; nonce?: string } | { error: string; beschrijving: string };
type Verzoek = Record<string, string | undefined>;

const ongeldig = (beschrijving: string): Toekenning => ({ error: 'invalid_grant', beschrijving });
const scopes = (scope: string | undefined) => (scope ?? '').split(' ').filter(Boolean);

/**
 * The client a token request authenticates as: the UI client only with its secret (HTTP Basic, as
 * Go's oauth2 sends it first, or in the form), the web client by its id (public, PKCE).
 */
function clientVan(req: Request): string | undefined {
  const body = req.body as Verzoek;
  const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '')?.[1];
  const [id, geheim] = basic
    ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
    : [body.client_id, body.client_secret];
  if (id === UI_CLIENT.id) return geheim === UI_CLIENT.secret ? id : undefined;
  return id === WEB_CLIENT_ID && !geheim ? id : undefined;
}

const pkceKlopt = (challenge: string | undefined, verifier: string | undefined) =>
  !!verifier && createHash('sha256').update(verifier).digest('base64url') === challenge;

/** The authorization_code grant: a code is used once (also when the exchange fails), with its client, redirect URI and PKCE verifier. */
function wisselCode(body: Verzoek, client: string | undefined, codes: Map<string, Code>): Toekenning {
  const code = body.code ? codes.get(body.code) : undefined;
  if (body.code) codes.delete(body.code);
  if (!code || code.verloopt < Date.now()) return ongeldig('code onbekend, gebruikt of verlopen');
  if (client !== code.aanmelding.clientId || body.redirect_uri !== code.redirectUri) {
    return ongeldig('client (of zijn geheim) of redirect_uri wijkt af');
  }
  if ((code.challenge !== undefined || client === WEB_CLIENT_ID) && !pkceKlopt(code.challenge, body.code_verifier)) {
    return ongeldig('code_verifier klopt niet (PKCE)');
  }
  return { aanmelding: code.aanmelding, scope: code.aanmelding.scope, nonce: code.nonce };
}

interface RefreshToken {
  aanmelding: Aanmelding;
  clientId: string;
  verloopt: number;
  gebruikt: boolean;
}

/**
 * Refresh tokens of public clients rotate (RFC 9700 §4.14.2): each is used once and answered with
 * a new one; a used one coming back means two parties hold it, so the whole sign-in is revoked.
 */
class RefreshTokens {
  private readonly tokens = new Map<string, RefreshToken>();
  constructor(private readonly ongebruiktMs: number) {}

  geef(aanmelding: Aanmelding, clientId: string): string {
    const nu = Date.now();
    for (const [t, r] of this.tokens) if (r.verloopt < nu) this.tokens.delete(t);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { aanmelding, clientId, verloopt: Math.min(nu + this.ongebruiktMs, aanmelding.einde), gebruikt: false });
    return token;
  }

  /** The refresh_token grant: bound to its client and to the sign-in's user and scope. */
  wissel(body: Verzoek, client: string | undefined): Toekenning {
    const r = body.refresh_token ? this.tokens.get(body.refresh_token) : undefined;
    if (!r) return ongeldig('refresh_token onbekend of ingetrokken');
    // A wrong client does not spend the token: it proves nothing about who holds it.
    if (client !== r.clientId) return ongeldig('refresh_token is aan een andere client uitgegeven');
    if (r.gebruikt) {
      this.trekIn(r.aanmelding.sessie);
      return ongeldig('refresh_token is al gebruikt; de aanmelding is ingetrokken');
    }
    if (r.verloopt < Date.now()) return ongeldig('refresh_token is verlopen');
    const gevraagd = body.scope === undefined ? r.aanmelding.scope : scopes(body.scope);
    if (gevraagd.some((s) => !r.aanmelding.scope.includes(s))) {
      return { error: 'invalid_scope', beschrijving: `scope ruimer dan bij het aanmelden (${r.aanmelding.scope.join(' ')})` };
    }
    r.gebruikt = true;
    return { aanmelding: r.aanmelding, scope: gevraagd };
  }

  /** Token revocation (RFC 7009) ends the token's sign-in; unknown tokens are answered the same. */
  trekInMet(token: string | undefined, clientId: string | undefined): void {
    const r = token ? this.tokens.get(token) : undefined;
    if (r && r.clientId === clientId) this.trekIn(r.aanmelding.sessie);
  }

  private trekIn(sessie: string): void {
    for (const [t, r] of this.tokens) if (r.aanmelding.sessie === sessie) this.tokens.delete(t);
  }
}

/** Why an authorization request is refused, or undefined: a known client, its redirect URI, a code flow, PKCE for the web client. */
function autorisatieFout(p: Record<string, string>, redirectPrefixen: string[]): string | undefined {
  const ui = p.client_id === UI_CLIENT.id;
  if (p.client_id !== WEB_CLIENT_ID && !ui) return `onbekende client_id; alleen ${WEB_CLIENT_ID} of ${UI_CLIENT.id}`;
  if (ui && !UI_CALLBACK.test(p.redirect_uri ?? ''))
    return 'redirect_uri van de Temporal UI moet http://127.0.0.1:<poort>/auth/sso/callback zijn';
  if (!ui && (!p.redirect_uri || !redirectPrefixen.some((prefix) => p.redirect_uri!.startsWith(prefix)))) {
    return `redirect_uri moet beginnen met ${redirectPrefixen.join(' of ')}`;
  }
  if (p.response_type !== 'code') return 'response_type moet code zijn';
  if (!ui && (p.code_challenge_method !== 'S256' || !p.code_challenge)) return 'PKCE met code_challenge_method S256 is verplicht';
  return undefined;
}

export async function startDevIssuer(opties: DevIssuerOpties): Promise<DevIssuer> {
  const sleutel = await laadOfMaakSleutel(opties.sleutelBestand);
  const codes = new Map<string, Code>();
  const refreshTokens = new RefreshTokens((opties.refreshTokenSeconden ?? 1800) * 1000);
  const accessTokenSeconden = opties.accessTokenSeconden ?? 300;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '10kb' }));
  // The web app (another origin: the API's) reads discovery, keys and tokens from the browser.
  app.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Headers', 'content-type, authorization');
    next();
  });
  app.options('/{*pad}', (_req, res) => {
    res.sendStatus(204);
  });

  let url = '';
  const teken = (claims: Record<string, unknown>, audience: string, geldigSeconden: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: sleutel.publiek.kid, typ: 'JWT' })
      .setIssuer(url)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + geldigSeconden)
      .setJti(randomUUID())
      .sign(sleutel.privaat);
  const token = (g: Gebruiker, t: TokenOpties = {}, clientId: string = WEB_CLIENT_ID) => {
    const claims: Record<string, unknown> = { sub: g.sub, azp: clientId, preferred_username: g.sub };
    zetClaim(claims, opties.claimRollen, g.rollen);
    zetClaim(claims, opties.claimBuurtteams, g.buurtteams);
    return teken(claims, t.audience ?? opties.audience, t.geldigSeconden ?? 3600);
  };

  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: url,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/token`,
      jwks_uri: `${url}/jwks`,
      response_types_supported: ['code'],
      revocation_endpoint: `${url}/revoke`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ALG],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
      scopes_supported: SCOPES,
    });
  });
  app.get('/jwks', (_req, res) => {
    res.json({ keys: [sleutel.publiek] });
  });

  /** Checks an authorization request; answers an error page and returns undefined when it is wrong. */
  const autorisatieParams = (req: Request, res: Response): Record<string, string> | undefined => {
    const bron = { ...(req.query as Record<string, unknown>), ...(req.body as Record<string, unknown> | undefined) };
    const p = Object.fromEntries(
      ['response_type', 'client_id', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'state', 'nonce', 'scope'].flatMap((k) =>
        typeof bron[k] === 'string' ? [[k, bron[k] as string]] : [],
      ),
    );
    const fout = autorisatieFout(p, opties.redirectPrefixen);
    if (fout) {
      res.status(400).type('text/plain').send(fout);
      return undefined;
    }
    return p;
  };

  app.get('/authorize', (req, res) => {
    const p = autorisatieParams(req, res);
    if (p) res.type('html').send(inlogPagina(p));
  });
  app.post('/authorize', (req, res) => {
    const p = autorisatieParams(req, res);
    if (!p) return;
    const gekozen = gebruikerUit(req.body as Record<string, unknown>);
    if (typeof gekozen === 'string') {
      res.status(400).type('html').send(inlogPagina(p, gekozen));
      return;
    }
    const code = randomBytes(24).toString('base64url');
    // Without scope: openid (RFC 6749 §3.3 lets the issuer pick a default).
    const scope = p.scope === undefined ? ['openid'] : scopes(p.scope).filter((s) => SCOPES.includes(s));
    const nu = Date.now();
    codes.set(code, {
      aanmelding: {
        gebruiker: gekozen,
        clientId: p.client_id!,
        scope,
        sessie: randomUUID(),
        authTime: Math.floor(nu / 1000),
        einde: nu + SESSIE_MAX_MS,
      },
      redirectUri: p.redirect_uri!,
      challenge: p.code_challenge,
      nonce: p.nonce,
      verloopt: nu + CODE_GELDIG_MS,
    });
    const terug = new URL(p.redirect_uri!);
    terug.searchParams.set('code', code);
    if (p.state) terug.searchParams.set('state', p.state);
    res.redirect(302, terug.toString());
  });

  app.post('/token', async (req, res) => {
    const body = req.body as Verzoek;
    const client = clientVan(req);
    const uitkomst: Toekenning =
      body.grant_type === 'authorization_code'
        ? wisselCode(body, client, codes)
        : body.grant_type === 'refresh_token'
          ? refreshTokens.wissel(body, client)
          : { error: 'unsupported_grant_type', beschrijving: 'alleen authorization_code en refresh_token' };
    if ('error' in uitkomst) return res.status(400).json({ error: uitkomst.error, error_description: uitkomst.beschrijving });
    const { aanmelding, scope, nonce } = uitkomst;
    const { sub } = aanmelding.gebruiker;
    // The UI server shows the name from the id_token: staff ids only, never a person's name.
    const idClaims = { sub, preferred_username: sub, name: sub, auth_time: aanmelding.authTime, ...(nonce ? { nonce } : {}) };
    const { clientId } = aanmelding;
    res.set('Cache-Control', 'no-store').json({
      access_token: await token(aanmelding.gebruiker, { geldigSeconden: accessTokenSeconden }, clientId),
      ...(scope.includes('openid') ? { id_token: await teken(idClaims, clientId, 3600) } : {}),
      refresh_token: refreshTokens.geef(aanmelding, clientId),
      token_type: 'Bearer',
      expires_in: accessTokenSeconden,
      scope: scope.join(' '),
    });
  });
  app.post('/revoke', (req, res) => {
    const body = req.body as Verzoek;
    refreshTokens.trekInMet(body.token, clientVan(req));
    res.sendStatus(200);
  });

  /** For curl: GET /dev/token?rol=teamleider&buurtteams=nieuw-west[&sub=tl-0001] answers the bare token. */
  app.get('/dev/token', async (req, res) => {
    const gekozen = gebruikerUit(req.query as Record<string, unknown>);
    if (typeof gekozen === 'string') {
      res.status(400).type('text/plain').send(gekozen);
      return;
    }
    res.type('text/plain').send(await token(gekozen));
  });

  const server: Server = app.listen(opties.poort, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    stop: () =>
      new Promise<void>((klaar) => {
        server.close(() => klaar());
        server.closeAllConnections();
      }),
  };
}
