/**
 * Regenerates docs/screenshots/*.png for the README and docs/web-app.md: starts the real stack
 * (dev server, worker, API, development issuer, chromium), registers example cases and photographs
 * every page.
 * Run with `npm run screenshots`; not part of npm test.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { amsterdamDatum, isWerkdag, plusDagen } from '../common/kalender';
import { testBsn } from '../test/helpers/invoer';
import { startWebappOmgeving, type WebappOmgeving } from '../test/helpers/webappOmgeving';

const MAP = resolve(__dirname, '../docs/screenshots');
const vandaag = amsterdamDatum(new Date());

async function post(o: WebappOmgeving, pad: string, body: unknown, rol: 'medewerker' | 'teamleider' = 'medewerker') {
  const antwoord = await fetch(`${o.basis}${pad}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await o.issuer.bearer(rol, ['nieuw-west'], { sub: `${rol}-voorbeeld` }) },
    body: JSON.stringify(body),
  });
  if (!antwoord.ok) throw new Error(`${pad}: ${antwoord.status} ${await antwoord.text()}`);
  return (await antwoord.json()) as { id: string };
}

/** A team with work in every state the pages show. */
async function voorbeeldzaken(o: WebappOmgeving): Promise<{ melding: string; traject: string }> {
  // Postcode and huisnummer make the household: two households need two postcodes.
  const adres = (straat: string, postcode: string) => ({ straat, huisnummer: '12-3', postcode });
  const melding = (referentie: string, naam: string, straat: string, postcode: string, regievoerder?: string) =>
    post(o, '/v1/meldingen', {
      schuldeiser: { type: 'woningcorporatie', naam: 'Ymere' },
      referentie,
      achterstand: { bedragCent: 184_000, maanden: 2 },
      meldDatum: plusDagen(vandaag, -7),
      buurtteam: 'nieuw-west',
      regievoerder,
      client: { naam, adres: adres(straat, postcode) },
    });
  const aanmelding = (dagenGeleden: number, naam: string, regievoerder?: string) =>
    post(o, '/v1/aanmeldingen', {
      aanmeldDatum: plusDagen(vandaag, -dagenGeleden),
      toestemming: { vastleggen: true, delen: false },
      buurtteam: 'nieuw-west',
      regievoerder,
      client: { bsn: testBsn(800 + dagenGeleden), naam },
    });

  const { id: meldingId } = await melding('YM-2026-0417', 'B. Bakker', 'Osdorpplein', '1068 EW', 'mdw-0007');
  let dag = plusDagen(vandaag, -5);
  while (!isWerkdag(dag)) dag = plusDagen(dag, 1);
  await post(o, `/v1/meldingen/${meldingId}/huisbezoeken`, {
    tijdstip: `${dag}T14:00:00+01:00`,
    uitkomst: 'niet-thuis',
    medewerker: 'mdw-0007',
  });
  await melding('YM-2026-0533', 'D. Yilmaz', 'Pieter Calandlaan', '1064 KL', 'mdw-0042');
  await aanmelding(70, 'C. Jansen', 'mdw-0042');
  await aanmelding(48, 'E. de Boer', 'mdw-0007');
  const { id: trajectId } = await aanmelding(20, 'A. de Vries', 'mdw-0042');
  await post(o, `/v1/trajecten/${trajectId}/intake`, { actie: 'gehouden', tijdstip: `${plusDagen(vandaag, -15)}T10:00:00+01:00` });
  await post(o, `/v1/trajecten/${trajectId}/fase`, { naar: 'stabilisatie' });
  await post(o, `/v1/trajecten/${trajectId}/flankmodules`, { module: 'budgetcoaching', actief: true });
  await post(o, `/v1/trajecten/${trajectId}/inkomensbeheer`, { vorm: 'budgetbeheer', datum: plusDagen(vandaag, -10) });
  await post(o, `/v1/trajecten/${trajectId}/zrm`, {
    moment: 'start',
    datum: plusDagen(vandaag, -15),
    scores: { financien: 2, huisvesting: 3, dagbesteding: 4, 'sociaal-netwerk': 3 },
  });
  await post(o, `/v1/trajecten/${trajectId}/minimaatwerk`, {
    bedragCent: 7_550,
    datum: plusDagen(vandaag, -9),
    huishouden: { postcode: '1062 AB', huisnummer: '14' },
    omschrijving: 'energierekening',
  });
  await aanmelding(3, 'F. Bakker');
  return { melding: meldingId, traject: trajectId };
}

async function foto(page: Page, naam: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(MAP, `${naam}.png`), fullPage: true });
  console.log(`[screenshots] ${naam}.png`);
}

async function main(): Promise<void> {
  mkdirSync(MAP, { recursive: true });
  const o = await startWebappOmgeving();
  try {
    const { melding, traject } = await voorbeeldzaken(o);
    const medewerker = await o.aangemeld('mdw-0007');
    await foto(medewerker, 'werkvoorraad');
    await medewerker.goto(`${o.basis}/app/meldingen/${melding}`);
    await medewerker.getByRole('heading', { name: 'Te bezoeken adres' }).waitFor();
    await foto(medewerker, 'melding');
    await medewerker.goto(`${o.basis}/app/nieuw/melding`);
    await medewerker.getByLabel('Postcode').fill('1068');
    await medewerker.getByRole('button', { name: 'Melding registreren' }).click();
    await medewerker.getByText('Verbeter de fouten').waitFor();
    await foto(medewerker, 'nieuwe-melding-fouten');
    await medewerker.goto(`${o.basis}/app/nieuw/aanmelding`);
    await medewerker.getByRole('heading', { level: 1 }).waitFor();
    await foto(medewerker, 'nieuwe-aanmelding');

    const teamleider = await o.aangemeld('tl-0001');
    await teamleider.goto(`${o.basis}/app/trajecten/${traject}`);
    await teamleider.getByRole('heading', { name: 'Beschikkingstermijn', exact: true }).waitFor();
    await foto(teamleider, 'traject');
    await teamleider.goto(`${o.basis}/app/overzicht`);
    await teamleider.getByRole('heading', { name: /Beschikkingstermijn overschreden/ }).waitFor();
    await foto(teamleider, 'overzicht');

    // A tablet during a home visit.
    const tablet = await o.aangemeld('mdw-0007', { viewport: { width: 820, height: 1180 }, hasTouch: true });
    await tablet.goto(`${o.basis}/app/meldingen/${melding}`);
    await tablet.getByRole('heading', { name: 'Te bezoeken adres' }).waitFor();
    await foto(tablet, 'melding-tablet');
  } finally {
    await o.stop();
  }
}

main().catch((fout) => {
  console.error('[screenshots] mislukt', fout);
  process.exit(1);
});
