import { startDevIssuer, type DevIssuer, type DevIssuerOpties, type TokenOpties } from '../../api/auth/devIssuer';
import { maakTokenVerifier, type Gebruiker, type Rol, type TokenVerifier } from '../../api/auth/tokenVerifier';

export const TEST_AUDIENCE = 'schuldhulp-api-test';

/** The web client's token lifetimes at the test issuer (short ones let tokens expire during a browser test). */
export type TokenLevensduur = Pick<DevIssuerOpties, 'accessTokenSeconden' | 'refreshTokenSeconden'>;

export interface TestIssuer extends DevIssuer {
  verifier: TokenVerifier;
  /** Authorization header value for a user with these roles and teams. */
  bearer(rollen: Rol | Rol[], buurtteams?: string[], opties?: TokenOpties & { sub?: string }): Promise<string>;
}

/**
 * A real issuer over HTTP on loopback (the development issuer with a fresh key) and the API's
 * verifier pointed at it: tests send real signed tokens, the API fetches discovery and JWKS.
 */
export async function startTestIssuer(redirectPrefixen: string[] = [], levensduur: TokenLevensduur = {}, poort = 0): Promise<TestIssuer> {
  const issuer = await startDevIssuer({
    ...levensduur,
    poort,
    audience: TEST_AUDIENCE,
    claimRollen: 'roles',
    claimBuurtteams: 'buurtteams',
    redirectPrefixen,
  });
  const verifier = maakTokenVerifier({ issuer: issuer.url, audience: TEST_AUDIENCE, claimRollen: 'roles', claimBuurtteams: 'buurtteams' });
  return {
    ...issuer,
    verifier,
    async bearer(rollen, buurtteams = [], opties = {}) {
      const lijst = Array.isArray(rollen) ? rollen : [rollen];
      const gebruiker: Gebruiker = { sub: opties.sub ?? `test-${lijst[0]}`, rollen: lijst, buurtteams };
      return `Bearer ${await issuer.token(gebruiker, opties)}`;
    },
  };
}

/** Authorization header from the development issuer of a running `npm start` or api/main.ts, the way the README gets one for curl. */
export async function devBearer(issuerUrl: string, rol: Rol, buurtteams: string[] = []): Promise<string> {
  const antwoord = await fetch(`${issuerUrl}/dev/token?rol=${rol}&buurtteams=${buurtteams.join(',')}`);
  if (!antwoord.ok) throw new Error(`dev-token: HTTP ${antwoord.status}`);
  return `Bearer ${await antwoord.text()}`;
}
