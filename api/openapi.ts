import { z, type ZodType } from 'zod';
import * as schemas from '../common/schemas';
import * as antwoorden from '../common/antwoorden';
import { UPDATE_ROUTES } from './updateRoutes';
import type { Zaakprefix } from './zaaktoegang';

/** OpenAPI 3.1 description of the API, generated from the same zod schemas that validate requests and shape answers. */

/** A request schema as the client sends it (`input`), or an answer as the API sends it (`output`, no other fields). */
function jsonSchema(schema: ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const body = (schema: ZodType) => ({ required: true, ...json(jsonSchema(schema)) });
/** Semantic version of this API; answered in every response's API-Version header (NLGov API design rules). */
export const API_VERSIE = '1.0.0';

/** RFC 9457 problem details (api/fouten.ts `stuurProbleem`). */
const probleem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: "'about:blank': de HTTP-status zegt wat voor fout het is" },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'wat er mis is, in het Nederlands' },
    fout: { type: 'string', description: 'gelijk aan detail, voor bestaande clients' },
    velden: {
      type: 'array',
      description: 'ongeldige velden, met hun pad in het verzoek',
      items: { type: 'object', properties: { pad: { type: 'string' }, melding: { type: 'string' } } },
    },
  },
};
const probleemAntwoord = (schema: Record<string, unknown>) => ({ content: { 'application/problem+json': { schema } } });
const fout = { description: 'fout', ...probleemAntwoord(probleem) };
const fouten = {
  400: { ...fout, description: 'ongeldige invoer' },
  401: { ...fout, description: 'geen of ongeldig Bearer-token' },
  403: { ...fout, description: 'rol of buurtteam geeft geen toegang' },
  404: { ...fout, description: 'onbekende zaak, of een zaak van een ander buurtteam' },
  413: { ...fout, description: 'verzoek te groot' },
  415: { ...fout, description: 'tekenset of compressie van het verzoek niet ondersteund' },
  503: { ...fout, description: 'Temporal niet bereikbaar' },
};
/** 409 of an aanmelding, a hand-over or an opschaling for a person with a traject (api/zaaktoegang.ts). */
const openTraject = {
  description:
    'deze persoon heeft al een open traject (het trajectId alleen voor een medewerker van het eigen buurtteam), of haar vorige traject wordt net afgesloten (Retry-After)',
  ...probleemAntwoord({ ...probleem, properties: { ...probleem.properties, trajectId: { type: 'string' } } }),
};
const zaakParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: 'maakt een herhaald verzoek veilig',
};
const antwoord = (schema: ZodType) => json(jsonSchema(schema, 'output'));
const gestart = { description: 'zaak gestart (201) of bestond al (200)', ...antwoord(antwoorden.gestartSchema) };
const meldingOntvangen = {
  description:
    'melding gestart (201; ook na een afgesloten melding van het huishouden: een nieuw signaal opent een nieuwe melding), ' +
    'of als signaal toegevoegd aan de open melding van hetzelfde huishouden (200; opgepakt, of niet bij een herhaalde ' +
    'melding zonder hogere achterstand). Hetzelfde signaal nogmaals (een herhaald verzoek) geeft 200 met de melding ' +
    'waarmee het binnenkwam, ook als die inmiddels is afgesloten',
  ...antwoord(antwoorden.meldingOntvangenSchema),
};
/** A case's status (api/antwoord.ts): whole for its own team, or without personal data for an operator outside it. */
const ZAAKSTATUS: Record<Zaakprefix, [ZodType, ZodType]> = {
  'melding-': [antwoorden.meldingStatusSchema, antwoorden.operatorMeldingSchema],
  'traject-': [antwoorden.trajectStatusSchema, antwoorden.operatorTrajectSchema],
  'advies-': [antwoorden.adviesStatusSchema, antwoorden.operatorAdviesSchema],
};
const zaakstatus = (prefix: Zaakprefix) => ({
  description: 'actuele status van de zaak',
  ...json({ oneOf: ZAAKSTATUS[prefix].map((s) => jsonSchema(s, 'output')) }),
});

