import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { stuur, stuurZaakstatus } from '../api/antwoord';
import { openapiDocument } from '../api/openapi';
import { adviesStatusSchema, klachtenSchema, trajectStatusSchema, volgens } from '../common/antwoorden';
import type { TrajectStatus } from '../workflows/types';

/**
 * The answers' schemas (common/antwoorden.ts): the API sends a status only as its schema shapes it,
 * the OpenAPI document refuses what the schema does not name, and tsc refuses a schema that differs
 * from its workflow type (the `@ts-expect-error` lines below fail `tsc` when the check lets one through).
 */

const status: TrajectStatus = {
  trajectId: 'traject-abc',
  buurtteam: 'noord',
  aanmeldDatum: '2026-11-02',
  client: { naam: 'A. de Vries' },
  fase: 'intake',
  faseHistorie: [{ fase: 'intake', vanaf: '2026-11-02T09:00:00.000Z', door: 'mdw-1' }],
  intake: {},
  toestemming: { vastleggen: true, delen: false, datum: '2026-11-02' },
  toestemmingHistorie: [],
  crisisinterventie: false,
  flankmodules: [],
  openTaken: ['intake-plannen'],
  verzondenAlerts: [],
  storingen: [],
  termijnStoringen: [],
  openstaandeRegistraties: 1,
  registratieVolgnummer: 1,
};

/** What a status might carry that its type does not name: the registrations with the BSN, a BSN beside the name. */
const metInterneVelden = {
  ...status,
  teDelen: [{ idempotencyKey: 'k', trajectId: 'traject-abc', gebeurtenis: 'aanmelding', bsn: '111222333', gegevens: {} }],
  client: { naam: 'A. de Vries', bsn: '111222333' },
  faseHistorie: [{ ...status.faseHistorie[0]!, notitie: 'intern' }],
};

function opvanger() {
  const verzonden: unknown[] = [];
  return { res: { json: (b: unknown) => verzonden.push(b) } as unknown as Response, verzonden };
}

describe('answers shaped by their schemas', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never sends a field the schema does not name, at any depth', () => {
    const { res, verzonden } = opvanger();
    stuurZaakstatus(res, 'traject-', metInterneVelden, 'team');
    expect(verzonden).toEqual([status]);
    expect(JSON.stringify(verzonden)).not.toContain('111222333');
  });

  it("sends an operator the case's view without personal data, through its own schema", () => {
    const { res, verzonden } = opvanger();
    stuurZaakstatus(res, 'traject-', metInterneVelden, 'operator');
    const [weergave] = verzonden as Record<string, unknown>[];
    expect(weergave).toMatchObject({ trajectId: 'traject-abc', fase: 'intake', toestemming: { vastleggen: true, delen: false } });
    expect(weergave).not.toHaveProperty('client');
    expect(weergave).not.toHaveProperty('storingen');
    expect(JSON.stringify(weergave)).not.toContain('De Vries');
  });

  it('refuses to send an answer that does not fit its schema, and logs where, never the values', () => {
    const log = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const { res, verzonden } = opvanger();
    const kapot = { ...status, fase: 'onbekend', client: { naam: 42 } } as unknown as TrajectStatus;
    expect(() => stuur(res, trajectStatusSchema, kapot)).toThrow('antwoord past niet in zijn schema');
    expect(verzonden).toEqual([]);
    const regel = String(log.mock.calls[0]?.[0]);
    expect(regel).toContain('"pad":"fase"');
    expect(regel).toContain('"pad":"client.naam"');
    expect(regel).not.toContain('onbekend');
  });

  it("documents the status in the OpenAPI document so that a field it does not name fails the document's schema", () => {
    const doc = openapiDocument() as { paths: Record<string, Record<string, any>> };
    const schema = doc.paths['/trajecten/{id}']!.get.responses[200].content['application/json'].schema;
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validate(schema, status)).toBe(true);
    expect(ajv.validate(schema, { ...status, teDelen: [] })).toBe(false);
    expect(ajv.validate(schema, { ...status, client: { naam: 'x', bsn: '111222333' } })).toBe(false);
    const { registratieVolgnummer: _, ...zonder } = status;
    expect(ajv.validate(schema, zonder)).toBe(false);
  });

  it('documents every operation with its own operationId, and every JSON answer with the fields it has', () => {
    const doc = openapiDocument() as { paths: Record<string, Record<string, any>> };
    const operaties = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = operaties.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // A bare `{ type: 'object' }` says nothing of an answer; the DDAS model is the one external $ref.
    const kaal = operaties.flatMap((o) =>
      Object.entries<any>(o.responses)
        .filter(([status]) => /^2/.test(status))
        .map(([status, a]) => [o.operationId, status, a.content?.['application/json']?.schema] as const)
        .filter(([, , schema]) => schema && !schema.$ref && !schema.properties && !schema.oneOf)
        .map(([id, status]) => `${id} ${status}`),
    );
    expect(kaal).toEqual([]);
  });

  it('lets tsc refuse a schema that differs from its type in a field, its type or its optionality', () => {
    type T = { a: string; b?: { c: number; d?: string } };
    const c = z.number();
    const d = z.string().optional();
    const gelijk = volgens<T>()(z.object({ a: z.string(), b: z.object({ c, d }).optional() }));
    const extraVeld = z.object({ a: z.string(), b: z.object({ c, d, e: z.string().optional() }).optional() });
    const zonderVeld = z.object({ a: z.string(), b: z.object({ c }).optional() });
    const verplicht = z.object({ a: z.string(), b: z.object({ c, d }) });
    const anderType = z.object({ a: z.number(), b: z.object({ c, d }).optional() });
    // @ts-expect-error a field the type does not have, even an optional one deep down
    volgens<T>()(extraVeld);
    // @ts-expect-error an optional field of the type left out of the schema
    volgens<T>()(zonderVeld);
    // @ts-expect-error required in the schema, optional in the type
    volgens<T>()(verplicht);
    // @ts-expect-error another type
    volgens<T>()(anderType);
    expect(gelijk.parse({ a: 'x', b: { c: 1, e: 2 } })).toEqual({ a: 'x', b: { c: 1 } });
  });

  it('fits the status every stored history ended with, so that cases of every earlier shape still answer', () => {
    // Closed cases' results are read back (the rapportage) and statuses are shaped by these schemas:
    // a field the type declares required that an older case never had must not break either.
    const schemas: Record<string, z.ZodType> = {
      schuldhulpTraject: trajectStatusSchema,
      informatieAdvies: adviesStatusSchema,
      klachtenregistratie: klachtenSchema,
    };
    const map = join(__dirname, 'histories');
    let gelezen = 0;
    for (const bestand of readdirSync(map).filter((b) => b.endsWith('.json'))) {
      const schema = schemas[bestand.split('-')[0]!];
      const { events } = JSON.parse(readFileSync(join(map, bestand), 'utf8')) as { events: Record<string, any>[] };
      const einde = events.at(-1)!.workflowExecutionCompletedEventAttributes as { result?: { payloads: { data: string }[] } } | undefined;
      if (!schema || !einde?.result) continue;
      const resultaat: unknown = JSON.parse(Buffer.from(einde.result.payloads[0]!.data, 'base64').toString('utf8'));
      const uitkomst = schema.safeParse(resultaat);
      expect(uitkomst.success ? 'past' : `${bestand}: ${uitkomst.error.issues.map((i) => i.path.join('.')).join(', ')}`).toBe('past');
      gelezen++;
    }
    expect(gelezen).toBeGreaterThanOrEqual(8);
  });
});
