import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { startApi, type DraaiendeApi } from './helpers/api';
import { opnemendeAdapters } from './helpers/fakes';
import { testBsn } from './helpers/invoer';
import { devServerOmgeving } from './helpers/temporal';
import { draaiendeWorker } from './helpers/werkers';

/**
 * Property-based: the API driven from its own OpenAPI document. Bodies, paths and queries are
 * generated from the document's schemas (a seeded generator, so a failure repeats), valid and
 * deliberately broken; every answer must be documented for its operation (status, and the body
 * against its schema) and none may be a 5xx. Against a real dev server and worker on loopback.
 */

type Schema = Record<string, any>;
interface Operatie {
  methode: 'get' | 'post';
  pad: string;
  doc: Schema;
}

/** mulberry32: small, seeded, good enough to pick test input. */
function willekeur(zaad: number) {
  let a = zaad >>> 0;
  const getal = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const tot = (n: number) => Math.floor(getal() * n);
  return { getal, tot, kies: <T>(lijst: readonly T[]): T => lijst[tot(lijst.length)]!, kans: (p: number) => getal() < p };
}
type Willekeur = ReturnType<typeof willekeur>;

const TEAM = 'noord';
const ZAAD = Number(process.env.EIGENSCHAPPEN_ZAAD ?? 20261204);
const VERZOEKEN = 300;

