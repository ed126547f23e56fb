import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { logJson } from '../../common/jsonLog';
import { HttpFout } from '../fouten';
import { TokenGeheugen } from './tokenGeheugen';

/** Roles the service knows; any other value in the token's role claim is ignored. */
export const ROLLEN = ['medewerker', 'teamleider', 'operator', 'beheerder'] as const;
export type Rol = (typeof ROLLEN)[number];

/** The verified caller, as route handlers see it (`res.locals.gebruiker`). */
export interface Gebruiker {
  sub: string;
  rollen: Rol[];
  buurtteams: string[];
}

export interface TokenVerifierOpties {
  issuer: string;
  audience: string;
  /** Claim names; a dotted name reads a nested claim (Keycloak's `realm_access.roles`). */
  claimRollen: string;
  claimBuurtteams: string;
}

/** Verifies a bearer token and returns its caller; throws HttpFout 401 (bad token) or 503 (issuer unreachable). */
export type TokenVerifier = ((token: string) => Promise<Gebruiker>) & { issuer: string };

interface Discovery {
  jwks_uri: string;
}

/** Reads a claim by a dotted name; a single string counts as a list of one. */
export function claimLijst(payload: JWTPayload, naam: string): string[] {
  let waarde: unknown = payload;
  for (const deel of naam.split('.')) waarde = waarde && typeof waarde === 'object' ? (waarde as Record<string, unknown>)[deel] : undefined;
  if (typeof waarde === 'string') return [waarde];
  return Array.isArray(waarde) ? waarde.filter((w): w is string => typeof w === 'string') : [];
}

/**
 * One verifier for the API and the codec server: keys from the JWKS named in the issuer's discovery
 * document, and the checks of issuer (the configured one), audience and expiry (required).
 * Discovery is fetched at first use, so the service starts while the issuer is still coming up; a
 * failed fetch is retried next time.
 */
export function maakTokenVerifier(opties: TokenVerifierOpties): TokenVerifier {
  const geheugen = new TokenGeheugen();
  const discoveryUrl = `${opties.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let sleutels: Promise<JWTVerifyGetKey> | undefined;
  const laadSleutels = async () => {
    const antwoord = await fetch(discoveryUrl, { signal: AbortSignal.timeout(5000) });
    if (!antwoord.ok) throw new Error(`discovery ${discoveryUrl}: HTTP ${antwoord.status}`);
    const discovery = (await antwoord.json()) as Discovery;
    return sleutelsOfOnbereikbaar(createRemoteJWKSet(new URL(discovery.jwks_uri)));
  };
  const onbereikbaar = (fout: unknown) => {
    sleutels = undefined;
    logJson('ERROR', 'identiteitsprovider niet bereikbaar', { fout, discovery: discoveryUrl });
    return new HttpFout(503, 'de identiteitsprovider is niet bereikbaar; probeer het later opnieuw');
  };

  const verifieer = async (token: string): Promise<Gebruiker> => {
    const bekend = geheugen.haal(token);
    if (bekend) return bekend;
    sleutels ??= laadSleutels();
    let jwks;
    try {
      jwks = await sleutels;
    } catch (fout) {
      throw onbereikbaar(fout);
    }
    try {
      // The issuer is the configured one (OIDC_ISSUER), not whatever its discovery document claims.
      const { payload } = await jwtVerify(token, jwks, { issuer: opties.issuer, audience: opties.audience, requiredClaims: ['exp'] });
      if (!payload.sub) throw new HttpFout(401, 'token zonder gebruiker (sub)');
      const rollen = claimLijst(payload, opties.claimRollen).filter((r): r is Rol => (ROLLEN as readonly string[]).includes(r));
      const gebruiker = { sub: payload.sub, rollen, buurtteams: claimLijst(payload, opties.claimBuurtteams) };
      geheugen.bewaar(token, gebruiker, payload.exp);
      return gebruiker;
    } catch (fout) {
      if (fout instanceof JwksOnbereikbaar) throw onbereikbaar(fout.cause);
      throw new HttpFout(401, waaromGeweigerd(fout));
    }
  };
  return Object.assign(verifieer, { issuer: opties.issuer });
}

/** The key set could not be fetched: the issuer's fault, not the token's. */
class JwksOnbereikbaar extends Error {}

/**
 * The remote key set, with a failed fetch (down, timeout, not 200, not a key set) told apart from a
 * token whose key is not in the set: the first answers 503, the second 401.
 */
function sleutelsOfOnbereikbaar(jwks: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (fout) {
      const ophalen =
        fout instanceof errors.JWKSTimeout ||
        fout instanceof errors.JWKSInvalid ||
        (fout instanceof errors.JOSEError && fout.code === 'ERR_JOSE_GENERIC') ||
        (fout instanceof TypeError && fout.message === 'fetch failed');
      throw ophalen ? new JwksOnbereikbaar('JWKS niet op te halen', { cause: fout }) : fout;
    }
  };
}

function waaromGeweigerd(fout: unknown): string {
  if (fout instanceof HttpFout) return fout.message;
  if (fout instanceof errors.JWTExpired) return 'token is verlopen';
  if (fout instanceof errors.JWTClaimValidationFailed && fout.claim === 'exp') return 'token zonder vervaltijd (exp)';
  if (fout instanceof errors.JWTClaimValidationFailed && fout.claim === 'aud') return 'token is niet voor deze dienst bedoeld (audience)';
  if (fout instanceof errors.JWTClaimValidationFailed && fout.claim === 'iss') return 'token is niet door de ingestelde issuer uitgegeven';
  if (fout instanceof errors.JWSSignatureVerificationFailed || fout instanceof errors.JWKSNoMatchingKey)
    return 'ondertekening van het token is ongeldig';
  return 'token is ongeldig';
}