/** VNG's published schema of the DDAS uitwisselmodel v0.9 (a copy is in docs/ddas/). */
const DDAS_SCHEMA_ID = 'https://raw.githubusercontent.com/VNG-Realisatie/ddas/main/v0.9/json_schema_Uitwisselmodel.json';

/** Query parameters from a zod object's fields; required unless the field may be left out. */
function queryParameters(shape: Record<string, ZodType>) {
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    schema: jsonSchema(schema),
  }));
}

/** Vroeg Eropaf-meldingen: registreren, status, terugkoppeling (api/routes/meldingen.ts). */
function meldingPaden() {
  return {
    '/meldingen': {
      post: {
        operationId: 'meldingRegistreren',
        summary:
          'Vroeg Eropaf-melding van een schuldeiser: een betalingsachterstand, of een crisissignaal (Wgs art. 4 lid 2: huisuitzetting, ' +
          'energieafsluiting, waterafsluiting, zorgverzekering beëindigd). Een afsluitsignaal van een energieleverancier minder dan 20 ' +
          'werkdagen vóór de afsluiting wordt niet geweigerd: het is de meest urgente crisis en telt in de rapportage mee per leverancier',
        requestBody: body(schemas.meldingSchema),
        responses: {
          200: meldingOntvangen,
          201: meldingOntvangen,
          409: { ...fout, description: 'het huishouden heeft een open melding bij een ander buurtteam' },
          ...fouten,
          503: { ...fout, description: 'Temporal niet bereikbaar, of het signaal is niet vastgelegd; probeer het opnieuw' },
        },
      },
    },
    '/meldingen/{id}': {
      get: {
        operationId: 'meldingOpvragen',
        summary: 'Status van een melding',
        parameters: [zaakParam],
        responses: { 200: zaakstatus('melding-'), ...fouten },
      },
    },
    '/meldingen/{id}/terugkoppeling': {
      get: {
        operationId: 'terugkoppelingOpvragen',
        summary: 'Terugkoppeling aan de schuldeisers (DDAS): per signaal de status, nooit een reden die DDAS afschermt',
        parameters: [zaakParam],
        responses: {
          200: {
            description: 'per signaal: signaalId, schuldeiser, referentie, status',
            ...antwoord(antwoorden.terugkoppelingSchema),
          },
          ...fouten,
        },
      },
    },
  };
}

/** Schuldhulptrajecten: aanmelden en status (api/routes/trajecten.ts). */
function trajectPaden() {
  return {
    '/aanmeldingen': {
      post: {
        operationId: 'aanmeldingRegistreren',
        summary: 'Aanmelding voor een schuldhulptraject',
        parameters: [idempotencyKey],
        requestBody: body(schemas.aanmeldingSchema),
        responses: {
          200: gestart,
          201: gestart,
          409: openTraject,
          422: { ...fout, description: 'Idempotency-Key al gebruikt voor een ander verzoek' },
          ...fouten,
        },
      },
    },
    '/trajecten/{id}': {
      get: {
        operationId: 'trajectOpvragen',
        summary: 'Status van een traject',
        parameters: [zaakParam],
        responses: { 200: zaakstatus('traject-'), ...fouten },
      },
    },
  };
}

/** Informatie en advies: registreren, status, opschalen naar Route 020 (api/routes/adviezen.ts). */
function adviesPaden() {
  return {
    '/adviezen': {
      post: {
        operationId: 'adviesRegistreren',
        summary: 'Informatie en advies (werkkader §2.4.2): lichte registratie, zonder beschikking of beschikkingstermijn',
        parameters: [idempotencyKey],
        requestBody: body(schemas.adviesSchema),
        responses: {
          200: gestart,
          201: gestart,
          422: { ...fout, description: 'Idempotency-Key al gebruikt voor een ander verzoek' },
          ...fouten,
        },
      },
    },
    '/adviezen/{id}': {
      get: {
        operationId: 'adviesOpvragen',
        summary: 'Status van een advies',
        parameters: [zaakParam],
        responses: { 200: zaakstatus('advies-'), ...fouten },
      },
    },
    '/adviezen/{id}/opschaling': {
      post: {
        operationId: 'adviesOpschalen',
        summary: 'Opschalen naar een schuldhulptraject (Route 020); het advies sluit als opgeschaald, het traject staat in Location',
        parameters: [zaakParam, idempotencyKey],
        requestBody: body(schemas.overdrachtSchema),
        responses: {
          200: { description: 'al opgeschaald: het advies met zijn traject', ...antwoord(antwoorden.adviesStatusSchema) },
          201: { description: 'traject gestart; het advies met zijn traject', ...antwoord(antwoorden.adviesStatusSchema) },
          409: openTraject,
          422: { ...fout, description: 'het traject van dit advies is gestart met een ander verzoek' },
          ...fouten,
        },
      },
    },
  };
}

