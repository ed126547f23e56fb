import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOpties } from '../api/app';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { startDevIssuer } from '../api/auth/devIssuer';
import { maakTokenVerifier, type TokenVerifier } from '../api/auth/tokenVerifier';
import { apiVerbindingsOpties } from '../api/verbinding';
import { WerkvoorraadProjectie } from '../api/werkvoorraad/werkvoorraadProjectie';
import { melding } from './helpers/invoer';
import { vrijePoort } from './helpers/poorten';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from './helpers/tokens';

/**
 * Token checks and role/team refusals that happen before Temporal is asked anything, so the API
 * runs in front of an unreachable cluster. Team scoping of existing cases is in toegang.test.ts.
 */
/** Nothing listens on port 1: whatever reaches Temporal answers 503. */
function appZonderTemporal(verifier: TokenVerifier, opties: Partial<AppOpties> = {}) {
  const client = new Client({ connection: Connection.lazy(apiVerbindingsOpties({ address: '127.0.0.1:1' })) });
  return createApp(client, {
    verifier,
    werkvoorraad: new WerkvoorraadProjectie(client),
    persoonGeheim: randomBytes(32),
    audit: sqliteAuditLog(':memory:'),
    ...opties,
  });
}

describe('authentication with OIDC bearer tokens', () => {
  let server: Server;
  let basis: string;
  let issuer: TestIssuer;
  let vreemd: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    vreemd = await startTestIssuer();
    server = appZonderTemporal(issuer.verifier).listen(0);
    basis = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await issuer?.stop();
    await vreemd?.stop();
  });

  async function verzoek(pad: string, authorization?: string, body?: unknown) {
    const antwoord = await fetch(`${basis}${pad}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const tekst = await antwoord.text();
    return { status: antwoord.status, body: tekst ? JSON.parse(tekst) : undefined, headers: antwoord.headers };
  }

  /** Same header (kid) and claims as a good token, signed with another key. */
  async function vervalst(bearer: string): Promise<string> {
    const token = bearer.slice('Bearer '.length);
    const { privateKey } = await generateKeyPair('RS256');
    const vals = await new SignJWT(decodeJwt(token)).setProtectedHeader(decodeProtectedHeader(token) as { alg: string }).sign(privateKey);
    return `Bearer ${vals}`;
  }

  it('refuses a request without a token with 401, a Dutch message and WWW-Authenticate', async () => {
    const zonder = await verzoek('/v1/teams/noord/taken');
    expect(zonder.status).toBe(401);
    expect(zonder.body).toMatchObject({ fout: 'inloggen vereist: stuur een Bearer-token mee' });
    expect(zonder.headers.get('www-authenticate')).toBe('Bearer');
    expect((await verzoek('/v1/meldingen', undefined, melding('A-1', '2026-11-20'))).status).toBe(401);
    expect((await verzoek('/v1/teams/noord/taken', 'Basic bWR3OmdlaGVpbQ==')).status).toBe(401);
  });

  it('refuses expired, wrongly signed, wrong-audience and other issuers’ tokens', async () => {
    const goed = await issuer.bearer('medewerker', ['noord']);
    const gevallen: [string, string][] = [
      [await issuer.bearer('medewerker', ['noord'], { geldigSeconden: -60 }), 'token is verlopen'],
      [await vervalst(goed), 'ondertekening van het token is ongeldig'],
      [
        await issuer.bearer('medewerker', ['noord'], { audience: 'een-andere-dienst' }),
        'token is niet voor deze dienst bedoeld (audience)',
      ],
      [await vreemd.bearer('medewerker', ['noord']), 'ondertekening van het token is ongeldig'],
      ['Bearer dit.is.geen-jwt', 'token is ongeldig'],
    ];
    for (const [token, melding] of gevallen) {
      expect(await verzoek('/v1/teams/noord/taken', token)).toMatchObject({ status: 401, body: { fout: melding } });
    }
    // The good token passes authentication and reaches the team check.
    expect((await verzoek('/v1/teams/zuid/taken', goed)).body).toMatchObject({ fout: 'u werkt niet voor buurtteam zuid' });
  });

  it('refuses a token it accepted a moment ago once it has expired', async () => {
    // Seconds to spare for a busy CI machine between issuing the token and its first use.
    const kort = await issuer.bearer('medewerker', ['noord'], { geldigSeconden: 5 });
    expect((await verzoek('/v1/teams/zuid/taken', kort)).body).toMatchObject({ fout: 'u werkt niet voor buurtteam zuid' });
    await new Promise((r) => setTimeout(r, 6000));
    expect(await verzoek('/v1/teams/zuid/taken', kort)).toMatchObject({ status: 401, body: { fout: 'token is verlopen' } });
  });

  it('keeps /health, /openapi.json and the web app open', async () => {
    expect((await verzoek('/v1/openapi.json')).status).toBe(200);
    expect((await verzoek('/health')).status).toBe(503);
    expect((await verzoek('/app/config.json')).status).not.toBe(401);
  });

  it('tells the web app whether four eyes hold (VIER_OGEN), so it offers only what the API allows', async () => {
    const webapp = { issuer: issuer.url, clientId: 'schuldhulp-web' };
    for (const vierOgen of [true, false]) {
      const app = appZonderTemporal(issuer.verifier, { webapp, vierOgen }).listen(0);
      try {
        const antwoord = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/app/config.json`);
        expect(await antwoord.json()).toEqual({ ...webapp, vierOgen });
      } finally {
        app.close();
      }
    }
  });

  it('answers 403 for a role or team the caller lacks, before anything is started', async () => {
    const beheerder = await issuer.bearer('beheerder');
    expect(await verzoek('/v1/meldingen', beheerder, melding('B-1', '2026-11-20'))).toMatchObject({
      status: 403,
      body: { fout: 'een zaak registreren mag alleen met de rol medewerker of teamleider' },
    });
    const medewerkerNoord = await issuer.bearer('medewerker', ['noord']);
    expect(await verzoek('/v1/meldingen', medewerkerNoord, melding('B-2', '2026-11-20', { buurtteam: 'zuid' }))).toMatchObject({
      status: 403,
      body: { fout: 'u werkt niet voor buurtteam zuid' },
    });
    expect(await verzoek('/v1/teams/zuid/taken', medewerkerNoord)).toMatchObject({
      status: 403,
      body: { fout: 'u werkt niet voor buurtteam zuid' },
    });
    expect((await verzoek('/v1/teams/zuid/taken', beheerder)).status).toBe(403);
    const operator = await issuer.bearer('operator');
    expect((await verzoek('/v1/meldingen/melding-abc/huisbezoeken', operator, {})).status).toBe(403);
    // Roles are taken from the token only: an unknown role counts for nothing.
    expect((await verzoek('/v1/teams/noord/taken', await issuer.bearer('superuser' as never, ['noord']))).status).toBe(403);
  });

  it('answers 503 while the identity provider cannot be reached, and recovers', async () => {
    const poort = await vrijePoort();
    const weg = maakTokenVerifier({
      issuer: `http://127.0.0.1:${poort}`,
      audience: TEST_AUDIENCE,
      claimRollen: 'roles',
      claimBuurtteams: 'buurtteams',
    });
    const app = appZonderTemporal(weg).listen(0);
    const werkvoorraad = (authorization: string, team = 'noord') =>
      fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/v1/teams/${team}/taken`, { headers: { authorization } });
    try {
      const antwoord = await werkvoorraad(await issuer.bearer('medewerker', ['noord']));
      expect(antwoord.status).toBe(503);
      expect(await antwoord.json()).toMatchObject({ fout: 'de identiteitsprovider is niet bereikbaar; probeer het later opnieuw' });
      // The same issuer back at its address: discovery is fetched again and its token passes.
      const terug = await startDevIssuer({
        poort,
        audience: TEST_AUDIENCE,
        claimRollen: 'roles',
        claimBuurtteams: 'buurtteams',
        redirectPrefixen: [],
      });
      const token = await terug.token({ sub: 'mdw-1', rollen: ['medewerker'], buurtteams: ['noord'] });
      const daarna = await werkvoorraad(`Bearer ${token}`, 'zuid');
      await terug.stop();
      expect(await daarna.json()).toMatchObject({ fout: 'u werkt niet voor buurtteam zuid' });
    } finally {
      app.close();
    }
  });

  it('declares the bearer scheme in the OpenAPI document, with itself open', async () => {
    const doc = (await verzoek('/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.oidc).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ oidc: [] }]);
    expect(doc.paths['/openapi.json'].get.security).toEqual([]);
    expect(doc.paths['/meldingen'].post.responses['401']).toBeDefined();
  });
  it('limits requests per client address with 429 and a Dutch message', async () => {
    const streng = appZonderTemporal(issuer.verifier, { verzoekenPerMinuut: 3 }).listen(0);
    try {
      const url = `http://127.0.0.1:${(streng.address() as AddressInfo).port}/v1/teams/zuid/taken`;
      const statussen = [];
      for (let i = 0; i < 4; i++) statussen.push((await fetch(url)).status);
      expect(statussen).toEqual([401, 401, 401, 429]);
      const geweigerd = await fetch(url);
      expect(await geweigerd.json()).toMatchObject({ fout: 'te veel verzoeken; probeer het over een minuut opnieuw' });
      expect(geweigerd.headers.get('ratelimit-policy')).toContain('3;w=60');
    } finally {
      streng.close();
    }
  });

  it('sends security headers, with a CSP that lets the web app reach its issuer and nothing else', async () => {
    for (const pad of ['/health', '/v1/teams/noord/taken', '/app/config.json']) {
      const { headers } = await verzoek(pad);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toContain('max-age=');
      expect(headers.get('x-powered-by')).toBeNull();
      const csp = headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ${issuer.url}`);
      expect(csp).toContain("frame-ancestors 'self'");
    }
  });
});

/**
 * An identity provider of the test's own on loopback (discovery and JWKS over real HTTP), so tokens
 * can be made that the development issuer never issues: without `exp`, or from an issuer whose
 * discovery document names itself but is not the configured one; and a JWKS that is down.
 */
describe('token checks against a loopback identity provider', () => {
  let idp: Server;
  let idpUrl: string;
  let sleutel: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwk: JWK;
  /** What /jwks answers: the key set, an error status, or a broken JSON body. */
  let jwksStand: 'ok' | 'storing' | 'kapot' = 'ok';
  /** Where discovery sends the verifier for keys (a dead port to simulate a JWKS that is down). */
  let jwksUri: () => string;
  let discoveryIssuer: () => string;

  beforeAll(async () => {
    const paar = await generateKeyPair('RS256', { extractable: true });
    sleutel = paar.privateKey;
    jwk = { ...(await exportJWK(paar.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const app = express();
    app.get('/.well-known/openid-configuration', (_req, res) => {
      res.json({ issuer: discoveryIssuer(), jwks_uri: jwksUri() });
    });
    app.get('/jwks', (_req, res) => {
      if (jwksStand === 'storing') res.status(502).send('bad gateway');
      else if (jwksStand === 'kapot') res.type('json').send('{"keys": [');
      else res.json({ keys: [jwk] });
    });
    idp = app.listen(0, '127.0.0.1');
    await new Promise((r) => idp.once('listening', r));
    idpUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    idp?.close();
  });

  /** A fresh verifier (no cached keys) and API for each case, the discovery document as given. */
  async function metApi<T>(
    opzet: { jwksUri?: string; discoveryIssuer?: string },
    doe: (werkvoorraad: (token: string) => Promise<{ status: number; body: unknown }>) => Promise<T>,
  ): Promise<T> {
    jwksUri = () => opzet.jwksUri ?? `${idpUrl}/jwks`;
    discoveryIssuer = () => opzet.discoveryIssuer ?? idpUrl;
    const verifier = maakTokenVerifier({ issuer: idpUrl, audience: TEST_AUDIENCE, claimRollen: 'roles', claimBuurtteams: 'buurtteams' });
    const api = appZonderTemporal(verifier).listen(0, '127.0.0.1');
    await new Promise((r) => api.once('listening', r));
    try {
      return await doe(async (token) => {
        const antwoord = await fetch(`http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/teams/zuid/taken`, {
          headers: { authorization: `Bearer ${token}` },
        });
        // The Dutch message of the problem details is what these cases differ in.
        return { status: antwoord.status, body: { fout: ((await antwoord.json()) as { fout: string }).fout } };
      });
    } finally {
      api.close();
    }
  }

  /** A token signed with the provider's key; `exp` one hour ahead unless `zonderExp`. */
  async function token(opties: { iss?: string; zonderExp?: boolean } = {}): Promise<string> {
    const jwt = new SignJWT({ roles: ['medewerker'], buurtteams: ['noord'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('mdw-1')
      .setIssuer(opties.iss ?? idpUrl)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt();
    return (opties.zonderExp ? jwt : jwt.setExpirationTime('1h')).sign(sleutel);
  }
  const doorgelaten = { status: 403, body: { fout: 'u werkt niet voor buurtteam zuid' } };

  it('requires exp: a token that never expires is refused', async () => {
    await metApi({}, async (werkvoorraad) => {
      expect(await werkvoorraad(await token())).toEqual(doorgelaten);
      expect(await werkvoorraad(await token({ zonderExp: true }))).toEqual({
        status: 401,
        body: { fout: 'token zonder vervaltijd (exp)' },
      });
    });
  });

  it('compares iss with the configured OIDC_ISSUER, not with what discovery says', async () => {
    const ander = 'http://127.0.0.1:9/realms/ander';
    await metApi({ discoveryIssuer: ander }, async (werkvoorraad) => {
      expect(await werkvoorraad(await token({ iss: ander }))).toEqual({
        status: 401,
        body: { fout: 'token is niet door de ingestelde issuer uitgegeven' },
      });
      expect(await werkvoorraad(await token())).toEqual(doorgelaten);
    });
  });

  it('answers 503, not 401, while the JWKS cannot be fetched, and recovers', async () => {
    const onbereikbaar = { status: 503, body: { fout: 'de identiteitsprovider is niet bereikbaar; probeer het later opnieuw' } };
    await metApi({ jwksUri: `http://127.0.0.1:${await vrijePoort()}/jwks` }, async (werkvoorraad) => {
      expect(await werkvoorraad(await token())).toEqual(onbereikbaar);
    });
    for (const stand of ['storing', 'kapot'] as const) {
      jwksStand = stand;
      await metApi({}, async (werkvoorraad) => {
        expect({ stand, ...(await werkvoorraad(await token())) }).toEqual({ stand, ...onbereikbaar });
        jwksStand = 'ok';
        expect(await werkvoorraad(await token())).toEqual(doorgelaten);
      });
    }
    // A key that is not in a key set that could be fetched is the token's fault.
    await metApi({}, async (werkvoorraad) => {
      const vreemdeSleutel = (await generateKeyPair('RS256')).privateKey;
      const vals = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k2' })
        .setSubject('x')
        .setIssuer(idpUrl)
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime('1h')
        .sign(vreemdeSleutel);
      expect(await werkvoorraad(vals)).toEqual({ status: 401, body: { fout: 'ondertekening van het token is ongeldig' } });
    });
  });
});
