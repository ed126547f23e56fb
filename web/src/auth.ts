import { UserManager, WebStorageStateStore, type SigninSilentArgs, type User } from 'oidc-client-ts';

/**
 * Sign-in with oidc-client-ts: authorization code + PKCE (S256) against the issuer from
 * /app/config.json, access tokens renewed with the issuer's rotating refresh tokens.
 *
 * Tokens live in sessionStorage (per tab; closing the tab signs out), not localStorage (would outlive
 * the tab and be shared by every tab) nor memory only (every reload would go past the issuer). What
 * limits a stolen refresh token: the CSP allows scripts from the app's own origin only, the issuer
 * rotates it and refuses a reused one, and sign-out revokes it.
 */

export interface AppConfig {
  issuer: string;
  clientId: string;
  /** VIER_OGEN as the API applies it; absent means on. */
  vierOgen?: boolean;
  /** The Temporal UI whose codec session the operator's page opens (api/webapp.ts). */
  temporalUi?: string;
}

export const CALLBACK_PAD = '/app/callback';
export const AFGEMELD_PAD = '/app/afgemeld';

/**
 * The automatic renewal and a request that finds its token expired (a tab woken from sleep) may ask
 * at once; with rotation the second would present a spent refresh token and lose the sign-in. So
 * one renewal at a time, and whoever asks meanwhile gets its outcome.
 */
class EenVernieuwing extends UserManager {
  private lopend?: Promise<User | null>;

  override signinSilent(args?: SigninSilentArgs): Promise<User | null> {
    this.lopend ??= super.signinSilent(args).finally(() => (this.lopend = undefined));
    return this.lopend;
  }
}

let aanmeldbeheer: UserManager | undefined;

/** Called once at start, before any other function here. */
export function startAanmelding(config: AppConfig): void {
  aanmeldbeheer = new EenVernieuwing({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PAD}`,
    post_logout_redirect_uri: `${location.origin}/app/`,
    response_type: 'code',
    // No offline_access: an offline token would outlive the sign-in at the issuer and its sign-out.
    scope: 'openid profile',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    // The PKCE verifier of a sign-in under way, too (the library's default is localStorage).
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    revokeTokenTypes: ['refresh_token'],
    revokeTokensOnSignout: true,
  });
}

function aanmelding(): UserManager {
  if (!aanmeldbeheer) throw new Error('startAanmelding is niet aangeroepen');
  return aanmeldbeheer;
}

/** Sends the browser to the issuer; it comes back at CALLBACK_PAD. */
export async function aanmelden(terugNaar: string): Promise<void> {
  await aanmelding().signinRedirect({ state: terugNaar });
}

/** Exchanges the code from the issuer's redirect for tokens; returns the page to go back to. */
export async function verwerkTerugkeer(): Promise<string> {
  const params = new URLSearchParams(location.search);
  if (params.get('error')) throw new Error(`aanmelden geweigerd: ${params.get('error_description') ?? params.get('error')}`);
  const gebruiker = await aanmelding()
    .signinRedirectCallback()
    .catch((fout: Error) => {
      throw new Error(`aanmelding onbekend, verlopen of mislukt; meld opnieuw aan (${fout.message})`);
    });
  return typeof gebruiker.state === 'string' && gebruiker.state.startsWith('/app/') ? gebruiker.state : '/app/';
}

/** A new access token with the refresh token, or undefined when the user must sign in again. */
export async function vernieuwdeToken(): Promise<string | undefined> {
  return (
    await aanmelding()
      .signinSilent()
      .catch(() => null)
  )?.access_token;
}

/** The current access token (renewed when it expired), or undefined when the user must sign in (again). */
export async function accessToken(): Promise<string | undefined> {
  const gebruiker = await aanmelding().getUser();
  if (!gebruiker) return undefined;
  return gebruiker.expired ? vernieuwdeToken() : gebruiker.access_token;
}

/** Revokes the refresh token, then ends the issuer's session where it has one. */
export async function afmelden(): Promise<void> {
  const beheer = aanmelding();
  const eindeSessie = await beheer.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (eindeSessie) return beheer.signoutRedirect();
  await beheer.revokeTokens().catch(() => undefined);
  await beheer.removeUser();
  location.assign(AFGEMELD_PAD);
}
