import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../api/openapi';
import { nlgovRegels } from './helpers/nlgovRegels';

/**
 * The OpenAPI document linted with Spectral's `oas` ruleset and the NLGov API Design Rules
 * (test/helpers/nlgovRegels.ts). Municipalities apply these rules "pas toe of leg uit": every finding is
 * either fixed or listed below with the reason it stays. Runs offline: the one remote $ref (the DDAS
 * schema) resolves to its copy in docs/ddas/, any other remote $ref fails the lint.
 */

/** Findings that stay, by rule and path (the finding's JSON pointer, matched whole), each with why. */
const UITGELEGD: { regel: string; pad: RegExp; waarom: string }[] = [
  {
    regel: 'operation-description',
    pad: /^\/paths\/.+\/(get|post)$/,
    waarom: 'elke operatie is volledig beschreven in haar summary; een aparte description zou die herhalen',
  },
  {
    regel: '/core/doc-openapi-contact',
    pad: /^\/info\/contact$/,
    waarom:
      'geen e-mail: de gemeente heeft (nog) geen postbus van het beheerteam gepubliceerd; naam en url staan er (de regel is een SHOULD)',
  },
  {
    regel: '/core/naming-collections',
    pad: /^\/paths\/\/trajecten\/\{id\}\/minimaatwerk\/\{uitgaveId\}\/beoordeling$/,
    waarom:
      'minimaatwerk is de naam van de regeling (een stofnaam, geen meervoud mogelijk); het pad hernoemen breekt clients, kandidaat voor /v2',
  },
];
const DDAS_KOPIE = path.join(__dirname, '..', 'docs', 'ddas', 'uitwisselmodel-v0.9.schema.json');

const offline = new Resolver({
  resolvers: {
    https: {
      resolve: async (uri) => {
        if (uri.toString() === 'https://raw.githubusercontent.com/VNG-Realisatie/ddas/main/v0.9/json_schema_Uitwisselmodel.json') {
          return readFile(DDAS_KOPIE, 'utf8');
        }
        throw new Error(`geen netwerk in de lint: ${uri.toString()}`);
      },
    },
  },
});

async function lint(document: unknown): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral({ resolver: offline });
  // The package's declaration of `oas` does not match RulesetDefinition; the object is one.
  spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended'], nlgovRegels], rules: {} });
  return spectral.run(new Document(JSON.stringify(document, null, 2), Json, 'openapi.json'));
}

const pointer = (d: ISpectralDiagnostic) => '/' + d.path.join('/');
const uitgelegd = (d: ISpectralDiagnostic) => UITGELEGD.some((u) => u.regel === d.code && u.pad.test(pointer(d)));

describe('OpenAPI document against the NLGov API Design Rules', () => {
  it('has no findings but the explained ones', async () => {
    const bevindingen = (await lint(openapiDocument())).filter((d) => d.severity <= 1); // errors and warnings
    expect(bevindingen.filter((d) => !uitgelegd(d)).map((d) => `${String(d.code)} ${pointer(d)}: ${d.message}`)).toEqual([]);
    // An explanation that no finding needs any more is stale: remove it.
    const overbodig = UITGELEGD.filter((u) => !bevindingen.some((d) => u.regel === d.code && u.pad.test(pointer(d))));
    expect(overbodig.map((u) => u.regel)).toEqual([]);
  });

  it('fetches no remote $ref: an unknown one is a finding', async () => {
    const doc = structuredClone(openapiDocument()) as Record<string, any>;
    doc.paths['/ik'].get.responses[200].content['application/json'].schema = { $ref: 'https://example.org/schema.json' };
    const fouten = (await lint(doc)).filter((d) => d.severity === 0).map((d) => d.message);
    expect(fouten.join('\n')).toContain('geen netwerk in de lint: https://example.org/schema.json');
  });

  type Doc = Record<string, any>;
  const operatie = (doc: Doc, pad: string, methode = 'get') => doc.paths[pad][methode];
  // Each NLGov rule, broken once in a copy of the real document, must be reported.
  it.each<[string, (doc: Doc) => void]>([
    ['/core/doc-openapi', (doc) => void (doc.openapi = '2.0')],
    ['/core/doc-openapi-contact', (doc) => void delete doc.info.contact.url],
    ['/core/publish-openapi', (doc) => void delete operatie(doc, '/openapi.json').security],
    ['/core/uri-version', (doc) => void (doc.servers = [{ url: '/api' }])],
    ['/core/semver', (doc) => void (doc.info.version = '1.0')],
    ['/core/version-header', (doc) => void delete operatie(doc, '/meldingen/{id}').responses[200].headers],
    [
      '/core/error-handling/problem-details',
      (doc) => void (operatie(doc, '/meldingen/{id}').responses[404] = { description: 'x', content: { 'application/json': {} } }),
    ],
    ['/core/no-trailing-slash', (doc) => void (doc.paths['/ik/'] = doc.paths['/ik'])],
    ['/core/http-methods', (doc) => void (doc.paths['/ik'].trace = operatie(doc, '/ik'))],
    ['/core/naming-collections', (doc) => void (doc.paths['/traject/{id}'] = doc.paths['/trajecten/{id}'])],
    ['/core/path-segments-kebab-case', (doc) => void (doc.paths['/teams/{team}/minimaatwerkBudget'] = doc.paths['/ik'])],
    [
      '/core/query-keys-camel-case',
      (doc) => void operatie(doc, '/audit').parameters.push({ name: 'zaak_id', in: 'query', schema: { type: 'string' } }),
    ],
  ])('reports %s', async (regel, breek) => {
    const doc = structuredClone(openapiDocument()) as Doc;
    breek(doc);
    expect((await lint(doc)).map((d) => d.code)).toContain(regel);
  });
});
