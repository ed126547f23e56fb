import type { Router } from 'express';
import { auditSchema, gebruikerSchema } from '../../common/antwoorden';
import * as schemas from '../../common/schemas';
import { stuur } from '../antwoord';
import type { AuditLog } from '../audit/auditLog';
import { openapiDocument } from '../openapi';
import { gebruiker, vereisRol } from '../auth/toegang';

/** What describes the API and its use rather than a case: GET /openapi.json, GET /ik and GET /audit. */
export function beheerRoutes(app: Router, audit: AuditLog): void {
  app.get('/openapi.json', (_req, res) => {
    res.json(openapiDocument());
  });

  /** Who the caller is, as the API sees them: the web app shows only what these roles and teams allow. */
  app.get('/ik', (_req, res) => {
    stuur(res, gebruikerSchema, gebruiker(res));
  });

  /** The protocol, for a beheerder: who read or changed which case, when, with what outcome. */
  app.get('/audit', async (req, res) => {
    vereisRol(gebruiker(res), ['beheerder'], 'het protocol raadplegen');
    const filter = schemas.auditQuerySchema.parse(req.query);
    const regels = await audit.zoek(filter);
    stuur(res, auditSchema, { regels, ...(regels.length === filter.limiet ? { volgende: regels.at(-1)!.id } : {}) });
  });
}
