import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { startApi, type DraaiendeApi } from './api';
import { startBrowser } from './browser';
import { opnemendeAdapters } from './fakes';
import { devServerOmgeving } from './temporal';
import type { TestIssuer } from './tokens';
import { draaiendeWorker } from './werkers';

/**
 * Everything a person at the web app touches, for real: the Temporal dev server, a worker, the
 * API serving /app/ on loopback, the development issuer (sign-in with PKCE) and Debian's chromium.
 */
export interface WebappOmgeving {
  /** The worker's receivers: tests make them refuse to see what the app shows then. */
  adapters: ReturnType<typeof opnemendeAdapters>;
  basis: string;
  issuer: TestIssuer;
  /** A fresh browser session signed in through the issuer's login page as one of its users. */
  aangemeld(gebruiker: string, viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startWebappOmgeving(): Promise<WebappOmgeving> {
  const env: TestWorkflowEnvironment = await devServerOmgeving();
  const adapters = opnemendeAdapters();
  const worker = await draaiendeWorker(env, adapters);
  const api: DraaiendeApi = await startApi(env.client, {}, { metWebapp: true });
  await api.werkvoorraad.gereed();
  const browser: Browser = await startBrowser();

  return {
    adapters,
    basis: api.basis,
    issuer: api.issuer,
    async aangemeld(gebruiker, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport });
      const page = await context.newPage();
      await page.goto(`${api.basis}/app/`);
      await page.getByRole('button', { name: new RegExp(`^${gebruiker}:`) }).click();
      await page.waitForURL(`${api.basis}/app/`);
      await page.getByRole('heading', { level: 1, name: /Werkvoorraad/ }).waitFor();
      return page;
    },
    async stop() {
      await browser.close();
      await api.stop();
      await worker.stop();
      await env.teardown();
    },
  };
}
