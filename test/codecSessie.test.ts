import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vroegEropaf } from '../workflows/vroegEropaf';
import { startApi, type DraaiendeApi } from './helpers/api';
import { startBrowser, toegankelijkheidsfouten } from './helpers/browser';
import { melding } from './helpers/invoer';
import { vrijePoort } from './helpers/poorten';
import { testDataConverter } from './helpers/sleutels';

/**
 * `npm start`'s dev server: its Temporal UI (2.54.1, from CLI 1.9.1) decodes once the operator has
 * opened the codec session on the web app's page and done in the UI what that page says.
 */
describe('the operator’s codec session for the dev server’s Temporal UI', () => {
  let env: TestWorkflowEnvironment;
  let api: DraaiendeApi;
  let browser: Browser;
  let ui: string;
  const meldingId = `melding-codec-sessie-${Date.now()}`;

  beforeAll(async () => {
    const uiPort = await vrijePoort();
    ui = `http://127.0.0.1:${uiPort}`;
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: resolve(__dirname, '../.temporal/bin/temporal') },
        port: await vrijePoort(),
        ui: true,
        uiPort,
      },
      client: { dataConverter: testDataConverter },
    });
    // No worker: the encrypted input in the history is what the UI shows.
    const adres = { straat: 'Proefstraat', huisnummer: '1', postcode: '1000 AA' };
    await env.client.workflow.start(vroegEropaf, {
      taskQueue: 'codec-sessie-test',
      workflowId: meldingId,
      args: [{ ...melding('SESSIE-1', '2030-01-07', { client: { naam: 'T. Testpersoon', adres } }), meldingId }],
    });
    api = await startApi(env.client, {}, { metWebapp: true, codecVoorUi: ui });
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await env?.teardown();
  });

  it('one click opens the session; the settings the page names make the UI decode', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${api.basis}/app/`);
    await page.getByRole('button', { name: /^ops-0001:/ }).click();
    await page.getByRole('link', { name: 'Temporal UI' }).first().click();
    await page.getByRole('button', { name: 'Codec-sessie openen' }).click();
    await page.getByRole('heading', { name: 'Codec-sessie geopend' }).waitFor();
    expect(await toegankelijkheidsfouten(page)).toEqual([]);
    // The settings as the page names them, in its order, are what the UI shows.
    const stappen = await page.locator('ol strong').allTextContents();
    expect(stappen).toEqual([
      'Configure Codec Server',
      'Use my browser setting and ignore Cluster-level setting.',
      'Codec Server browser endpoint',
      'Include cross-origin credentials',
      'Pass the user access token',
      'Apply',
    ]);
    const endpoint = (await page.locator('ol code').textContent())!;

    await page.goto(`${ui}/namespaces/default/workflows/${meldingId}`);
    // Encrypted until the settings are done.
    await page.getByText('Results will appear upon completion.').first().waitFor();
    expect(await page.getByText('T. Testpersoon').count()).toBe(0);
    await page.getByRole('button', { name: stappen[0] }).click();
    await page.getByText(stappen[1]!).click();
    await page.getByLabel(stappen[2]!).fill(endpoint);
    await page.getByText(stappen[3]!).click();
    await page.getByRole('button', { name: stappen[5] }).click();
    await page.reload();
    await expect.poll(() => page.getByText('T. Testpersoon').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
