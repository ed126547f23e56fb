import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const README_MAX_REGELS = 300;

/** README.md and every markdown page under docs/. */
function documenten(): string[] {
  const onder = (map: string): string[] =>
    readdirSync(map, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? onder(join(map, e.name)) : e.name.endsWith('.md') ? [join(map, e.name)] : [],
    );
  return [join(ROOT, 'README.md'), ...onder(join(ROOT, 'docs'))];
}

/** The text outside fenced code blocks and inline code: what GitHub renders as prose. */
function proza(markdown: string): string[] {
  let inBlok = false;
  return markdown.split('\n').map((regel) => {
    if (/^\s*(```|~~~)/.test(regel)) {
      inBlok = !inBlok;
      return '';
    }
    return inBlok ? '' : regel.replace(/`[^`]*`/g, '');
  });
}

/** GitHub's anchor of a heading: its rendered text, lowercased, punctuation dropped, spaces to hyphens. */
function anker(kop: string): string {
  const tekst = kop
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|\b_|_\b)/g, '');
  return tekst
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a markdown file offers, duplicates numbered as GitHub does (-1, -2, …). */
function ankers(markdown: string): Set<string> {
  let inBlok = false;
  const gezien = new Map<string, number>();
  const uit = new Set<string>();
  for (const regel of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(regel)) inBlok = !inBlok;
    const kop = inBlok ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(regel);
    if (!kop) continue;
    const basis = anker(kop[1] ?? '');
    const n = gezien.get(basis) ?? 0;
    gezien.set(basis, n + 1);
    uit.add(n === 0 ? basis : `${basis}-${n}`);
  }
  return uit;
}

/** Relative links and images of a file, with the line they are on. */
function relatieveLinks(markdown: string): { regel: number; doel: string }[] {
  const links: { regel: number; doel: string }[] = [];
  proza(markdown).forEach((tekst, i) => {
    const inline = [...tekst.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].flatMap((m) => (m[1] ? [m[1]] : []));
    const referentie = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/.exec(tekst)?.[1];
    for (const doel of [...inline, ...(referentie ? [referentie] : [])]) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(doel)) links.push({ regel: i + 1, doel });
    }
  });
  return links;
}

/** What is wrong with the relative links of `bestand` (empty: nothing). */
function kapotteLinks(bestand: string, markdown: string): string[] {
  const fouten: string[] = [];
  for (const { regel, doel } of relatieveLinks(markdown)) {
    const [pad, fragment] = doel.split('#', 2) as [string, string | undefined];
    const naar = pad === '' ? bestand : resolve(dirname(bestand), decodeURIComponent(pad));
    const waar = `${relative(ROOT, bestand)}:${regel} → ${doel}`;
    if (pad !== '' && !existsSync(naar)) fouten.push(`${waar}: ${relative(ROOT, naar)} bestaat niet`);
    else if (fragment !== undefined && naar.endsWith('.md')) {
      const doelTekst = pad === '' ? markdown : readFileSync(naar, 'utf8');
      if (!ankers(doelTekst).has(fragment)) fouten.push(`${waar}: geen kop met anker #${fragment} in ${relative(ROOT, naar)}`);
    }
  }
  return fouten;
}

describe('documentation', () => {
  it(`keeps the README a front door of at most ${README_MAX_REGELS} lines`, () => {
    const regels = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(regels).toBeLessThanOrEqual(README_MAX_REGELS);
  });

  it('resolves every relative link and #anchor in README.md and docs/', () => {
    const bestanden = documenten();
    expect(bestanden.map((b) => relative(ROOT, b))).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md']));
    expect(bestanden.flatMap((b) => kapotteLinks(b, readFileSync(b, 'utf8')))).toEqual([]);
  });

  it('gives every page under docs/ a table of contents', () => {
    const paginas = documenten().filter((b) => dirname(b) === join(ROOT, 'docs'));
    const zonderInhoud = paginas.filter((b) => !/^## Contents$/m.test(readFileSync(b, 'utf8')));
    expect(zonderInhoud.map((b) => relative(ROOT, b))).toEqual([]);
  });

  it('finds a missing file, a missing anchor and GitHub anchors of headings with code and punctuation', () => {
    const bestand = join(ROOT, 'docs', 'voorbeeld.md');
    const markdown = [
      '# Voorbeeld',
      '## Vroeg Eropaf (`vroegEropaf`)',
      "## Protocol of the codec server's use",
      '## Dubbel',
      '## Dubbel',
      '```',
      '[in code telt niet](nergens.md)',
      '```',
      '[goed](#vroeg-eropaf-vroegeropaf) [goed](#protocol-of-the-codec-servers-use) [goed](#dubbel-1)',
      '[goed](configuration.md#environment-variables) ![goed](screenshots/werkvoorraad.png) [extern](https://example.org/x.md)',
      '[kapot](ontbreekt.md) [kapot](#bestaat-niet) [kapot](configuration.md#bestaat-niet)',
    ].join('\n');
    expect(kapotteLinks(bestand, markdown).map((f) => f.replace(/^docs\/voorbeeld\.md:\d+ → /, ''))).toEqual([
      'ontbreekt.md: docs/ontbreekt.md bestaat niet',
      '#bestaat-niet: geen kop met anker #bestaat-niet in docs/voorbeeld.md',
      'configuration.md#bestaat-niet: geen kop met anker #bestaat-niet in docs/configuration.md',
    ]);
  });
});
