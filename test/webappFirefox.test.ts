import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, isWerkdag, plusDagen } from '../common/kalender';
import { toegankelijkheidsfouten } from './helpers/browser';
import { aangemeldInFirefox, startFirefox } from './helpers/firefox';
import { testBsn } from './helpers/invoer';
import { startWebappDienst, type WebappDienst } from './helpers/webappOmgeving';

/**
 * The web app in Debian's firefox-esr (WebDriver BiDi through puppeteer-core) against the real
 * stack: sign-in, werkvoorraad, the new-melding form with an API error at its field, a visit on
 * the melding page, a new aanmelding and the teamleider's overzicht; axe-core on every page.
 */
describe('web app in firefox', () => {
  let dienst: WebappDienst;
  let firefox: Browser;
  const vandaag = amsterdamDatum(new Date());

  beforeAll(async () => {
    [dienst, firefox] = await Promise.all([startWebappDienst(), startFirefox()]);
  });
  afterAll(async () => {
    await firefox?.close();
    await dienst?.stop();
  });

  async function toegankelijk(page: Page) {
    expect(await toegankelijkheidsfouten(page), `axe op ${page.url()}`).toEqual([]);
  }
  const tekstVan = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');
  /** Follows an in-app link (the header's own link; the menu's copy is folded away). */
  const volg = (page: Page, href: string) => page.locator(`main a[href="${href}"], header a[href="${href}"]`).click();

  it('a medewerker signs in, registers a melding (a wrong postcode is marked at its field) and records a visit', async () => {
    const page = await aangemeldInFirefox(firefox, dienst.basis, 'mdw-0007');
    expect(await firefox.version()).toMatch(/^firefox\//);
    await page.waitForSelector('::-p-text(Open taken)');
    await toegankelijk(page);

    await volg(page, '/app/nieuw/melding');
    const veld = (pad: string) => `form#nieuwe-melding [name="${pad}"]`;
    await page.locator(veld('schuldeiser.naam')).fill('Ymere');
    await page.locator(veld('referentie')).fill(`YM-FF-${Date.now()}`);
    await page.locator(veld('achterstand.bedragCent')).fill('1840');
    await page.locator(veld('achterstand.maanden')).fill('2');
    await page.locator(veld('meldDatum')).fill(plusDagen(vandaag, -14));
    await page.locator(veld('client.naam')).fill('B. Bakker');
    await page.locator(veld('client.adres.straat')).fill('Osdorpplein');
    await page.locator(veld('client.adres.huisnummer')).fill('12-3');
    await page.locator(veld('client.adres.postcode')).fill('1068');
    await page.locator('form#nieuwe-melding button[type="submit"]').click();
    await page.waitForSelector('#nieuwe-melding-client-adres-postcode-fout');
    expect(await tekstVan(page, '#nieuwe-melding-client-adres-postcode-fout')).toContain('verwacht een postcode als 1234 AB');
    expect(await page.$eval(veld('client.adres.postcode'), (e) => e.getAttribute('aria-invalid'))).toBe('true');
    await toegankelijk(page);

    await page.locator(veld('client.adres.postcode')).fill('1068 EW');
    await page.locator('form#nieuwe-melding button[type="submit"]').click();
    await page.waitForSelector('h2::-p-text(Te bezoeken adres)');
    expect(page.url()).toMatch(/\/app\/meldingen\/melding-/);
    expect(await tekstVan(page, 'address')).toContain('Osdorpplein 12-3');
    await toegankelijk(page);

    let dag = plusDagen(vandaag, -10);
    while (!isWerkdag(dag)) dag = plusDagen(dag, 1);
    await page.locator('form#huisbezoek [name="tijdstip"]').fill(`${dag}T14:00`);
    await page.locator('form#huisbezoek [name="uitkomst"]').fill('niet-thuis');
    await page.locator('form#huisbezoek button[type="submit"]').click();
    // The visit log gets its row when the update's answer is in (the visit kind said "in de avond" before too).
    await page.waitForSelector('section[aria-labelledby="bezoeken-kop"] td::-p-text(niet thuis)');
    expect(await tekstVan(page, '[data-testid="soort-bezoek"]')).toContain('Dit bezoek moet in de avond (vanaf 18:00) of in het weekend');
    await toegankelijk(page);
    await page.browserContext().close();
  });

  it('a medewerker registers an aanmelding and sees the traject; a teamleider opens the overzicht', async () => {
    const page = await aangemeldInFirefox(firefox, dienst.basis, 'mdw-0007');
    await volg(page, '/app/nieuw/aanmelding');
    await page.locator('form#nieuwe-aanmelding [name="client.naam"]').fill('A. de Vries');
    await page.locator('form#nieuwe-aanmelding [name="client.bsn"]').fill(testBsn(951));
    // Consent is asked, never presumed: both answers are chosen.
    await page.select('form#nieuwe-aanmelding [name="toestemming.vastleggen"]', 'ja');
    await page.select('form#nieuwe-aanmelding [name="toestemming.delen"]', 'nee');
    await page.locator('form#nieuwe-aanmelding button[type="submit"]').click();
    await page.waitForSelector('[data-testid="termijn-resterend"]');
    expect(await tekstVan(page, '[data-testid="termijn-resterend"]')).toMatch(/^nog \d+ dagen$/);
    await toegankelijk(page);
    await page.browserContext().close();

    const teamleider = await aangemeldInFirefox(firefox, dienst.basis, 'tl-0001');
    await volg(teamleider, '/app/overzicht');
    await teamleider.waitForSelector('h2::-p-text(Zaken per fase)');
    await toegankelijk(teamleider);
    await teamleider.browserContext().close();
  });
});
