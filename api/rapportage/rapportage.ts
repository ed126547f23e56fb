import type { Client } from '@temporalio/client';
import type express from 'express';
import type { Response } from 'express';
import { rapportageSchema } from '../../common/antwoorden';
import { ddasQuerySchema, rapportageQuerySchema } from '../../common/schemas';
import { stuur } from '../antwoord';
import type { AuditLog } from '../audit/auditLog';
import type { DdasAfzender } from '../../common/ddas';
import { ddasExport } from './ddasExport';
import { HttpFout } from '../fouten';
import { routeVan } from '../metrics';
import { protocolleer } from '../audit/protocollering';
import { Rapportagelezer } from './rapportageBron';
import { berekenRapportage } from './rapportageCijfers';
import { rapportageCsv } from './rapportageCsv';
import { gebruiker, heeftRol, vereisRol } from '../auth/toegang';

export interface RapportageOpties {
  audit: AuditLog;
  ddas: DdasAfzender;
}

/**
 * Reports read every case of a period, not one: they get deadlines of their own instead of the
 * API's 4 s per read. The figures of a team's year: thousands of result reads and status queries
 * (see `npm run bench`). The DDAS delivery is a batch for the CBS of the whole gemeente, and a closed
 * melding's query replays its history on a worker.
 */
const RAPPORTAGE_DEADLINE_MS = 60_000;
const EXPORT_DEADLINE_MS = 300_000;

/** The figures are for the team's teamleiders and for beheerders; medewerkers work cases, not figures. */
function magRapportageInzien(res: Response, team: string): void {
  const g = gebruiker(res);
  vereisRol(g, ['teamleider', 'beheerder'], 'rapportages inzien');
  if (!heeftRol(g, 'beheerder') && !g.buurtteams.includes(team)) throw new HttpFout(403, `u bent geen teamleider van buurtteam ${team}`);
}

/** GET /rapportage (figures of one team and period, JSON or CSV) and GET /rapportage/ddas (the DDAS delivery). */
export function rapportageRoutes(app: express.Router, client: Client, opties: RapportageOpties): void {
  const lezer = new Rapportagelezer(client);
  app.get('/rapportage', async (req, res) => {
    const { buurtteam, formaat, ...periode } = rapportageQuerySchema.parse(req.query);
    magRapportageInzien(res, buurtteam);
    protocolleer(res, { buurtteam });
    const bron = await client.connection.withDeadline(Date.now() + RAPPORTAGE_DEADLINE_MS, () => lezer.lees(buurtteam, periode));
    const rapportage = berekenRapportage(buurtteam, periode, bron);
    if (formaat === 'json') return stuur(res, rapportageSchema, rapportage);
    res
      .attachment(`rapportage-${buurtteam}-${periode.van}-${periode.tot}.csv`)
      .type('text/csv; charset=utf-8')
      .send(rapportageCsv(rapportage));
  });

  /**
   * Carries personal data (addresses) by design: a beheerder only, never cached, every case in it
   * protocolled before anything is sent, and its content never logged.
   */
  app.get('/rapportage/ddas', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['beheerder'], 'de DDAS-levering ophalen');
    const { buurtteam, ...periode } = ddasQuerySchema.parse(req.query);
    if (buurtteam) protocolleer(res, { buurtteam });
    const { model, zaken } = await client.connection.withDeadline(Date.now() + EXPORT_DEADLINE_MS, () =>
      ddasExport(client, opties.ddas, periode, buurtteam),
    );
    const tijdstip = new Date().toISOString();
    await Promise.all(
      zaken.map(({ zaakId, buurtteam: team }) =>
        opties.audit.schrijf({
          tijdstip,
          gebruiker: g.sub,
          rollen: g.rollen,
          // The route as the protocol names every request (with its version), and what it did per case.
          actie: `${req.method} ${routeVan(req)} (zaak geleverd)`,
          zaakId,
          buurtteam: team,
          status: 200,
          correlatieId: res.locals.correlatieId as string,
        }),
      ),
    );
    res
      .set('Cache-Control', 'no-store')
      .attachment(`ddas-${buurtteam ?? 'gemeente'}-${periode.van}-${periode.tot}.json`)
      .json(model);
  });
}
