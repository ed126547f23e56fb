import type { RequestHandler, Response } from 'express';
import { logJson } from '../../common/jsonLog';
import type { AuditLog } from './auditLog';
import { routeVan } from '../metrics';
import { isOpenbaar } from '../auth/toegang';
import type { Gebruiker } from '../auth/tokenVerifier';

/** Only well-formed ids are recorded from a path: whatever else someone types there stays out. */
const ZAAK_IN_PAD = /^\/(?:meldingen|trajecten)\/((?:melding|traject)-[a-z0-9-]{1,100})(?:\/|$)/;
const TEAM_IN_PAD = /^\/teams\/([a-z0-9][a-z0-9-]{1,63})\//;

interface Protocolfeiten {
  zaakId?: string;
  buurtteam?: string;
}

/** Handlers that learn a fact the path does not show (a new case's id, a case's team) add it here. */
export function protocolleer(res: Response, feiten: Protocolfeiten): void {
  res.locals.protocol = { ...(res.locals.protocol as Protocolfeiten | undefined), ...feiten };
}

/**
 * Records every request outside the open paths once its answer is sent (or the client gave up):
 * refused ones too, since a 401, 403 or 404 on a case is exactly what an audit looks for.
 */
export function protocollering(log: AuditLog): RequestHandler {
  return (req, res, next) => {
    if (isOpenbaar(req.path)) return next();
    const tijdstip = new Date().toISOString();
    res.once('close', () => {
      const gebruiker = res.locals.gebruiker as Gebruiker | undefined;
      const feiten = (res.locals.protocol ?? {}) as Protocolfeiten;
      const regel = {
        tijdstip,
        gebruiker: gebruiker?.sub,
        rollen: gebruiker?.rollen ?? [],
        actie: `${req.method} ${routeVan(req)}`,
        zaakId: feiten.zaakId ?? ZAAK_IN_PAD.exec(req.path)?.[1],
        buurtteam: feiten.buurtteam ?? TEAM_IN_PAD.exec(req.path)?.[1],
        status: res.statusCode,
        correlatieId: res.locals.correlatieId as string | undefined,
      };
      log
        .schrijf(regel)
        .catch((fout: unknown) =>
          logJson('ERROR', 'protocollering mislukt', { fout, actie: regel.actie, correlatieId: regel.correlatieId }),
        );
    });
    next();
  };
}
