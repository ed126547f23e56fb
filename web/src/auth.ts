/**
 * Sign-in with OIDC authorization code + PKCE (S256) against the issuer from /app/config.json.
 * The access token lives in sessionStorage only: closing the tab signs out.
 */

export interface AppConfig {
  issuer: string;
  clientId: string;
  /** VIER_OGEN as the API applies it; absent means on. */
  vierOgen?: boolean;
  /** The Temporal UI whose codec session the operator's page opens (api/webapp.ts). */
  temporalUi?: string;
}

interface OidcMetadata {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

interface Sessie {
  accessToken: string;
  idToken?: string;
  /** Epoch milliseconds after which the token is no longer used. */
  verloopt: number;
}

interface LopendeAanmelding {
  verifier: string;
  state: string;
  terugNaar: string;
}

const SESSIE = 'schuldhulp.sessie';
const LOPEND = 'schuldhulp.aanmelding';
export const CALLBACK_PAD = '/app/callback';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const willekeurig = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function metadata(config: AppConfig): Promise<OidcMetadata> {
  const antwoord = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!antwoord.ok) throw new Error(`aanmeldserver niet bereikbaar (${antwoord.status})`);
  return (await antwoord.json()) as OidcMetadata;
}

const redirectUri = () => `${location.origin}${CALLBACK_PAD}`;

/** Sends the browser to the issuer; it comes back at CALLBACK_PAD. */
export async function aanmelden(config: AppConfig, terugNaar: string): Promise<void> {
  const meta = await metadata(config);
  const lopend: LopendeAanmelding = { verifier: willekeurig(32), state: willekeurig(16), terugNaar };
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lopend.verifier))));
  sessionStorage.setItem(LOPEND, JSON.stringify(lopend));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: lopend.state,
  }).toString();
  location.assign(url.toString());
}

/** Exchanges the code from the issuer's redirect for tokens; returns the page to go back to. */
export async function verwerkTerugkeer(config: AppConfig): Promise<string> {
  const params = new URLSearchParams(location.search);
  const lopend = JSON.parse(sessionStorage.getItem(LOPEND) ?? 'null') as LopendeAanmelding | null;
  sessionStorage.removeItem(LOPEND);
  if (params.get('error')) throw new Error(`aanmelden geweigerd: ${params.get('error_description') ?? params.get('error')}`);
  if (!lopend || params.get('state') !== lopend.state) throw new Error('aanmelding onbekend of verlopen; meld opnieuw aan');
  const meta = await metadata(config);
  const antwoord = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: lopend.verifier,
    }),
  });
  if (!antwoord.ok) throw new Error(`aanmelden mislukt (${antwoord.status})`);
  const tokens = (await antwoord.json()) as { access_token: string; id_token?: string; expires_in?: number };
  const sessie: Sessie = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    // A minute's margin so a request never leaves with a token that expires on the way.
    verloopt: Date.now() + ((tokens.expires_in ?? 300) - 60) * 1000,
  };
  sessionStorage.setItem(SESSIE, JSON.stringify(sessie));
  return lopend.terugNaar;
}

/** The current access token, or undefined when the user must sign in (again). */
export function accessToken(): string | undefined {
  const sessie = JSON.parse(sessionStorage.getItem(SESSIE) ?? 'null') as Sessie | null;
  return sessie && sessie.verloopt > Date.now() ? sessie.accessToken : undefined;
}

export async function afmelden(config: AppConfig): Promise<void> {
  const sessie = JSON.parse(sessionStorage.getItem(SESSIE) ?? 'null') as Sessie | null;
  sessionStorage.removeItem(SESSIE);
  const meta = await metadata(config).catch(() => undefined);
  if (meta?.end_session_endpoint && sessie?.idToken) {
    const url = new URL(meta.end_session_endpoint);
    url.search = new URLSearchParams({ id_token_hint: sessie.idToken, post_logout_redirect_uri: `${location.origin}/app/` }).toString();
    location.assign(url.toString());
  } else {
    location.assign('/app/afgemeld');
  }
}
