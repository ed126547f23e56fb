import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_CLIENT_ID } from '../api/auth/devIssuer';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { startWebappOmgeving, type WebappOmgeving } from './helpers/webappOmgeving';

const LEVENSDUUR_S = 5;

/**
 * The web app with access tokens of 5 seconds (issue 22): oidc-client-ts renews them with the
 * issuer's rotating refresh tokens, so a medewerker keeps working past their lifetime and is not
 * sent back to the login.
 */
describe('web app with short access tokens', () => {
  let o: WebappOmgeving;

  beforeAll(async () => {
    o = await startWebappOmgeving({ accessTokenSeconden: LEVENSDUUR_S });
  });
  afterAll(async () => {
    await o?.stop();
  });

  /** The tokens oidc-client-ts keeps for this tab. */
  const opgeslagen = async (page: Page) =>
    JSON.parse((await page.evaluate(`sessionStorage.getItem('oidc.user:${o.issuer.url}:${WEB_CLIENT_ID}')`)) as string) as {
      access_token: string;
      refresh_token: string;
    };

  /** Records what the tab does from now on: its visits to the issuer, its token grants and its API calls. */
  function volg(page: Page) {
    const log = { naarIssuer: [] as string[], grants: [] as string[], api: [] as { status: number; token: string }[] };
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(o.issuer.url)) log.naarIssuer.push(frame.url());
    });
    page.on('request', (verzoek) => {
      if (verzoek.url() === `${o.issuer.url}/token`) log.grants.push(new URLSearchParams(verzoek.postData() ?? '').get('grant_type')!);
    });
    page.on('response', (antwoord) => {
      if (!new URL(antwoord.url()).pathname.startsWith('/v1/')) return;
      const token =
        antwoord
          .request()
          .headers()
          .authorization?.replace(/^Bearer /, '') ?? '';
      log.api.push({ status: antwoord.status(), token });
    });
    return log;
  }

  const wacht = (page: Page) => page.waitForTimeout((LEVENSDUUR_S + 2) * 1000);

  it('a medewerker signs in, waits past the token lifetime and registers a melding with a renewed token', async () => {
    const page = await o.aangemeld('mdw-0007');
    const bijAanmelden = await opgeslagen(page);
    expect(bijAanmelden.refresh_token).toBeTruthy();
    const log = volg(page);
    await wacht(page);
    expect(decodeJwt(bijAanmelden.access_token).exp! * 1000).toBeLessThan(Date.now());

    await page.getByRole('link', { name: 'Nieuwe melding' }).first().click();
    const nieuw = page.locator('form#nieuwe-melding');
    await nieuw.getByLabel('Naam schuldeiser').fill('Ymere');
    await nieuw.getByLabel('Referentie van de schuldeiser').fill(`YM-V-${Date.now()}`);
    await nieuw.getByLabel('Achterstand in euro').fill('900');
    await nieuw.getByLabel('Achterstand in maanden').fill('2');
    await nieuw.getByLabel('Melddatum').fill(plusDagen(amsterdamDatum(new Date()), -3));
    await nieuw.getByLabel('Naam bewoner').fill('C. de Wit');
    await nieuw.getByLabel('Straat').fill('Osdorpplein');
    await nieuw.getByLabel('Huisnummer').fill('40');
    await nieuw.getByLabel('Postcode').fill('1068 EW');
    await nieuw.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(/\/app\/meldingen\/melding-/);
    await page.getByRole('heading', { name: 'Te bezoeken adres', exact: true }).waitFor();

    // Every API call after the first token expired was accepted, each with a token renewed since.
    expect(log.api.length).toBeGreaterThanOrEqual(2);
    for (const { status, token } of log.api) {
      expect(status).toBeLessThan(400);
      expect(token).not.toBe(bijAanmelden.access_token);
      expect(decodeJwt(token)).toMatchObject({ sub: 'mdw-0007', exp: expect.any(Number) });
      expect(decodeJwt(token).exp!).toBeGreaterThan(decodeJwt(bijAanmelden.access_token).exp!);
    }
    // Renewed with refresh tokens, never through the login page; each refresh token was spent once.
    expect(log.grants.length).toBeGreaterThan(0);
    expect(new Set(log.grants)).toEqual(new Set(['refresh_token']));
    expect(log.naarIssuer).toEqual([]);
    expect((await opgeslagen(page)).refresh_token).not.toBe(bijAanmelden.refresh_token);
    await page.context().close();
  });

  it('a tab that comes back after its token expired renews it on the first request, without the login', async () => {
    const page = await o.aangemeld('mdw-0007');
    const bijAanmelden = await opgeslagen(page);
    // Away from the app (no timers run for it), back when the access token has expired.
    await page.goto('about:blank');
    await wacht(page);
    const log = volg(page);
    await page.goto(`${o.basis}/app/`);
    await page.getByRole('heading', { level: 1, name: /Werkvoorraad/ }).waitFor();
    expect(page.url()).toBe(`${o.basis}/app/`);
    expect(log.naarIssuer).toEqual([]);
    expect(log.grants[0]).toBe('refresh_token');
    expect(log.api.length).toBeGreaterThan(0);
    for (const { status, token } of log.api) {
      expect(status).toBeLessThan(400);
      expect(token).not.toBe(bijAanmelden.access_token);
    }
    await page.context().close();
  });
});
