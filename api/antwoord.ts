import type { Response } from 'express';
import type { z, ZodType } from 'zod';
import {
  adviesStatusSchema,
  meldingStatusSchema,
  operatorAdviesSchema,
  operatorMeldingSchema,
  operatorTrajectSchema,
  trajectStatusSchema,
} from '../common/antwoorden';
import { logJson } from '../common/jsonLog';
import type { AdviesStatus, MeldingStatus, TrajectStatus } from '../workflows/types';
import { operatorAdviesStatus, operatorMeldingStatus, operatorTrajectStatus } from './operatorWeergave';
import type { Zaakprefix } from './zaaktoegang';

/**
 * Answers `waarde` as its schema (common/antwoorden.ts) shapes it: a field the schema does not name
 * never leaves the API. An answer that does not fit its schema is a fault of the API (500), logged
 * with the paths and codes of the differences only, never the values.
 */
export function stuur<S extends ZodType>(res: Response, schema: S, waarde: z.input<S>): void {
  const uitkomst = schema.safeParse(waarde);
  if (!uitkomst.success) {
    const verschillen = uitkomst.error.issues.map((i) => ({ pad: i.path.join('.'), code: i.code }));
    logJson('ERROR', 'antwoord past niet in zijn schema', { verschillen });
    throw new Error('antwoord past niet in zijn schema');
  }
  res.json(uitkomst.data);
}

/**
 * A case's status: whole for the case's own team, or as an operator outside it sees it
 * (api/operatorWeergave.ts), without personal data. The prefix says which kind of status it is.
 */
export function stuurZaakstatus(res: Response, prefix: Zaakprefix, status: unknown, voor: 'team' | 'operator'): void {
  const team = voor === 'team';
  if (prefix === 'traject-') {
    const s = status as TrajectStatus;
    return team ? stuur(res, trajectStatusSchema, s) : stuur(res, operatorTrajectSchema, operatorTrajectStatus(s));
  }
  if (prefix === 'melding-') {
    const s = status as MeldingStatus;
    return team ? stuur(res, meldingStatusSchema, s) : stuur(res, operatorMeldingSchema, operatorMeldingStatus(s));
  }
  const s = status as AdviesStatus;
  return team ? stuur(res, adviesStatusSchema, s) : stuur(res, operatorAdviesSchema, operatorAdviesStatus(s));
}