/** Werkvoorraad en overzicht van een buurtteam (api/routes/teams.ts). */
function teamPaden() {
  return {
    '/teams/{team}/taken': {
      get: {
        operationId: 'werkvoorraadOpvragen',
        summary: 'Werkvoorraad van een buurtteam',
        parameters: [
          { name: 'team', in: 'path', required: true, schema: jsonSchema(schemas.sleutel) },
          ...Object.entries(jsonSchema(schemas.werkvoorraadQuerySchema).properties as Record<string, unknown>).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
          })),
        ],
        responses: {
          200: {
            description: 'één pagina open zaken, meest urgente termijn eerst; volgende pagina met cursor = volgende',
            ...antwoord(antwoorden.werkvoorraadSchema),
          },
          ...fouten,
        },
      },
    },
    '/teams/{team}/overzicht': {
      get: {
        operationId: 'overzichtOpvragen',
        summary: 'Overzicht voor de teamleider: overschreden en bedreigde termijnen, te late huisbezoeken, zaken per fase en regievoerder',
        parameters: [{ name: 'team', in: 'path', required: true, schema: jsonSchema(schemas.sleutel) }],
        responses: { 200: { description: 'overzicht van het team', ...antwoord(antwoorden.overzichtSchema) }, ...fouten },
      },
    },
  };
}

