import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevIssuer, UI_CLIENT, WEB_CLIENT_ID, type DevIssuer } from '../api/auth/devIssuer';
import { maakTokenVerifier } from '../api/auth/tokenVerifier';

const AUDIENCE = 'schuldhulp-api';
const APP = 'http://localhost:3999/app/';

/** The development issuer as the web app uses it: discovery, login page, code + PKCE, token. */
describe('development issuer', () => {
  let issuer: DevIssuer;
  let sleutelBestand: string;
  const claims = { claimRollen: 'realm_access.roles', claimBuurtteams: 'buurtteams' };

  beforeAll(async () => {
    sleutelBestand = join(await mkdtemp(join(tmpdir(), 'dev-issuer-')), 'dev-issuer', 'signing-key.json');
    issuer = await startDevIssuer({ poort: 0, audience: AUDIENCE, ...claims, redirectPrefixen: [APP], sleutelBestand });
  });
  afterAll(() => issuer?.stop());

  const verifier = () => maakTokenVerifier({ issuer: issuer.url, audience: AUDIENCE, ...claims });

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  const autorisatie = (challenge: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: 'code',
      client_id: WEB_CLIENT_ID,
      redirect_uri: `${APP}callback`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'staat-1',
      nonce: 'nonce-1',
      ...extra,
    });

  /** Picks a user on the login page the way the browser posts the form; returns the code. */
  async function kies(challenge: string, gebruiker: Record<string, string | string[]>, bij = issuer): Promise<string> {
    const form = autorisatie(challenge);
    for (const [k, v] of Object.entries(gebruiker)) for (const w of [v].flat()) form.append(k, w);
    const antwoord = await fetch(`${bij.url}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(antwoord.status).toBe(302);
    const terug = new URL(antwoord.headers.get('location')!);
    expect(`${terug.origin}${terug.pathname}`).toBe(`${APP}callback`);
    expect(terug.searchParams.get('state')).toBe('staat-1');
    return terug.searchParams.get('code')!;
  }

  const wissel = (code: string, codeVerifier: string, bij = issuer) =>
    fetch(`${bij.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        code_verifier: codeVerifier,
        client_id: WEB_CLIENT_ID,
        redirect_uri: `${APP}callback`,
      }),
    });

  it('listens on loopback only and publishes discovery and keys to the browser', async () => {
    expect(new URL(issuer.url).hostname).toBe('127.0.0.1');
    const discovery = await fetch(`${issuer.url}/.well-known/openid-configuration`);
    expect(discovery.headers.get('access-control-allow-origin')).toBe('*');
    expect(await discovery.json()).toMatchObject({
      issuer: issuer.url,
      authorization_endpoint: `${issuer.url}/authorize`,
      token_endpoint: `${issuer.url}/token`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      revocation_endpoint: `${issuer.url}/revoke`,
    });
    const { keys } = (await (await fetch(`${issuer.url}/jwks`)).json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('shows a clearly marked login page and refuses foreign clients, redirects and plain PKCE', async () => {
    const { challenge } = pkce();
    const pagina = await fetch(`${issuer.url}/authorize?${autorisatie(challenge)}`);
    expect(pagina.status).toBe(200);
    expect(await pagina.text()).toContain('ONTWIKKEL-ISSUER');
    for (const [extra, melding] of [
      [{ client_id: 'iets-anders' }, 'onbekende client_id'],
      [{ redirect_uri: 'http://evil.example/app/' }, 'redirect_uri moet beginnen met'],
      [{ code_challenge_method: 'plain' }, 'PKCE met code_challenge_method S256'],
    ] as const) {
      const fout = await fetch(`${issuer.url}/authorize?${autorisatie(challenge, extra)}`);
      expect(fout.status).toBe(400);
      expect(await fout.text()).toContain(melding);
    }
  });

  it('exchanges a code once, only with the matching code_verifier, for tokens the API accepts', async () => {
    const { verifier: codeVerifier, challenge } = pkce();
    const fout = await wissel(await kies(challenge, { sub: 'tl-0001', rol: 'teamleider', buurtteams: 'nieuw-west,centrum' }), 'verkeerd');
    expect(fout.status).toBe(400);
    expect(await fout.json()).toMatchObject({ error: 'invalid_grant' });

    const code = await kies(challenge, { sub: 'tl-0001', rol: ['teamleider', 'medewerker'], buurtteams: 'nieuw-west,centrum' });
    const antwoord = await wissel(code, codeVerifier);
    expect(antwoord.status).toBe(200);
    const tokens = (await antwoord.json()) as { access_token: string; id_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    // Roles land at the configured (nested) claim, as Keycloak puts them.
    expect(decodeJwt(tokens.access_token)).toMatchObject({ realm_access: { roles: ['teamleider', 'medewerker'] } });
    expect(await verifier()(tokens.access_token)).toEqual({
      sub: 'tl-0001',
      rollen: ['teamleider', 'medewerker'],
      buurtteams: ['nieuw-west', 'centrum'],
    });
    expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: WEB_CLIENT_ID, nonce: 'nonce-1', sub: 'tl-0001' });
    expect((await wissel(code, codeVerifier)).status).toBe(400);
  });

  interface Tokens {
    access_token: string;
    id_token: string;
    refresh_token: string;
    expires_in: number;
    scope: string;
  }

  /** Signs tl-0001 in with code + PKCE at this issuer and answers the tokens. */
  async function aangemeld(bij = issuer): Promise<Tokens> {
    const { verifier: codeVerifier, challenge } = pkce();
    const code = await kies(challenge, { sub: 'tl-0001', rol: 'teamleider', buurtteams: 'nieuw-west' }, bij);
    const antwoord = await wissel(code, codeVerifier, bij);
    expect(antwoord.status).toBe(200);
    return (await antwoord.json()) as Tokens;
  }

  const ververs = (refreshToken: string, extra: Record<string, string> = {}, bij = issuer) =>
    fetch(`${bij.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: WEB_CLIENT_ID, ...extra }),
    });

  it('rotates refresh tokens: new tokens for the same user, the old refresh token spent, and a reused one revokes the sign-in', async () => {
    const eerst = await aangemeld();
    expect(eerst.refresh_token).toBeTruthy();
    const antwoord = await ververs(eerst.refresh_token);
    expect(antwoord.status).toBe(200);
    expect(antwoord.headers.get('cache-control')).toBe('no-store');
    const daarna = (await antwoord.json()) as Tokens;
    expect(daarna.refresh_token).not.toBe(eerst.refresh_token);
    expect(daarna.access_token).not.toBe(eerst.access_token);
    expect(daarna.scope).toBe('openid');
    expect(await verifier()(daarna.access_token)).toEqual({ sub: 'tl-0001', rollen: ['teamleider'], buurtteams: ['nieuw-west'] });
    // The refreshed ID token is the same sign-in's: same subject and auth_time, no nonce (OIDC Core §12.2).
    const [oudId, nieuwId] = [decodeJwt(eerst.id_token), decodeJwt(daarna.id_token)];
    expect(nieuwId).toMatchObject({ sub: 'tl-0001', aud: WEB_CLIENT_ID, auth_time: oudId.auth_time });
    expect(nieuwId).not.toHaveProperty('nonce');

    // The spent token again: refused, and the sign-in's newer token with it (someone else holds a copy).
    const hergebruik = await ververs(eerst.refresh_token);
    expect(hergebruik.status).toBe(400);
    expect(await hergebruik.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'refresh_token is al gebruikt; de aanmelding is ingetrokken',
    });
    expect(await (await ververs(daarna.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('binds a refresh token to its client and the scope of the sign-in, without spending it on a refusal', async () => {
    const { refresh_token } = await aangemeld();
    const andereClient = await ververs(refresh_token, { client_id: 'iets-anders' });
    expect(andereClient.status).toBe(400);
    expect(await andereClient.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: 'refresh_token is aan een andere client uitgegeven',
    });
    const ruimer = await ververs(refresh_token, { scope: 'openid profile' });
    expect(await ruimer.json()).toMatchObject({ error: 'invalid_scope' });
    expect((await ververs('verzonnen')).status).toBe(400);
    expect((await ververs(refresh_token, { scope: 'openid' })).status).toBe(200);
  });

  it('gives the configured access-token lifetime, and refuses an expired or revoked refresh token', async () => {
    const kort = await startDevIssuer({
      poort: 0,
      audience: AUDIENCE,
      ...claims,
      redirectPrefixen: [APP],
      accessTokenSeconden: 5,
      refreshTokenSeconden: 1,
    });
    try {
      const tokens = await aangemeld(kort);
      expect(tokens.expires_in).toBe(5);
      const { exp, iat } = decodeJwt(tokens.access_token);
      expect(exp! - iat!).toBe(5);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await (await ververs(tokens.refresh_token, {}, kort)).json()).toEqual({
        error: 'invalid_grant',
        error_description: 'refresh_token is verlopen',
      });

      // Sign-out revokes (RFC 7009): a refresh token of a fresh sign-in no longer works.
      const { refresh_token } = await aangemeld(kort);
      const intrekking = await fetch(`${kort.url}/revoke`, {
        method: 'POST',
        body: new URLSearchParams({ token: refresh_token, client_id: WEB_CLIENT_ID }),
      });
      expect(intrekking.status).toBe(200);
      expect(await (await ververs(refresh_token, {}, kort)).json()).toMatchObject({
        error: 'invalid_grant',
        error_description: 'refresh_token onbekend of ingetrokken',
      });
    } finally {
      await kort.stop();
    }
  });

  it('signs the Temporal UI server in as a confidential client: its secret instead of PKCE, a loopback callback only', async () => {
    const callback = 'http://127.0.0.1:28011/auth/sso/callback';
    const ui = (extra: Record<string, string> = {}) =>
      new URLSearchParams({ response_type: 'code', client_id: UI_CLIENT.id, redirect_uri: callback, state: 's', nonce: 'n-ui', ...extra });
    const weg = await fetch(`${issuer.url}/authorize?${ui({ redirect_uri: 'http://evil.example/auth/sso/callback' })}`);
    expect(weg.status).toBe(400);
    const code = async () => {
      const form = ui({ sub: 'ops-0001', rol: 'operator', buurtteams: '' });
      const antwoord = await fetch(`${issuer.url}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
      return new URL(antwoord.headers.get('location')!).searchParams.get('code')!;
    };
    // As Go's oauth2 sends it: the client's id and secret in HTTP Basic, no code_verifier.
    const wissel = (c: string, geheim: string) =>
      fetch(`${issuer.url}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${UI_CLIENT.id}:${geheim}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: callback }),
      });
    expect(await (await wissel(await code(), 'geraden')).json()).toMatchObject({ error: 'invalid_grant' });
    const tokens = (await (await wissel(await code(), UI_CLIENT.secret)).json()) as { access_token: string; id_token: string };
    expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: UI_CLIENT.id, nonce: 'n-ui', sub: 'ops-0001' });
    // The access token is the API's, so the codec server accepts it.
    expect(await verifier()(tokens.access_token)).toEqual({ sub: 'ops-0001', rollen: ['operator'], buurtteams: [] });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ azp: UI_CLIENT.id });
  });

  it('hands out a token for curl per role, and keeps its signing key across restarts', async () => {
    const token = await (await fetch(`${issuer.url}/dev/token?rol=operator`)).text();
    expect(await verifier()(token)).toEqual({ sub: 'dev-operator', rollen: ['operator'], buurtteams: [] });
    expect((await fetch(`${issuer.url}/dev/token?rol=koning`)).status).toBe(400);
    expect((await stat(sleutelBestand)).mode & 0o777).toBe(0o600);

    const poort = Number(new URL(issuer.url).port);
    await issuer.stop();
    issuer = await startDevIssuer({ poort, audience: AUDIENCE, ...claims, redirectPrefixen: [APP], sleutelBestand });
    expect(await verifier()(token)).toMatchObject({ sub: 'dev-operator' });
  });
});
