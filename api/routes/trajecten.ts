import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import { amsterdamDatum } from '../../common/kalender';
import { gestartSchema } from '../../common/antwoorden';
import * as schemas from '../../common/schemas';
import type { TermijnStart } from '../../common/termijnen';
import * as berichten from '../../workflows/messages';
import { meldAan, OpenTrajectElders } from '../aanmelding';
import { stuur } from '../antwoord';
import { protocolleer } from '../audit/protocollering';
import { gebruiker, vereisRol } from '../auth/toegang';
import { magAanmaken, openTrajectElders, statusRoute } from '../zaaktoegang';

export interface TrajectenOpties {
  termijnStart: TermijnStart;
  /** EVALUATIE_ALERT_DAGEN (the workflow's default without it). */
  evaluatieAlertDagen?: number;
  /** Secret of the keyed hashes of BSNs and request bodies (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
}

/** POST /aanmeldingen (a schuldhulptraject for a person) and GET /trajecten/:id (status). */
export function trajectenRoutes(app: Router, client: Client, opties: TrajectenOpties): void {
  app.post('/aanmeldingen', async (req, res) => {
    vereisRol(gebruiker(res), ['medewerker', 'teamleider'], 'een zaak registreren');
    const aanmelding = schemas.aanmeldingSchema.parse(req.body);
    magAanmaken(res, aanmelding.buurtteam);
    const vastgelegd = { datum: amsterdamDatum(new Date()), door: gebruiker(res).sub };
    const antwoord = await meldAan(client, opties.persoonGeheim, aanmelding, req.get('idempotency-key'), opties.termijnStart, vastgelegd, {
      evaluatieAlertDagen: opties.evaluatieAlertDagen,
    }).catch((fout: unknown) =>
      fout instanceof OpenTrajectElders ? openTrajectElders(client, res, fout.trajectId, fout.buurtteam) : Promise.reject(fout),
    );
    protocolleer(res, { zaakId: antwoord.id, buurtteam: aanmelding.buurtteam });
    res.status(antwoord.bestaand ? 200 : 201).location(`${req.baseUrl}/trajecten/${antwoord.id}`);
    stuur(res, gestartSchema, antwoord);
  });

  app.get('/trajecten/:id', statusRoute(client, 'traject-', berichten.trajectStatusQuery));
}