/** Klachtenmonitoring (api/klachten.ts). */
function klachtenPaden() {
  const team = { name: 'team', in: 'path', required: true, schema: jsonSchema(schemas.sleutel) };
  return {
    '/teams/{team}/klachten': {
      post: {
        operationId: 'klachtRegistreren',
        summary:
          'Klacht registreren die het buurtteam ontving (teamleider van het team): aard en datum, geen persoonsgegevens en geen vrije tekst (werkkader hoofdstuk 5)',
        parameters: [team, idempotencyKey],
        requestBody: body(schemas.klachtSchema),
        responses: {
          201: { description: 'geregistreerd (ook bij herhaling met dezelfde Idempotency-Key)', ...antwoord(antwoorden.klachtSchema) },
          409: { ...fout, description: 'de registratie van het jaar van ontvangst is gesloten' },
          ...fouten,
        },
      },
      get: {
        operationId: 'klachtenOpvragen',
        summary: 'Klachten van het buurtteam ontvangen in een jaar (teamleider van het team, beheerder)',
        parameters: [team, ...queryParameters(schemas.klachtenQuerySchema.shape)],
        responses: {
          200: {
            description: 'de klachten met hun afdoening',
            ...antwoord(antwoorden.klachtenSchema),
          },
          ...fouten,
        },
      },
    },
    '/teams/{team}/klachten/{klachtId}/afdoening': {
      post: {
        operationId: 'klachtAfdoen',
        summary: 'Wijze en datum van afdoening van een klacht vastleggen (teamleider van het team); eenmaal, herhaling is veilig',
        parameters: [team, { name: 'klachtId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body(schemas.klachtAfdoeningSchema),
        responses: {
          200: { description: 'afgedaan', ...antwoord(antwoorden.klachtSchema) },
          409: { ...fout, description: 'de klacht is al anders afgedaan' },
          ...fouten,
          404: { ...fout, description: 'onbekende klacht van dit buurtteam' },
        },
      },
    },
  };
}

/** Cijfers en de DDAS-levering (api/rapportage/rapportage.ts). */
function rapportagePaden() {
  return {
    '/rapportage': {
      get: {
        operationId: 'rapportageOpvragen',
        summary:
          'Cijfers van één buurtteam over een periode (teamleider van het team, beheerder): signalen, bereikt, dagen tot eerste contactpoging, DDAS-eindresultaten, meldingen per crisissignaal, te laat gemelde afsluitsignalen per leverancier, trajecten per fase, beschikkingen op tijd; monitorgegevens (werkkader hoofdstuk 5): in-, door- en uitstroom met uitstroomkenmerk, wachttijden per stap, klachten per aard en afdoening',
        parameters: queryParameters(schemas.rapportageQuerySchema.shape),
        responses: {
          200: {
            description: 'de cijfers; met `formaat=csv` als CSV (`;`, decimale komma, UTF-8 met BOM) voor Nederlandse Excel',
            content: {
              'application/json': { schema: jsonSchema(antwoorden.rapportageSchema, 'output') },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...fouten,
        },
      },
    },
    '/rapportage/ddas': {
      get: {
        operationId: 'ddasLeveringOpvragen',
        summary:
          'Levering in het DDAS-uitwisselmodel v0.9 voor het CBS (alleen beheerder; bevat adressen; elke geleverde zaak komt in het protocol)',
        parameters: queryParameters(schemas.ddasQuerySchema.shape),
        responses: {
          200: {
            description: 'het uitwisselmodel (JSON Schema: docs/ddas/uitwisselmodel-v0.9.schema.json)',
            ...json({ $ref: DDAS_SCHEMA_ID }),
          },
          ...fouten,
        },
      },
    },
  };
}

/** Minimaatwerk: besteden, beoordelen, budget (api/minimaatwerk.ts). */
function minimaatwerkPaden() {
  return {
    '/trajecten/{id}/minimaatwerk': {
      post: {
        operationId: 'minimaatwerkBesteden',
        summary: 'Minimaatwerk besteden voor het huishouden van het traject (EUR 500 per huishouden, EUR 3000 per team per jaar)',
        parameters: [zaakParam, idempotencyKey],
        requestBody: body(schemas.minimaatwerkSchema),
        responses: {
          200: {
            description: 'geregistreerd, wacht op goedkeuring door een collega (zes ogen); resterend budget van team en huishouden',
            ...antwoord(antwoorden.budgetSchema),
          },
          409: { ...fout, description: 'budget ontoereikend of traject afgesloten' },
          ...fouten,
        },
      },
    },
    '/trajecten/{id}/minimaatwerk/{uitgaveId}/beoordeling': {
      post: {
        operationId: 'minimaatwerkBeoordelen',
        summary: 'Minimaatwerk goedkeuren of afwijzen (zes ogen: een collega van het team, niet wie de uitgave registreerde)',
        parameters: [zaakParam, { name: 'uitgaveId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body(schemas.bestedingBeoordelingSchema),
        responses: {
          200: { description: 'beoordeeld; resterend budget van team en huishouden', ...antwoord(antwoorden.budgetSchema) },
          409: { ...fout, description: 'al beoordeeld, of beoordeeld door wie de uitgave registreerde' },
          ...fouten,
          404: { ...fout, description: 'onbekende zaak of uitgave, of een zaak van een ander buurtteam' },
        },
      },
    },
    '/teams/{team}/minimaatwerkbudget': {
      get: {
        operationId: 'minimaatwerkbudgetOpvragen',
        summary: 'Minimaatwerkbudget van het team in een jaar',
        parameters: [
          { name: 'team', in: 'path', required: true, schema: jsonSchema(schemas.sleutel) },
          ...queryParameters(schemas.budgetQuerySchema.shape),
        ],
        responses: { 200: { description: 'budget, besteed, resterend', ...antwoord(antwoorden.budgetSchema) }, ...fouten },
      },
    },
  };
}

/** De API zelf, de gebruiker en het protocol (api/routes/beheer.ts). */
function beheerPaden() {
  return {
    '/openapi.json': {
      get: {
        operationId: 'beschrijvingOpvragen',
        summary: 'Deze beschrijving',
        security: [],
        responses: { 200: { description: 'OpenAPI 3.1' } },
      },
    },
    '/ik': {
      get: {
        operationId: 'gebruikerOpvragen',
        summary: 'De aangemelde gebruiker: rollen en buurtteams (voor de web app)',
        // Only the token is checked here: no body, no case, no role.
        responses: {
          200: { description: 'sub, rollen, buurtteams', ...antwoord(antwoorden.gebruikerSchema) },
          401: fouten[401],
          503: fouten[503],
        },
      },
    },
    '/audit': {
      get: {
        operationId: 'protocolOpvragen',
        summary: 'Protocol (alleen beheerder): wie las of wijzigde welke zaak, wanneer, met welke uitkomst; oudste eerst',
        parameters: queryParameters(schemas.auditQuerySchema.shape),
        responses: {
          200: { description: 'regels, en `volgende` (voor `na`) als er meer zijn', ...antwoord(antwoorden.auditSchema) },
          ...fouten,
        },
      },
    },
  };
}

/** One POST per entry of UPDATE_ROUTES (api/routes/updates.ts). */
function updatePaden() {
  return Object.fromEntries(
    UPDATE_ROUTES.map((r) => [
      r.pad.replace(/:(\w+)/g, '{$1}'),
      {
        post: {
          operationId: r.operationId,
          summary: r.samenvatting,
          parameters: [
            zaakParam,
            ...Object.entries(r.padParameters?.shape ?? {}).map(([name, schema]) => ({
              name,
              in: 'path',
              required: true,
              schema: jsonSchema(schema as ZodType),
            })),
            idempotencyKey,
          ],
          requestBody: body(r.schema),
          responses: { 200: zaakstatus(r.prefix), 409: { ...fout, description: 'niet toegestaan in deze toestand' }, ...fouten },
        },
      },
    ]),
  );
}

const apiVersieHeader = {
  description: 'versie van de API (semver), in elk antwoord (NLGov API design rules /core/version-header)',
  schema: { type: 'string', example: API_VERSIE },
};

type Operatie = { tags?: string[]; responses: Record<string, { headers?: Record<string, unknown> }> };

/**
 * Declares in one place what app.ts does for every answer: the API-Version header on each 2xx and 3xx
 * response (the NLGov rule checks those; errors carry it too). Operations without tags get their
 * resource, the path's first segment, so the document groups by resource.
 */
function metVersieheaderEnTags(doc: Record<string, unknown>) {
  for (const [pad, item] of Object.entries(doc.paths as Record<string, Record<string, Operatie>>)) {
    for (const operatie of Object.values(item)) {
      operatie.tags ??= [pad.split('/')[1]!.replace(/\.json$/, '')];
      for (const [status, antwoord] of Object.entries(operatie.responses)) {
        if (!/^[23]/.test(status)) continue;
        const headers = { 'API-Version': { $ref: '#/components/headers/API-Version' }, ...antwoord.headers };
        operatie.responses[status] = { ...antwoord, headers };
      }
    }
  }
  const tags = Object.values(doc.paths as Record<string, Record<string, Operatie>>).flatMap((item) =>
    Object.values(item).flatMap((operatie) => operatie.tags ?? []),
  );
  doc.tags ??= [...new Set(tags)].map((name) => ({ name }));
  return doc;
}

let document: Record<string, unknown> | undefined;

export function openapiDocument(): Record<string, unknown> {
  document ??= metVersieheaderEnTags({
    openapi: '3.1.0',
    info: {
      title: 'schuldhulp-orchestrator',
      description: 'Schuldhulp van de Amsterdamse buurtteams: Vroeg Eropaf-meldingen, trajecten en hun wettelijke termijnen.',
      version: API_VERSIE,
      contact: { name: 'Gemeente Amsterdam, schuldhulp buurtteams', url: 'https://www.amsterdam.nl/' },
    },
    // Paths are relative to the major version; /health, /app and /codec lie outside the API.
    servers: [{ url: `/v${API_VERSIE.split('.')[0]}` }],
    components: {
      headers: { 'API-Version': apiVersieHeader },
      securitySchemes: {
        oidc: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'OpenID Connect access token; rollen en buurtteams uit de claims (zie docs/api.md)',
        },
      },
    },
    security: [{ oidc: [] }],
    paths: {
      ...beheerPaden(),
      ...meldingPaden(),
      ...trajectPaden(),
      ...adviesPaden(),
      ...teamPaden(),
      ...rapportagePaden(),
      ...minimaatwerkPaden(),
      ...klachtenPaden(),
      ...updatePaden(),
    },
  });
  return document;
}
