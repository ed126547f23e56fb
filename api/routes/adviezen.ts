import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import { amsterdamDatum } from '../../common/kalender';
import { gestartSchema } from '../../common/antwoorden';
import * as schemas from '../../common/schemas';
import type { TermijnStart } from '../../common/termijnen';
import * as berichten from '../../workflows/messages';
import { registreerAdvies, schaalAdviesOp } from '../advies';
import { OpenTrajectElders } from '../aanmelding';
import { protocolleer } from '../audit/protocollering';
import { gebruiker, vereisRol, werktVoorTeam } from '../auth/toegang';
import { stuur, stuurZaakstatus } from '../antwoord';
import { ONBEKENDE_ZAAK } from '../fouten';
import { magAanmaken, openTrajectElders, statusRoute, zaakId, zaakkenmerken } from '../zaaktoegang';

export interface AdviezenOpties {
  termijnStart: TermijnStart;
  /** ADVIES_LOOPTIJD_MAANDEN (the workflow's default without it). */
  adviesLooptijdMaanden?: number;
  /** Secret of the keyed hashes of BSNs, Idempotency-Keys and request bodies (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
}

/**
 * Informatie en advies (werkkader §2.4.1-2): POST /adviezen (light registration), GET /adviezen/:id
 * and POST /adviezen/:id/opschaling (the step up into Route 020). Conversations, advice given and
 * closing are update routes (api/updateRoutes.ts).
 */
export function adviezenRoutes(app: Router, client: Client, opties: AdviezenOpties): void {
  app.post('/adviezen', async (req, res) => {
    vereisRol(gebruiker(res), ['medewerker', 'teamleider'], 'een zaak registreren');
    const advies = schemas.adviesSchema.parse(req.body);
    magAanmaken(res, advies.buurtteam);
    const vastgelegd = { datum: amsterdamDatum(new Date()), door: gebruiker(res).sub };
    const antwoord = await registreerAdvies(
      client,
      opties.persoonGeheim,
      advies,
      req.get('idempotency-key'),
      opties.adviesLooptijdMaanden,
      vastgelegd,
    );
    protocolleer(res, { zaakId: antwoord.id, buurtteam: advies.buurtteam });
    res.status(antwoord.bestaand ? 200 : 201).location(`${req.baseUrl}/adviezen/${antwoord.id}`);
    stuur(res, gestartSchema, antwoord);
  });

  app.get('/adviezen/:id', statusRoute(client, 'advies-', berichten.adviesStatusQuery));

  /** 201 with the advies (closed as opgeschaald) and the traject in Location; a repeat 200; an open traject of the person 409. */
  app.post('/adviezen/:id/opschaling', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider'], 'een zaak wijzigen');
    const handle = client.workflow.getHandle(zaakId(req, 'advies-'));
    const overdracht = schemas.overdrachtSchema.parse(req.body);
    const { buurtteam } = await zaakkenmerken(handle, 'advies-');
    protocolleer(res, { buurtteam });
    if (!werktVoorTeam(g, buurtteam)) throw ONBEKENDE_ZAAK();
    const status = await handle.query(berichten.adviesStatusQuery);
    const vastgelegd = { datum: amsterdamDatum(new Date()), door: g.sub };
    const antwoord = await schaalAdviesOp(client, opties.persoonGeheim, status, overdracht, opties.termijnStart, vastgelegd).catch(
      (fout: unknown) =>
        fout instanceof OpenTrajectElders ? openTrajectElders(client, res, fout.trajectId, fout.buurtteam) : Promise.reject(fout),
    );
    res.status(antwoord.nieuw ? 201 : 200).location(`${req.baseUrl}/trajecten/${antwoord.trajectId}`);
    stuurZaakstatus(res, 'advies-', antwoord.status, 'team');
  });
}
