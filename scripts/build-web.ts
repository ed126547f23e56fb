/**
 * Bundles the web app (web/src) with esbuild into web/dist, which the API serves under /app/.
 * Skips the build when web/dist was made from the same sources and package-lock.json.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const WEB_DIST = join(ROOT, 'web/dist');
const STEMPEL = join(WEB_DIST, '.bron.sha');
/** The app imports these besides web/src: vocabularies, types and the Route 020 rules. */
const BRONNEN = ['web/src', 'web/index.html', 'common', 'workflows', 'package-lock.json', 'scripts/build-web.ts'];

function bestanden(pad: string): string[] {
  if (!statSync(pad).isDirectory()) return [pad];
  return readdirSync(pad)
    .sort()
    .flatMap((naam) => bestanden(join(pad, naam)));
}

function bronHash(): string {
  const hash = createHash('sha256');
  for (const bestand of BRONNEN.flatMap((b) => bestanden(join(ROOT, b)))) hash.update(bestand).update(readFileSync(bestand));
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const hash = bronHash();
  if (existsSync(STEMPEL) && readFileSync(STEMPEL, 'utf8') === hash) return;
  rmSync(WEB_DIST, { recursive: true, force: true });
  mkdirSync(WEB_DIST, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web/src/main.tsx')],
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari16'],
    outdir: WEB_DIST,
    entryNames: 'app',
    jsx: 'automatic',
    // The design system's fonts travel with the CSS bundle.
    loader: { '.woff2': 'file', '.woff': 'file' },
    assetNames: 'assets/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'web/index.html'), join(WEB_DIST, 'index.html'));
  cpSync(join(ROOT, 'node_modules/@amsterdam/design-system-assets/favicon/favicon.ico'), join(WEB_DIST, 'favicon.ico'));
  writeFileSync(STEMPEL, hash);
  console.log(`[build-web] web app gebouwd in ${WEB_DIST}`);
}

main().catch((fout) => {
  console.error('[build-web] bouwen mislukt', fout);
  process.exit(1);
});
