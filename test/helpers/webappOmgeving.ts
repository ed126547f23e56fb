import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startApi, type DraaiendeApi } from './api';
import { startBrowser } from './browser';
import { opnemendeAdapters } from './fakes';
import { devServerOmgeving } from './temporal';
import type { TestIssuer, TokenLevensduur } from './tokens';
import { draaiendeWorker } from './werkers';

/**
 * What the web app runs against, for real: the Temporal dev server, a worker, the API serving
 * /app/ on loopback and the development issuer (sign-in with PKCE). Any browser can be pointed at it.
 */
export interface WebappDienst {
  /** The worker's receivers: tests make them refuse to see what the app shows then. */
  adapters: ReturnType<typeof opnemendeAdapters>;
  basis: string;
  issuer: TestIssuer;
  stop(): Promise<void>;
}

export async function startWebappDienst(levensduur?: TokenLevensduur): Promise<WebappDienst> {
  const env: TestWorkflowEnvironment = await devServerOmgeving();
  const adapters = opnemendeAdapters();
  const worker = await draaiendeWorker(env, adapters);
  const api: DraaiendeApi = await startApi(env.client, {}, { metWebapp: true, levensduur });
  await api.werkvoorraad.gereed();
  return {
    adapters,
    basis: api.basis,
    issuer: api.issuer,
    async stop() {
      await api.stop();
      await worker.stop();
      await env.teardown();
    },
  };
}

/** The web app's stack with Debian's chromium (playwright-core). */
export interface WebappOmgeving extends WebappDienst {
  /**
   * A fresh browser session signed in through the issuer's login page as one of its users; a
   * tablet passes its viewport and `hasTouch`.
   */
  aangemeld(gebruiker: string, context?: Pick<BrowserContextOptions, 'viewport' | 'hasTouch' | 'isMobile'>): Promise<Page>;
}

export async function startWebappOmgeving(levensduur?: TokenLevensduur): Promise<WebappOmgeving> {
  const dienst = await startWebappDienst(levensduur);
  const browser: Browser = await startBrowser();
  return {
    ...dienst,
    async aangemeld(gebruiker, { viewport = { width: 1280, height: 900 }, ...context } = {}) {
      const browserContext = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport, ...context });
      const page = await browserContext.newPage();
      await page.goto(`${dienst.basis}/app/`);
      await page.getByRole('button', { name: new RegExp(`^${gebruiker}:`) }).click();
      await page.waitForURL(`${dienst.basis}/app/`);
      await page.getByRole('heading', { level: 1, name: /Werkvoorraad/ }).waitFor();
      return page;
    },
    async stop() {
      await browser.close();
      await dienst.stop();
    },
  };
}
