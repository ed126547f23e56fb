import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, installed by scripts/install.sh --tests; playwright never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function startBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where chromium refuses its sandbox. Dutch: date fields as people here read them.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=nl-NL'] });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The WCAG 2.1 A and AA rules, the level Dutch government sites must meet. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Schending {
  id: string;
  impact: string | null;
  help: string;
  doelen: string[];
}

/** A page of either driver (playwright-core for chromium, puppeteer-core for Firefox): both evaluate an expression. */
export interface EvaluerendePagina {
  evaluate(expressie: string): Promise<unknown>;
}

/** Runs axe-core in the page as it is now and returns its WCAG 2.1 AA violations. */
export async function toegankelijkheidsfouten(page: EvaluerendePagina): Promise<Schending[]> {
  // Evaluated through the driver's protocol, which the app's CSP (script-src 'self') rightly does not allow inline.
  await page.evaluate(AXE);
  const uitkomst = await page.evaluate(`(async () => {
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, doelen: v.nodes.map((n) => String(n.target)) }));
  })()`);
  return uitkomst as Schending[];
}
