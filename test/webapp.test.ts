import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { WEB_CLIENT_ID } from '../api/auth/devIssuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, isWerkdag, plusDagen, plusMaanden } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { toegankelijkheidsfouten } from './helpers/browser';
import { ONGELDIG_BSN, planVersie, testBsn } from './helpers/invoer';
import { startWebappOmgeving, type WebappOmgeving } from './helpers/webappOmgeving';

/**
 * The web app in a real browser (Debian's chromium through playwright-core) against the real dev
 * server, worker, API and development issuer: what a medewerker and a teamleider do in a day.
 */
describe('web app in chromium', () => {
  let o: WebappOmgeving;
  const vandaag = amsterdamDatum(new Date());

  beforeAll(async () => {
    o = await startWebappOmgeving();
  });
  afterAll(async () => {
    await o?.stop();
  });

  /** Zero WCAG 2.1 A/AA violations on the page as it is now. */
  async function toegankelijk(page: Page) {
    expect(await toegankelijkheidsfouten(page), `axe op ${page.url()}`).toEqual([]);
  }
  const formulier = (page: Page, id: string) => page.locator(`form#${id}`);

  it('a medewerker signs in, registers a melding and works it from visits to hand-over', async () => {
    const page = await o.aangemeld('mdw-0007');
    await toegankelijk(page);
    // Only what the role allows: a medewerker has no teamleider overzicht.
    await expect(page.getByRole('link', { name: 'Overzicht' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Nieuwe melding' }).first().click();
    const nieuw = formulier(page, 'nieuwe-melding');
    await nieuw.getByLabel('Naam schuldeiser').fill('Ymere');
    await nieuw.getByLabel('Referentie van de schuldeiser').fill(`YM-${Date.now()}`);
    await nieuw.getByLabel('Achterstand in euro').fill('1840');
    await nieuw.getByLabel('Achterstand in maanden').fill('2');
    const meldDatum = plusDagen(vandaag, -14);
    await nieuw.getByLabel('Melddatum').fill(meldDatum);
    await nieuw.getByLabel('Naam bewoner').fill('B. Bakker');
    await nieuw.getByLabel('Huisnummer').fill('12-3');
    await nieuw.getByLabel('Postcode').fill('1068');
    await nieuw.getByRole('button', { name: 'Melding registreren' }).click();
    // The API's field paths land at their fields, and in the summary on top, in plain words.
    const postcodeFout = page.locator('#nieuwe-melding-client-adres-postcode-fout');
    await expect(postcodeFout.textContent()).resolves.toContain('verwacht een postcode als 1234 AB');
    await expect(page.getByRole('link', { name: /Postcode: verwacht een postcode/ }).count()).resolves.toBe(1);
    const straatFout = await page.locator('#nieuwe-melding-client-adres-straat-fout').textContent();
    expect(straatFout).toContain('Vul de straat in');
    expect(straatFout).not.toContain('verplicht');
    await expect(page.getByRole('link', { name: 'Vul de straat in' }).count()).resolves.toBe(1);
    await toegankelijk(page);

    await nieuw.getByLabel('Straat').fill('Osdorpplein');
    await nieuw.getByLabel('Postcode').fill('1068 EW');
    await nieuw.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(/\/app\/meldingen\/melding-/);
    await page.getByRole('heading', { name: 'Te bezoeken adres', exact: true }).waitFor();
    await expect(page.locator('address').textContent()).resolves.toContain('Osdorpplein 12-3');
    await toegankelijk(page);

    // First visit on a weekday afternoon: nobody home, so the next one must be evening or weekend.
    let dag = plusDagen(vandaag, -10);
    while (!isWerkdag(dag)) dag = plusDagen(dag, 1);
    const bezoek = formulier(page, 'huisbezoek');
    await bezoek.getByLabel('Tijdstip van het bezoek').fill(`${dag}T14:00`);
    await bezoek.getByLabel('Uitkomst').selectOption('niet-thuis');
    await bezoek.getByRole('button', { name: 'Huisbezoek registreren' }).click();
    await page.getByTestId('soort-bezoek').getByText('Dit bezoek moet in de avond (vanaf 18:00) of in het weekend').waitFor();
    await page.getByRole('cell', { name: 'niet thuis' }).waitFor();

    await bezoek.getByLabel('Tijdstip van het bezoek').fill(`${plusDagen(vandaag, -1)}T19:30`);
    await bezoek.getByLabel('Uitkomst').selectOption('bereikt');
    await bezoek.getByRole('button', { name: 'Huisbezoek registreren' }).click();
    await page.getByRole('heading', { name: 'Begeleiding', exact: true }).waitFor();
    await expect(page.getByText('avond/weekend').count()).resolves.toBe(1);
    await expect(formulier(page, 'huisbezoek').count()).resolves.toBe(0);

    const stap = formulier(page, 'stap');
    await expect(stap.locator('select[name="stap"] option').allTextContents()).resolves.toEqual(['Oriënterend budgetgesprek']);
    await stap.getByRole('button', { name: 'Stap registreren' }).click();
    await page.getByText(/afgerond op/).waitFor();
    await toegankelijk(page);

    await page.getByText('Overdragen aan een schuldhulptraject').click();
    const overdracht = formulier(page, 'overdracht');
    await overdracht.getByLabel('BSN cliënt').fill(testBsn(901));
    await overdracht.getByLabel('Toestemming om gegevens vast te leggen').selectOption('ja');
    await overdracht.getByLabel('Toestemming om gegevens te delen').selectOption('nee');
    await overdracht.getByRole('button', { name: 'Overdragen' }).click();
    await page.getByRole('link', { name: 'Naar het traject' }).click();
    await page.waitForURL(/\/app\/trajecten\/traject-melding-/);
    await page.getByRole('heading', { name: 'Beschikkingstermijn', exact: true }).waitFor();
    await expect(page.getByText('een Vroeg Eropaf-melding').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('signs out: the refresh token is revoked at the issuer, the tab forgets its tokens, and Aanmelden leads to the login', async () => {
    const page = await o.aangemeld('mdw-0007');
    const sleutel = `sessionStorage.getItem('oidc.user:${o.issuer.url}:${WEB_CLIENT_ID}')`;
    const { refresh_token } = JSON.parse((await page.evaluate(sleutel)) as string) as { refresh_token: string };
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'U bent afgemeld' }).waitFor();
    expect(page.url()).toBe(`${o.basis}/app/afgemeld`);
    expect(await page.evaluate(sleutel)).toBeNull();
    const ververs = await fetch(`${o.issuer.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token, client_id: WEB_CLIENT_ID }),
    });
    expect(await ververs.json()).toEqual({ error: 'invalid_grant', error_description: 'refresh_token onbekend of ingetrokken' });
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('button', { name: /^mdw-0007:/ }).waitFor();
    expect(page.url().startsWith(`${o.issuer.url}/authorize?`)).toBe(true);
    await page.context().close();
  });

  it('a medewerker registers an aanmelding, takes it to stabilisatie, records the ZRM, a minimaatwerk spend and the ondersteuningsplan; the teamleider gives the beschikking and moves it to schuldregeling', async () => {
    const page = await o.aangemeld('mdw-0007');
    await page.getByRole('link', { name: 'Nieuwe aanmelding' }).first().click();
    const nieuw = formulier(page, 'nieuwe-aanmelding');
    await nieuw.getByLabel('Naam cliënt').fill('A. de Vries');
    await nieuw.getByLabel('BSN cliënt').fill(ONGELDIG_BSN);
    await nieuw.getByRole('button', { name: 'Aanmelding registreren' }).click();
    await expect(page.locator('#nieuwe-aanmelding-client-bsn-fout').textContent()).resolves.toContain('elfproef');
    await toegankelijk(page);
    await nieuw.getByLabel('BSN cliënt').fill(testBsn(902));
    // Consent is asked, not presumed: nothing is chosen until the medewerker answers.
    await expect(nieuw.getByLabel('Toestemming om gegevens vast te leggen').inputValue()).resolves.toBe('');
    await nieuw.getByLabel('Toestemming om gegevens vast te leggen').selectOption('ja');
    await nieuw.getByLabel('Toestemming om gegevens te delen').selectOption('nee');
    await nieuw.getByRole('button', { name: 'Aanmelding registreren' }).click();
    await page.waitForURL(/\/app\/trajecten\/traject-/);
    await page.getByRole('heading', { name: 'Beschikkingstermijn', exact: true }).waitFor();
    await expect(page.getByTestId('termijn-resterend').textContent()).resolves.toMatch(/^nog \d+ dagen$/);
    await toegankelijk(page);

    const intake = formulier(page, 'intake');
    await intake.getByLabel('Wat').selectOption('gehouden');
    await intake.getByLabel('Tijdstip').fill(`${vandaag}T00:01`);
    await intake.getByRole('button', { name: 'Intake opslaan' }).click();
    await page.getByText(/^Gehouden op/).waitFor();

    // Only moves the Route 020 rules allow now are offered.
    const fase = formulier(page, 'fase');
    await expect(fase.locator('select[name="naar"] option').allTextContents()).resolves.toEqual(['stabilisatie', 'afgesloten']);
    await fase.getByLabel('Naar fase').selectOption('stabilisatie');
    await fase.getByRole('button', { name: 'Fase wijzigen' }).click();
    await page.getByRole('heading', { level: 1, name: /\(stabilisatie\)/ }).waitFor();
    await expect(fase.locator('select[name="naar"] option').allTextContents()).resolves.toEqual(['nazorg', 'afgesloten']);

    // A referral to inkomensbeheer; after it only that same form can still change (its date).
    await page.getByText('Verwijzen naar inkomensbeheer').click();
    const inkomensbeheer = formulier(page, 'inkomensbeheer');
    await inkomensbeheer.getByLabel('Vorm').selectOption('bewindvoering');
    await inkomensbeheer.getByRole('button', { name: 'Verwijzing opslaan' }).click();
    await page.getByText(/^bewindvoering sinds/).waitFor();
    await expect(inkomensbeheer.locator('select[name="vorm"] option').allTextContents()).resolves.toEqual(['bewindvoering']);

    // A warm hand-over to the OKT; the referral to bewindvoering is among the verwijzingen too.
    await page.getByText('Verwijzing registreren', { exact: true }).click();
    const verwijzing = formulier(page, 'verwijzing');
    await verwijzing.getByLabel('Naar', { exact: true }).selectOption('okt');
    await verwijzing.getByLabel('Ontvangende organisatie').fill('OKT Zuidoost');
    await verwijzing.getByText('Warme overdracht (gezamenlijk gesprek met de cliënt)').click();
    await verwijzing.getByRole('button', { name: 'Verwijzing opslaan' }).click();
    await page.getByRole('row', { name: /^Ouder- en Kindteam \(OKT\) OKT Zuidoost .* ja nog geen/ }).waitFor();
    await expect(page.getByRole('row', { name: /^Beschermingsbewind/ }).count()).resolves.toBe(1);

    // ZRM: the financien score is required (the API's error lands at that field); then the start
    // measurement shows, and only the later ones are offered.
    await page.getByText('ZRM-meting registreren').click();
    const zrm = formulier(page, 'zrm-meting');
    await expect(zrm.locator('select[name="moment"] option').allTextContents()).resolves.toEqual(['startmeting']);
    await zrm.getByLabel('Huisvesting').selectOption('3');
    await zrm.getByRole('button', { name: 'Meting registreren' }).click();
    await expect(page.locator('#zrm-meting-scores-fout').textContent()).resolves.toContain('de score voor financien is verplicht');
    await zrm.getByLabel('Financiën').selectOption('2');
    await zrm.getByRole('button', { name: 'Meting registreren' }).click();
    await page.getByRole('row', { name: /Financiën 2/ }).waitFor();
    await expect(zrm.locator('select[name="moment"] option').allTextContents()).resolves.toEqual(['na 3 maanden', 'eindmeting']);

    // Minimaatwerk from the team's budget, within the household's EUR 500.
    await page.getByText('Minimaatwerk besteden').click();
    const minimaatwerk = formulier(page, 'minimaatwerk');
    await minimaatwerk.getByLabel('Bedrag in euro').fill('75,50');
    await minimaatwerk.getByLabel('Postcode van het huishouden').fill('1055 AB');
    await minimaatwerk.getByLabel('Huisnummer').fill('12');
    await minimaatwerk.getByLabel('Waarvoor').fill('achterstallige energierekening');
    await minimaatwerk.getByRole('button', { name: 'Besteding registreren' }).click();
    await page.getByText(/Dit huishouden: nog €\s424,50 van €\s500,00/).waitFor();
    await toegankelijk(page);

    // The ondersteuningsplan, made with the client after the intake: a partner's action names its organisation.
    const plan = formulier(page, 'ondersteuningsplan');
    await plan.getByLabel('Doelen').fill('overzicht in inkomsten en uitgaven\ngeen nieuwe schulden');
    await plan.locator('[name="acties.0.wat"]').fill('post openen en meenemen');
    await plan.locator('[name="acties.1.wat"]').fill('aanmelden voor budgetbeheer');
    await plan.locator('[name="acties.1.wie"]').selectOption('partner');
    await plan.locator('[name="evaluatieDatum"]').fill(plusDagen(vandaag, 30));
    await plan.getByRole('button', { name: 'Plan vaststellen' }).click();
    await expect(page.locator('#ondersteuningsplan-acties-1-organisatie-fout').textContent()).resolves.toContain('noemt de organisatie');
    await plan.locator('[name="acties.1.organisatie"]').fill('Kredietbank Amsterdam');
    await plan.getByRole('button', { name: 'Plan vaststellen' }).click();
    await page.getByText(/^Versie 1, vastgesteld op/).waitFor();
    await page.getByRole('cell', { name: 'Kredietbank Amsterdam' }).waitFor();
    await toegankelijk(page);

    // The beschikking is the teamleider's: a medewerker is not offered the form.
    await expect(formulier(page, 'beschikking').count()).resolves.toBe(0);
    const trajectUrl = page.url();
    await page.context().close();

    const teamleider = await o.aangemeld('tl-0001');
    await teamleider.goto(trajectUrl);
    const beschikking = formulier(teamleider, 'beschikking');
    await beschikking.getByRole('button', { name: 'Beschikking registreren' }).click();
    await teamleider.getByText(/Beschikking toegekend op/).waitFor();
    const faseTl = formulier(teamleider, 'fase');
    await faseTl.getByLabel('Naar fase').selectOption('schuldregeling:minnelijk');
    await faseTl.getByRole('button', { name: 'Fase wijzigen' }).click();
    await teamleider.getByRole('heading', { level: 1, name: /\(schuldregeling\)/ }).waitFor();
    await expect(teamleider.getByText(/route minnelijk/).count()).resolves.toBe(1);
    await toegankelijk(teamleider);
    await teamleider.context().close();
  });

  it("follows Carolien's case (werkkader §1.2) as an advies: light registration, conversations, a payment arrangement, afgerond without beschikking or term", async () => {
    const start = plusDagen(vandaag, -21);
    const uiterlijk = plusDagen(plusMaanden(start, 3), -1);
    const dag = (d: string) =>
      new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(`${d}T12:00:00Z`));

    // She comes with a first aanmaning; advies may be enough (§2.4.1): registered lightly, with her consent, no BSN.
    const page = await o.aangemeld('mdw-0007');
    await page.getByRole('link', { name: 'Nieuw advies' }).first().click();
    const nieuw = formulier(page, 'nieuw-advies');
    await nieuw.getByLabel('Datum eerste contact').fill(start);
    await nieuw.getByLabel('Regievoerder').fill('mdw-0007');
    await nieuw.getByLabel('Onderwerp').selectOption('geldproblemen');
    await nieuw.getByRole('textbox', { name: /^Naam/ }).fill('Carolien');
    await expect(nieuw.getByText('zonder toestemming legt het advies geen naam vast').count()).resolves.toBe(1);
    await nieuw.getByLabel('Toestemming om gegevens vast te leggen').selectOption('ja');
    await nieuw.getByLabel('Toestemming om gegevens te delen').selectOption('nee');
    await nieuw.getByRole('button', { name: 'Advies registreren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies Carolien (lopend)' }).waitFor();
    const adviesUrl = page.url();
    await expect(page.getByTestId('open-taak').textContent()).resolves.toBe('advies gesprek');
    await expect(page.getByRole('region', { name: 'Periode' }).textContent()).resolves.toContain(`uiterlijk ${dag(uiterlijk)}`);

    // The team's werkvoorraad lists her by name with the first task and the period's last day, not a beschikkingstermijn.
    await page.getByRole('link', { name: 'Werkvoorraad' }).first().click();
    const rij = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Carolien' }) });
    await uiteindelijk(async () => {
      await page.reload();
      await rij.waitFor({ timeout: 2000 });
    });
    await expect(rij.textContent()).resolves.toMatch(new RegExp(`advies lopend.*advies gesprek.*mdw-0007.*t/m ${dag(uiterlijk)}`));
    await rij.getByRole('link', { name: 'Carolien' }).click();
    await page.waitForURL(adviesUrl);

    const gesprek = async (datum: string, vorm: string) => {
      const f = formulier(page, 'gesprek');
      await f.getByLabel('Datum').fill(datum);
      await f.getByLabel('Vorm').selectOption(vorm);
      await f.getByRole('button', { name: 'Gesprek registreren' }).click();
      await page.getByRole('row', { name: `${dag(datum)} gesprek (${vorm})` }).waitFor();
    };
    const advies = async (datum: string, soort: string, partner: string, wat: string) => {
      const f = formulier(page, 'gegeven-advies');
      await f.getByLabel('Datum').fill(datum);
      await f.getByLabel('Soort advies').selectOption(soort);
      await f.getByLabel('Gegeven of geregeld door').selectOption(partner);
      await f.getByRole('button', { name: 'Advies registreren' }).click();
      await page.getByRole('row', { name: `${dag(datum)} ${wat}` }).waitFor();
    };
    await page.locator('summary').filter({ hasText: 'Gesprek registreren' }).click();
    await gesprek(start, 'inloop');
    await expect(page.getByTestId('open-taak').textContent()).resolves.toBe('advies afronden');
    // A week later the situatieschets is discussed with her; suggestions for initiatives in the buurt.
    await gesprek(plusDagen(start, 7), 'inloop');
    await page.locator('summary').filter({ hasText: 'Gegeven advies registreren' }).click();
    await advies(plusDagen(start, 7), 'toeleiding-sociale-basis', 'sociale-basis', 'toeleiding sociale basis met sociale basis');
    // The Sociaal Raadslid arranges the payment of the aanmaning (§2.8.1: betalingsafspraken).
    await advies(plusDagen(start, 10), 'betalingsregeling', 'sociaal-raadslieden', 'betalingsregeling met sociaal raadslieden');
    // The next conversation: a sportmaatje, dagbesteding in a textile workshop, a gardening group.
    await gesprek(plusDagen(start, 17), 'telefoon');
    await expect(page.getByRole('region', { name: 'Gesprekken en adviezen' }).getByRole('row').allTextContents()).resolves.toEqual([
      'DatumWatDoor',
      `${dag(start)}gesprek (inloop)mdw-0007`,
      `${dag(plusDagen(start, 7))}gesprek (inloop)mdw-0007`,
      `${dag(plusDagen(start, 7))}toeleiding sociale basis met sociale basismdw-0007`,
      `${dag(plusDagen(start, 10))}betalingsregeling met sociaal raadsliedenmdw-0007`,
      `${dag(plusDagen(start, 17))}gesprek (telefoon)mdw-0007`,
    ]);
    // Light: no beschikking, no beschikkingstermijn, only the period.
    await expect(page.getByText('Geen beschikking en geen beschikkingstermijn.').count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: /Beschikking/ }).count()).resolves.toBe(0);
    await expect(formulier(page, 'beschikking').count()).resolves.toBe(0);
    await expect(page.getByTestId('termijn-resterend').count()).resolves.toBe(0);
    await page.locator('summary').filter({ hasText: 'Advies afsluiten' }).click();
    await toegankelijk(page);

    // She goes on by herself: closed as afgerond, well within the three months.
    const sluiting = formulier(page, 'afsluiting');
    await sluiting.getByLabel('Uitkomst').selectOption('afgerond');
    await sluiting.getByLabel('Datum').fill(vandaag);
    await sluiting.getByRole('button', { name: 'Afsluiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advies Carolien (afgesloten)' }).waitFor();
    await expect(page.getByRole('region', { name: 'Periode' }).textContent()).resolves.toContain(`afgerond op ${dag(vandaag)}`);
    await expect(page.getByTestId('open-taak').count()).resolves.toBe(0);
    await expect(page.locator('form').count()).resolves.toBe(0);

    // It leaves the werkvoorraad once the read model follows.
    await page.getByRole('link', { name: 'Werkvoorraad' }).first().click();
    await uiteindelijk(async () => {
      await page.reload();
      await page.getByRole('heading', { name: /Open taken/ }).waitFor();
      expect(await page.getByRole('link', { name: 'Carolien' }).count()).toBe(0);
    });
    await page.context().close();
  });

  it('an operator opening a case page is told where operators see cases, not shown a page built for personal data', async () => {
    const page = await o.aangemeld('ops-0001');
    await page.goto(`${o.basis}/app/trajecten/traject-onbekend`);
    await page.getByRole('heading', { level: 1, name: "Zaakpagina's zijn voor medewerkers en teamleiders" }).waitFor();
    await toegankelijk(page);
    await page.context().close();
  });

  it('on a tablet during a home visit the melding page fits the screen and the visit is recorded by touch', async () => {
    const antwoord = await fetch(`${o.basis}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await o.issuer.bearer('medewerker', ['nieuw-west']) },
      body: JSON.stringify({
        schuldeiser: { type: 'waternet', naam: 'Waternet' },
        referentie: `WN-${Date.now()}`,
        achterstand: { bedragCent: 42_000, maanden: 3 },
        meldDatum: plusDagen(vandaag, -3),
        buurtteam: 'nieuw-west',
        client: { naam: 'G. Visser', adres: { straat: 'Pieter Calandlaan', huisnummer: '210', postcode: '1069 KL' } },
      }),
    });
    const { id } = (await antwoord.json()) as { id: string };
    const breedte = 768;
    const page = await o.aangemeld('mdw-0007', { viewport: { width: breedte, height: 1024 }, hasTouch: true, isMobile: true });
    await page.goto(`${o.basis}/app/meldingen/${id}`);
    await page.getByRole('heading', { name: 'Te bezoeken adres', exact: true }).waitFor();

    // Nothing wider than the screen: no sideways scrolling while standing at the door.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(breedte);
    // Every control of the visit form lies within the screen and is a comfortable touch target.
    const bezoek = formulier(page, 'huisbezoek');
    const bedieningen = await bezoek.locator('input, select, textarea, button').all();
    expect(bedieningen.length).toBe(5);
    for (const bediening of bedieningen) {
      const vak = (await bediening.boundingBox())!;
      expect(vak.x).toBeGreaterThanOrEqual(0);
      expect(vak.x + vak.width).toBeLessThanOrEqual(breedte);
      expect(vak.height, await bediening.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
    }

    await bezoek.getByLabel('Tijdstip van het bezoek').fill(`${plusDagen(vandaag, -1)}T19:30`);
    await bezoek.getByLabel('Uitkomst').selectOption('bereikt');
    await bezoek.getByLabel('Notitie').fill('Bewoner thuis, afspraak budgetgesprek gemaakt.');
    await bezoek.getByRole('button', { name: 'Huisbezoek registreren' }).tap();
    await page.getByRole('heading', { name: 'Begeleiding', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Bewoner thuis' }).count()).resolves.toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(breedte);
    await toegankelijk(page);
    await page.context().close();
  });

  it('a teamleider sees a breached term and a refused delivery on the overzicht, and the werkvoorraad filtered', async () => {
    const aanmelding = async (body: Record<string, unknown>) => {
      const antwoord = await fetch(`${o.basis}/v1/aanmeldingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await o.issuer.bearer('medewerker', ['nieuw-west']) },
        body: JSON.stringify({ buurtteam: 'nieuw-west', ...body }),
      });
      expect(antwoord.status).toBe(201);
      return ((await antwoord.json()) as { id: string }).id;
    };
    // Registered late: the aanmelding was ten weeks ago, so the 8-week term has passed.
    const id = await aanmelding({
      aanmeldDatum: plusDagen(vandaag, -70),
      toestemming: { vastleggen: true, delen: false },
      regievoerder: 'mdw-0042',
      client: { bsn: testBsn(903), naam: 'C. Jansen' },
    });
    // The registration system refuses this one's data: the case keeps retrying and says so.
    o.adapters.registratie.storing = 'weigert';
    const geweigerd = await aanmelding({
      aanmeldDatum: vandaag,
      client: { bsn: testBsn(904), naam: 'E. de Boer' },
      toestemming: { vastleggen: true, delen: true },
    });

    // The overzicht API is scoped like the werkvoorraad: another team's teamleider gets nothing.
    const overzicht = async (team: string) =>
      (await fetch(`${o.basis}/v1/teams/nieuw-west/overzicht`, { headers: { authorization: await o.issuer.bearer('teamleider', [team]) } }))
        .status;
    expect(await overzicht('centrum')).toBe(403);
    expect(await overzicht('nieuw-west')).toBe(200);

    const page = await o.aangemeld('tl-0001');
    await page.getByRole('link', { name: 'Overzicht' }).first().click();
    const overschreden = page.getByTestId('overschreden');
    // The overzicht comes from the read model, which follows visibility within a poll or two.
    await uiteindelijk(async () => {
      await page.reload();
      await overschreden.getByRole('link', { name: `Traject ${id.slice(-8)}` }).waitFor({ timeout: 2000 });
    });
    await expect(overschreden.textContent()).resolves.toContain('Termijn overschreden');
    await uiteindelijk(async () => {
      await page.reload();
      await page
        .getByTestId('geweigerd')
        .getByRole('link', { name: `Traject ${geweigerd.slice(-8)}` })
        .waitFor({ timeout: 2000 });
    });
    await expect(page.getByTestId('geweigerd').textContent()).resolves.toContain('registratie geweigerd');
    await toegankelijk(page);

    // On the traject the refusal is listed; once the receiver accepts again, it is sent now on request.
    await page
      .getByTestId('geweigerd')
      .getByRole('link', { name: `Traject ${geweigerd.slice(-8)}` })
      .click();
    const storingen = page.getByRole('region', { name: 'Geweigerde leveringen' });
    await expect(storingen.textContent()).resolves.toMatch(/registratie aanmelding geweigerd: BSN onbekend in registratiesysteem/);
    await toegankelijk(page);
    o.adapters.registratie.storing = undefined;
    await formulier(page, 'herlevering').getByRole('button', { name: 'Nu opnieuw versturen' }).click();
    await uiteindelijk(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Beschikkingstermijn', exact: true }).waitFor();
      expect(await storingen.count()).toBe(0);
    });

    await page.getByRole('link', { name: 'Werkvoorraad' }).first().click();
    // The team knows the case by the client's name; its short id stays beside it.
    const rij = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'C. Jansen' }) });
    // The page loads its list after the click: wait for the row before counting in it.
    await rij.waitFor();
    await expect(rij.getByText('Termijn overschreden').count()).resolves.toBe(1);
    await expect(rij.textContent()).resolves.toContain(`traject ${id.slice(-8)}`);
    // Most urgent first: the breached term leads the list.
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain(id.slice(-8));
    await toegankelijk(page);

    // Filtered by regievoerder: only that regievoerder's cases remain.
    await page.getByLabel('Regievoerder', { exact: true }).fill('mdw-0042');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/regievoerder=mdw-0042/);
    await page.getByRole('heading', { name: /Open taken \(1 zaak\)/ }).waitFor();
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain('mdw-0042');
    await page.context().close();
  });

  it('a teamleider reads the rapportage of the period and downloads it as CSV', async () => {
    // A beschikking today on an aanmelding of yesterday: at least one on time in the period.
    const teamleider = await o.issuer.bearer('teamleider', ['nieuw-west'], { sub: 'tl-0001' });
    const medewerker = await o.issuer.bearer('medewerker', ['nieuw-west'], { sub: 'mdw-0001' });
    const post = async (pad: string, body: unknown, als = teamleider) => {
      const antwoord = await fetch(`${o.basis}${pad}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: als },
        body: JSON.stringify(body),
      });
      expect(antwoord.status).toBeLessThan(300);
      return (await antwoord.json()) as { id: string };
    };
    const { id } = await post('/v1/aanmeldingen', {
      buurtteam: 'nieuw-west',
      aanmeldDatum: plusDagen(vandaag, -1),
      toestemming: { vastleggen: true, delen: false },
      client: { bsn: testBsn(905), naam: 'F. Visser' },
    });
    // The intake and the plan by a medewerker come first: the beschikking follows them, under four eyes.
    await post(`/v1/trajecten/${id}/intake`, { actie: 'gehouden', tijdstip: new Date(Date.now() - 3600_000).toISOString() }, medewerker);
    await post(`/v1/trajecten/${id}/ondersteuningsplan`, planVersie(vandaag, plusDagen(vandaag, 30)), medewerker);
    await post(`/v1/trajecten/${id}/beschikking`, { datum: vandaag, besluit: 'toegekend' });
    // A complaint the team received, still open: the monitorgegevens list it with its age.
    await post('/v1/teams/nieuw-west/klachten', { aard: 'afspraken-niet-nagekomen', ontvangen: plusDagen(vandaag, -3) });
    const van = plusDagen(vandaag, -90);
    const api = async (formaat: string) =>
      fetch(`${o.basis}/v1/rapportage?buurtteam=nieuw-west&van=${van}&tot=${vandaag}&formaat=${formaat}`, {
        headers: { authorization: teamleider },
      });
    const cijfers = await uiteindelijk(async () => {
      const r = (await (await api('json')).json()) as { beschikkingen: { opTijd: number }; trajecten: { aangemeld: number } };
      expect(r.beschikkingen.opTijd).toBeGreaterThan(0);
      return r;
    });

    const page = await o.aangemeld('tl-0001');
    await page.getByRole('link', { name: 'Rapportage' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Rapportage nieuw-west' }).waitFor();
    await page.getByLabel('Van', { exact: true }).fill(van);
    // The same end date as the API's reads, also when the file started before midnight in Amsterdam.
    await page.getByLabel('Tot en met', { exact: true }).fill(vandaag);
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.waitForURL(new RegExp(`van=${van}`));
    const beschikkingen = page.getByRole('table').filter({ has: page.getByRole('cell', { name: 'Binnen de termijn' }) });
    // The page shows the figure the API gives at the same moment. A beschikking of an earlier test
    // may reach the figures after the API's first read, so both are read again until they agree.
    await uiteindelijk(async () => {
      const nu = (await (await api('json')).json()) as typeof cijfers;
      await page.reload();
      await expect(beschikkingen.getByRole('row', { name: /Binnen de termijn/ }).textContent()).resolves.toContain(
        String(nu.beschikkingen.opTijd),
      );
    });
    await expect(page.getByTestId('rapportage').textContent()).resolves.toContain('Signalen ontvangen');
    // The monitorgegevens (werkkader ch. 5): waiting times per step, flows, complaints.
    const intakeRij = page.getByTestId('wachttijden').getByRole('row', { name: /Aanmelding tot intake/ });
    await expect(intakeRij.getByRole('cell').nth(1).textContent()).resolves.toMatch(/^[1-9]\d*$/);
    const open = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Aard, ontvangen' }) });
    await expect(open.getByRole('row', { name: /afspraken niet nagekomen/ }).textContent()).resolves.toContain('3 dagen');
    await page.getByRole('heading', { name: 'Uitstroom per uitstroomkenmerk' }).waitFor();
    await toegankelijk(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download als CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`rapportage-nieuw-west-${van}-${vandaag}.csv`);
    const pad = await download.path();
    const bestand = readFileSync(pad, 'utf8');
    expect(bestand.startsWith('\uFEFFKengetal;Waarde\r\n')).toBe(true);
    // The same figures as the API's CSV (apart from the moment each was read; text() drops the byte order mark).
    const zonderPeilmoment = (csv: string) => csv.replace(/^\uFEFF/, '').replace(/^Peilmoment;.*$/m, '');
    expect(zonderPeilmoment(bestand)).toBe(zonderPeilmoment(await (await api('csv')).text()));
    await page.context().close();
  });

  // Last: its crisis melding would lead the team's werkvoorraad while open.
  it("shows a household's signals with the crisis mark, records a phone attempt and closes with a DDAS end result", async () => {
    const medewerker = await o.issuer.bearer('medewerker', ['nieuw-west']);
    const client = { naam: 'F. Kaya', adres: { straat: 'Osdorpplein', huisnummer: '801', postcode: '1068 EW' } };
    const meld = async (body: Record<string, unknown>) => {
      const antwoord = await fetch(`${o.basis}/v1/meldingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: medewerker },
        body: JSON.stringify({ achterstand: { bedragCent: 90_000, maanden: 2 }, buurtteam: 'nieuw-west', client, ...body }),
      });
      return ((await antwoord.json()) as { id: string }).id;
    };
    const id = await meld({
      schuldeiser: { type: 'waternet', naam: 'Waternet' },
      referentie: `WN-${Date.now()}`,
      meldDatum: plusDagen(vandaag, -3),
    });

    // The landlord's eviction notice comes in through the form: it joins the household's open melding.
    const page = await o.aangemeld('mdw-0007');
    await page.getByRole('link', { name: 'Nieuwe melding' }).first().click();
    const nieuw = formulier(page, 'nieuwe-melding');
    await nieuw.getByLabel('Soort schuldeiser').selectOption('woningcorporatie');
    await nieuw.getByLabel('Naam schuldeiser').fill('Ymere');
    await nieuw.getByLabel('Referentie van de schuldeiser').fill(`YM-${Date.now()}`);
    await expect(nieuw.getByLabel('Datum van de ontruiming').count()).resolves.toBe(0);
    // Water is a crisis signal too (Wgs art. 4 lid 2), asking the day supply ends.
    await nieuw.getByLabel('Soort signaal').selectOption('waterafsluiting');
    await expect(nieuw.getByLabel('Afsluitdatum').count()).resolves.toBe(1);
    await nieuw.getByLabel('Soort signaal').selectOption('huisuitzetting');
    await nieuw.getByLabel('Datum van de ontruiming').fill(plusDagen(vandaag, 30));
    await nieuw.getByLabel('Achterstand in euro').fill('900');
    await nieuw.getByLabel('Achterstand in maanden').fill('2');
    await nieuw.getByLabel('Naam bewoner').fill(client.naam);
    await nieuw.getByLabel('Straat').fill(client.adres.straat);
    await nieuw.getByLabel('Huisnummer').fill(client.adres.huisnummer);
    await nieuw.getByLabel('Postcode').fill(client.adres.postcode);
    await toegankelijk(page);
    await nieuw.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(`${o.basis}/app/meldingen/${id}`);
    await page.getByRole('heading', { name: 'Crisissignaal: huisuitzetting' }).waitFor();
    await page.getByRole('heading', { name: 'Signalen (2)' }).waitFor();
    await toegankelijk(page);

    await page.locator('summary').filter({ hasText: 'Contactpoging registreren' }).click();
    const poging = formulier(page, 'contactpoging');
    await poging.getByLabel('Soort contact').selectOption('telefoon');
    await poging.getByLabel('Dagdeel').selectOption('avond');
    await poging.getByRole('button', { name: 'Contactpoging registreren' }).click();
    await page.getByRole('cell', { name: 'geen contact' }).waitFor();

    await page.locator('summary').filter({ hasText: 'Melding afsluiten' }).click();
    const sluiting = formulier(page, 'afsluiting');
    await sluiting.getByLabel('Eindresultaat (DDAS)').selectOption('Niet opgepakt: andere reden');
    await sluiting.getByLabel('Reden').selectOption('');
    await sluiting.getByRole('button', { name: 'Afsluiten' }).click();
    await page.getByRole('heading', { name: 'Afgesloten: Niet opgepakt: andere reden' }).waitFor();
    await toegankelijk(page);
    await page.context().close();
  });
  it('shows the route of a melding; a medewerker hands it to WPI and records the assignment of the route', async () => {
    const medewerker = await o.issuer.bearer('medewerker', ['nieuw-west']);
    const antwoord = await fetch(`${o.basis}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: medewerker },
      body: JSON.stringify({
        schuldeiser: { type: 'woningcorporatie', naam: 'Ymere' },
        referentie: `YM-WPI-${Date.now()}`,
        achterstand: { bedragCent: 150_000, maanden: 2 },
        meldDatum: plusDagen(vandaag, -2),
        buurtteam: 'nieuw-west',
        client: { naam: 'G. de Wit', adres: { straat: 'Osdorpplein', huisnummer: '802', postcode: '1068 EW' } },
      }),
    });
    const { id } = (await antwoord.json()) as { id: string };
    const page = await o.aangemeld('mdw-0007');
    await page.goto(`${o.basis}/app/meldingen/${id}`);
    await page.getByRole('heading', { name: 'Route: Vroeg Eropaf' }).waitFor();
    await page.locator('summary').filter({ hasText: 'Naar een WPI-route' }).click();
    await formulier(page, 'wpi-route').getByRole('button', { name: 'Naar WPI' }).click();
    await page.getByRole('heading', { name: 'Route: Geregelde betaling, voorkomen woningontruimingen' }).waitFor();
    await expect(page.locator('summary').filter({ hasText: 'Huisbezoek registreren' }).count()).resolves.toBe(0);
    const stap = formulier(page, 'wpi-stap');
    await stap.getByLabel('Klantmanager (WPI)').fill('km-0042');
    await stap.getByLabel('Inkomensconsulent (WPI)').fill('ic-0007');
    await stap.getByRole('button', { name: 'Stap registreren' }).click();
    await page.getByText('Klantmanager km-0042, inkomensconsulent ic-0007').waitFor();
    await expect(stap.getByLabel('Stap').locator('option').allTextContents()).resolves.toEqual([
      'Inhouding vaste lasten op de uitkering gestart',
      'Contact met de klant',
    ]);
    await toegankelijk(page);
    await page.context().close();
  });
});