describe('the API against its own OpenAPI document (generated input)', () => {
  let env: TestWorkflowEnvironment;
  let worker: { stop(): Promise<void> } | undefined;
  let api: DraaiendeApi;
  let bearer: string;
  const vandaag = amsterdamDatum(new Date());

  beforeAll(async () => {
    env = await devServerOmgeving();
    worker = await draaiendeWorker(env, opnemendeAdapters());
    api = await startApi(env.client, {}, { verzoekenPerMinuut: 100_000 });
    await api.werkvoorraad.gereed();
    // Every role, so requests reach past the role checks into validation and the cases.
    bearer = await api.issuer.bearer(['medewerker', 'teamleider', 'operator', 'beheerder'], [TEAM], { sub: 'prop-0001' });
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await env?.teardown();
  });

  /** Plausible strings for the document's patterns and formats; a pattern's candidates are tried until one matches. */
  const KANDIDATEN = [TEAM, 'mdw-0001', 'budgetcoaching', '1068 EW', 'abc', 'R-1', 'x'];

  function tekst(s: Schema, w: Willekeur, naam?: string): string {
    // Distinct people, so the one-open-traject rule does not refuse most aanmeldingen.
    if (naam === 'bsn') return testBsn(w.tot(1_000_000));
    if (s.format === 'date') return plusDagen(vandaag, w.kies([0, 0, -1, -2, -7, -30, 30]));
    if (s.format === 'date-time') return new Date(Date.now() - w.kies([1, 60, 3600, 86_400]) * 1000).toISOString();
    if (s.pattern) {
      const patroon = new RegExp(s.pattern);
      const past = KANDIDATEN.filter((k) => patroon.test(k));
      return past.length ? w.kies(past) : 'x';
    }
    const lengte = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 1 + w.tot(12)));
    return w.kies(['A. de Vries', 'Dam', 'tekst', '12']).padEnd(lengte, 'x').slice(0, Math.max(lengte, 1));
  }

  /** A value the schema describes (refinements the document cannot express, like the elfproef, may still refuse it). */
  function geldig(s: Schema, w: Willekeur, diepte = 0, naam?: string): unknown {
    if (s.const !== undefined) return s.const;
    if (s.enum) return w.kies(s.enum);
    const keuzes = s.anyOf ?? s.oneOf;
    if (keuzes) return geldig(w.kies(keuzes), w, diepte, naam);
    if (s.allOf) return geldig(Object.assign({}, ...s.allOf), w, diepte, naam);
    const type = Array.isArray(s.type) ? w.kies(s.type) : s.type;
    switch (type) {
      case 'object': {
        const uit: Record<string, unknown> = {};
        for (const [veld, sub] of Object.entries<Schema>(s.properties ?? {})) {
          if ((s.required ?? []).includes(veld) || (diepte < 3 && w.kans(0.5))) uit[veld] = geldig(sub, w, diepte + 1, veld);
        }
        if (s.propertyNames && s.additionalProperties) {
          for (const veld of s.propertyNames.enum ?? [])
            if (veld === 'financien' || w.kans(0.3)) uit[veld] = geldig(s.additionalProperties, w);
        }
        return uit;
      }
      case 'array': {
        const n = (s.minItems ?? 0) + w.tot(Math.max(1, Math.min(s.maxItems ?? 3, 3) - (s.minItems ?? 0) + 1));
        const items = Array.from({ length: n }, () => geldig(s.items ?? {}, w, diepte + 1));
        return items.every((i) => typeof i === 'number') ? [...new Set(items as number[])].sort((a, b) => a - b) : items;
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
        const max = s.maximum ?? Math.max(min, 1_000_000);
        const n = min + w.tot(Math.min(max - min + 1, 1_000_000));
        return type === 'integer' ? Math.floor(n) : n;
      }
      case 'boolean':
        return w.kans(0.5);
      case 'string':
        return tekst(s, w, naam);
      default:
        return {};
    }
  }

  /** A value that breaks the schema in one of the ways people and clients do. */
  function ongeldig(s: Schema, w: Willekeur): unknown {
    const basis = geldig(s, w);
    const soort = w.tot(7);
    if (basis && typeof basis === 'object' && !Array.isArray(basis)) {
      const velden = Object.keys(basis);
      const veld = velden.length ? w.kies(velden) : 'x';
      const b = basis as Record<string, unknown>;
      if (soort === 0) return { ...b, [veld]: undefined };
      if (soort === 1) return { ...b, onbekend: 1 };
      if (soort === 2) return { ...b, [veld]: w.kies([null, 12, 'x', [], {}, true, -1, 1e308]) };
      if (soort === 3) return { ...b, [veld]: w.kies(['0026-11-26', '0999-01-01', '9999-12-31', '2026-02-30', '2026-13-01']) };
      if (soort === 4) return { ...b, [veld]: 'x'.repeat(5000) };
    }
    return w.kies([null, [], 'tekst', 42, {}, { ['__proto__']: { x: 1 } }]);
  }

  function operaties(doc: Schema): Operatie[] {
    return Object.entries<Schema>(doc.paths).flatMap(([pad, methoden]) =>
      (['get', 'post'] as const).filter((m) => methoden[m]).map((methode) => ({ methode, pad, doc: methoden[methode] })),
    );
  }

  it(`answers ${VERZOEKEN} generated requests without a 5xx, each as documented`, async () => {
    const doc = (await (await fetch(`${api.basis}/v1/openapi.json`)).json()) as Schema;
    // Paths are relative to the document's server (the API's major version).
    const server = (doc.servers as { url: string }[])[0]!.url;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const w = willekeur(ZAAD);
    /** Cases made along the way, so later requests reach real ones too. */
    const zaken: Record<'melding' | 'traject', string[]> = { melding: [], traject: [] };
    const alle = operaties(doc);
    const afwijkingen: unknown[] = [];
    // First some cases from generated valid bodies, so the routes on a case reach real ones.
    const aanmaken = alle.filter((o) => o.pad === '/meldingen' || o.pad === '/aanmeldingen');

    const idVoor = (pad: string) => {
      const soort = pad.startsWith('/meldingen') ? 'melding' : 'traject';
      const bestaand = zaken[soort];
      if (bestaand.length && w.kans(0.85)) {
        const id = w.kies(bestaand);
        return w.kans(0.1) ? `${id}-beschikkingstermijn` : id;
      }
      return w.kies([`${soort}-onbekend`, `${soort}-${'a'.repeat(120)}`, 'persoon-abc', '%2e%2e', `${soort}-ABC`]);
    };

    for (let i = 0; i < VERZOEKEN; i++) {
      const op = i < VERZOEKEN / 5 ? w.kies(aanmaken) : w.kies(alle);
      const goed = i < VERZOEKEN / 5 || w.kans(0.6);
      let url = op.pad.replace('{id}', () => encodeURIComponent(idVoor(op.pad))).replace('{team}', () => (w.kans(0.9) ? TEAM : 'Zuid!'));
      const query = new URLSearchParams();
      for (const p of (op.doc.parameters ?? []) as Schema[]) {
        if (p.in !== 'query' || !(p.required || w.kans(0.4))) continue;
        const waarde = goed ? geldig(p.schema, w) : w.kans(0.5) ? ongeldig(p.schema, w) : geldig(p.schema, w);
        query.set(p.name, typeof waarde === 'object' ? JSON.stringify(waarde) : String(waarde));
      }
      if (op.pad === '/rapportage' || op.pad === '/rapportage/ddas') {
        if (goed) (query.set('van', plusDagen(vandaag, -30)), query.set('tot', vandaag));
        if (query.has('buurtteam') || op.pad === '/rapportage') query.set('buurtteam', TEAM);
      }
      if ([...query].length) url += `?${query}`;

      const headers: Record<string, string> = { authorization: bearer, 'content-type': 'application/json' };
      let body: string | undefined;
      if (op.methode === 'post') {
        const schema = op.doc.requestBody?.content?.['application/json']?.schema ?? {};
        const waarde = goed ? geldig(schema, w) : ongeldig(schema, w);
        if (goed && waarde && typeof waarde === 'object' && 'buurtteam' in waarde) (waarde as Record<string, unknown>).buurtteam = TEAM;
        body = w.kans(0.03) ? '{"niet af' : JSON.stringify(waarde ?? null);
        if (w.kans(0.1)) headers['idempotency-key'] = `prop-${w.tot(20)}`;
        if (w.kans(0.03)) headers['content-type'] = w.kies(['application/json; charset=iso-8859-1', 'application/json; charset=klingon']);
      }
      if (w.kans(0.03)) headers.authorization = 'Bearer kapot';

      const antwoord = await fetch(`${api.basis}${server}${url}`, { method: op.methode.toUpperCase(), headers, body });
      const tekstBody = await antwoord.text();
      const soort = antwoord.headers.get('content-type') ?? '';
      const json = soort.includes('json') && tekstBody ? JSON.parse(tekstBody) : undefined;
      if (antwoord.status === 201 && typeof json?.id === 'string') zaken[op.pad === '/meldingen' ? 'melding' : 'traject'].push(json.id);

      const beschreven = op.doc.responses?.[String(antwoord.status)];
      const fout = (waarom: string) =>
        afwijkingen.push({
          i,
          methode: op.methode,
          url,
          body: body?.slice(0, 300),
          status: antwoord.status,
          antwoord: tekstBody.slice(0, 300),
          waarom,
        });
      if (antwoord.status >= 500) fout('5xx');
      else if (!beschreven) fout('status niet beschreven');
      else if (beschreven.content) {
        const [mediatype, inhoud] = Object.entries<Schema>(beschreven.content).find(([m]) => soort.startsWith(m)) ?? [];
        if (!mediatype) fout(`content-type ${soort} niet beschreven`);
        // An external $ref (the DDAS model) is checked in rapportage.test.ts against the published schema.
        else if (json !== undefined && inhoud?.schema && !JSON.stringify(inhoud.schema).includes('"$ref"')) {
          if (!ajv.validate(inhoud.schema, json)) fout(`body wijkt af: ${ajv.errorsText()}`);
        }
      }
    }
    expect(afwijkingen).toEqual([]);
    // The generator reached real cases, not only refusals.
    expect(zaken.melding.length + zaken.traject.length).toBeGreaterThan(0);
  });
});
