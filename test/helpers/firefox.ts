import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's firefox-esr, installed by scripts/install.sh --tests; nothing is downloaded. */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Firefox over WebDriver BiDi with puppeteer-core. Playwright's own Firefox is a patched build
 * (a download); its BiDi mode needs emulation.setMediaFeaturesOverride, which Firefox ESR lacks.
 */
export function startFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Dutch and Amsterdam time, as in the chromium tests (date fields, the app's own formatting).
    extraPrefsFirefox: { 'intl.accept_languages': 'nl-NL, nl', 'intl.locale.requested': 'nl-NL' },
    env: { ...process.env, TZ: 'Europe/Amsterdam' },
  });
}

/** A fresh private session in `browser`, signed in through the issuer's login page as `gebruiker`. */
export async function aangemeldInFirefox(browser: Browser, basis: string, gebruiker: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${basis}/app/`);
  // The development issuer's page: one form per development user, named by its hidden sub.
  await Promise.all([page.waitForNavigation(), page.locator(`form:has(input[name="sub"][value="${gebruiker}"]) button`).click()]);
  await page.waitForSelector('h1::-p-text(Werkvoorraad)');
  return page;
}
