import { createRulesetFunction, type RulesetDefinition } from '@stoplight/spectral-core';
import { enumeration, pattern, truthy } from '@stoplight/spectral-functions';

/**
 * The checkable NLGov REST API Design Rules (Logius ADR 2.0 core, plus the 2.1 naming rules) as a
 * Spectral ruleset, our own: Logius' ruleset is published only as a URL and the lint must run offline.
 * Each rule is named after its ADR id; https://gitdocumentatie.logius.nl/publicatie/api/adr/ has the text.
 */

const ANTWOORD_2XX_3XX = '$.paths[*][*].responses[?(@property.match(/^[23]/))]';
const ANTWOORD_4XX_5XX = '$.paths[*][*].responses[?(@property.match(/^[45]/))]';

/** Path item fields that are no HTTP method (OAS 3.1 §4.8.9); `trace` is left out on purpose. */
const PADVELDEN = ['summary', 'description', 'servers', 'parameters', '$ref'];

/**
 * A literal segment followed by a path parameter names a collection: a Dutch plural noun (-en, -s, -'s).
 * A heuristic: a plural ending does not prove a plural, but a collection without one stands out.
 */
const collectieMeervoud = createRulesetFunction<string, null>({ input: { type: 'string' }, options: null }, (pad) => {
  const segmenten = pad.split('/').filter(Boolean);
  return segmenten.flatMap((segment, i) =>
    !segment.startsWith('{') && segmenten[i + 1]?.startsWith('{') && !/(en|s|'s)$/.test(segment)
      ? [{ message: `collectie '${segment}' is geen meervoud` }]
      : [],
  );
});

/** GET /openapi.json exists and asks for no authentication (an empty `security`). */
const openbaarDocument = createRulesetFunction<Record<string, { get?: { security?: unknown[] } }>, null>(
  { input: { type: 'object' }, options: null },
  (paden) => {
    const security = paden['/openapi.json']?.get?.security;
    return Array.isArray(security) && security.length === 0 ? [] : [{ message: 'GET /openapi.json ontbreekt of vraagt authenticatie' }];
  },
);

export const nlgovRegels: RulesetDefinition = {
  documentationUrl: 'https://gitdocumentatie.logius.nl/publicatie/api/adr/2.0.2/',
  rules: {
    // /core/doc-openapi: the API is documented in OpenAPI 3.0 or newer.
    '/core/doc-openapi': {
      message: 'beschrijf de API in OpenAPI 3: {{error}}',
      severity: 'error',
      given: '$',
      then: { field: 'openapi', function: pattern, functionOptions: { match: '^3\\.\\d+\\.\\d+$' } },
    },
    // /core/doc-openapi-contact: contact information (name, url, email) for a publicly available API.
    '/core/doc-openapi-contact': {
      message: 'info.contact mist {{property}}',
      severity: 'warn',
      given: '$.info',
      then: ['contact.name', 'contact.url', 'contact.email'].map((field) => ({ field, function: truthy })),
    },
    // /core/publish-openapi: the OAS document is published, in JSON, at openapi.json under the base URL
    // (readable without authentication).
    '/core/publish-openapi': {
      message: 'publiceer het document op /openapi.json, zonder authenticatie',
      severity: 'error',
      given: '$.paths',
      then: { function: openbaarDocument },
    },
    // /core/uri-version: the major version, and only that, is in the URI (here: the servers' base URL).
    '/core/uri-version': {
      message: 'de basis-URL eindigt op het hoofdversienummer (/v1)',
      severity: 'error',
      given: '$.servers[*]',
      then: { field: 'url', function: pattern, functionOptions: { match: '/v\\d+$' } },
    },
    // /core/semver: the API is versioned with Semantic Versioning (info.version is major.minor.patch).
    '/core/semver': {
      message: 'info.version is geen semantische versie: {{error}}',
      severity: 'error',
      given: '$.info',
      then: {
        field: 'version',
        function: pattern,
        functionOptions: { match: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$' },
      },
    },
    // /core/version-header: every response carries the full version in the API-Version header; checked
    // on the 2xx and 3xx answers, as Logius' own ruleset does.
    '/core/version-header': {
      message: 'antwoord declareert de header API-Version niet',
      severity: 'error',
      given: ANTWOORD_2XX_3XX,
      then: { field: 'headers.API-Version', function: truthy },
    },
    // /core/error-handling/problem-details: errors are RFC 9457 problem details.
    '/core/error-handling/problem-details': {
      message: 'foutantwoord zonder application/problem+json',
      severity: 'error',
      given: ANTWOORD_4XX_5XX,
      then: { field: 'content.application/problem+json', function: truthy },
    },
    // /core/no-trailing-slash: URIs leave off the trailing slash.
    '/core/no-trailing-slash': {
      message: 'pad eindigt op een slash: {{property}}',
      severity: 'error',
      given: '$.paths',
      then: { field: '@key', function: pattern, functionOptions: { notMatch: '.+/$' } },
    },
    // /core/http-methods: only the standard HTTP methods (GET, POST, PUT, PATCH, DELETE; HEAD and OPTIONS).
    '/core/http-methods': {
      message: 'geen standaard HTTP-methode: {{value}}',
      severity: 'error',
      given: '$.paths[*]',
      then: {
        field: '@key',
        function: enumeration,
        functionOptions: { values: ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', ...PADVELDEN] },
      },
    },
    // /core/naming-collections: a collection is a plural noun (ours are Dutch: meldingen, trajecten, teams).
    '/core/naming-collections': {
      message: '{{error}}',
      severity: 'warn',
      given: '$.paths',
      then: { field: '@key', function: collectieMeervoud },
    },
    // /core/path-segments-kebab-case (ADR 2.1): path segments in lower case, words joined by hyphens.
    '/core/path-segments-kebab-case': {
      message: 'padsegment niet in kebab-case: {{property}}',
      severity: 'error',
      given: '$.paths',
      then: {
        field: '@key',
        function: pattern,
        functionOptions: { match: '^(/([a-z0-9]+(-[a-z0-9]+)*|\\{[A-Za-z0-9]+\\}|openapi\\.json))+$' },
      },
    },
    // /core/query-keys-camel-case (ADR 2.1): query parameters in camelCase.
    '/core/query-keys-camel-case': {
      message: 'query-parameter niet in camelCase: {{value}}',
      severity: 'error',
      given: '$.paths[*][*].parameters[?(@.in == "query")]',
      then: { field: 'name', function: pattern, functionOptions: { match: '^[a-z][a-zA-Z0-9]*$' } },
    },
  },
};
