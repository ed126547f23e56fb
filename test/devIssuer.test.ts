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
  async function kies(challenge: string, gebruiker: Record<string, string | string[]>): Promise<string> {
    const form = autorisatie(challenge);
    for (const [k, v] of Object.entries(gebruiker)) for (const w of [v].flat()) form.append(k, w);
    const antwoord = await fetch(`${issuer.url}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(antwoord.status).toBe(302);
    const terug = new URL(antwoord.headers.get('location')!);
    expect(`${terug.origin}${terug.pathname}`).toBe(`${APP}callback`);
    expect(terug.searchParams.get('state')).toBe('staat-1');
    return terug.searchParams.get('code')!;
  }

  const wissel = (code: string, codeVerifier: string) =>
    fetch(`${issuer.url}/token`, {
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
