import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import { meldingOntvangenSchema, terugkoppelingSchema } from '../../common/antwoorden';
import * as schemas from '../../common/schemas';
import { stuur } from '../antwoord';
import type { TermijnStart } from '../../common/termijnen';
import * as berichten from '../../workflows/messages';
import { ONBEKENDE_ZAAK } from '../fouten';
import { protocolleer } from '../audit/protocollering';
import { meldingIdVoor, meldSignaal, zaakVanAnderTeam } from '../signaalIntake';
import { gebruiker, vereisRol, werktVoorTeam } from '../auth/toegang';
import { magAanmaken, statusRoute, zaakId, zaakkenmerken } from '../zaaktoegang';

export interface MeldingenOpties {
  termijnStart: TermijnStart;
  /** MELDING_SLUIT_NA_DAGEN (the workflow's default without it). */
  meldingSluitNaDagen?: number;
  /** Secret of the keyed hashes of BSNs and addresses (PERSOON_SLEUTEL). */
  persoonGeheim: Buffer;
}

/** POST /meldingen (Vroeg Eropaf signals), GET /meldingen/:id (status) and GET /meldingen/:id/terugkoppeling (DDAS). */
export function meldingenRoutes(app: Router, client: Client, opties: MeldingenOpties): void {
  /**
   * A signal opens its household's melding (an id derived from the address), unless the household
   * has an open melding: then it joins that case as a further signal (taken up, or not when it
   * repeats a signal without higher arrears). A closed case stays closed, and the household's next
   * signal opens a new one under an id derived from the signal (meldingIdVoor; see signaalIntake.ts).
   */
  app.post('/meldingen', async (req, res) => {
    vereisRol(gebruiker(res), ['medewerker', 'teamleider'], 'een zaak registreren');
    const melding = schemas.meldingSchema.parse(req.body);
    magAanmaken(res, melding.buurtteam);
    const meldingId = meldingIdVoor(opties.persoonGeheim, melding);
    const invoer = {
      ...melding,
      meldingId,
      termijnStart: opties.termijnStart,
      ...(opties.meldingSluitNaDagen ? { sluitNaDagen: opties.meldingSluitNaDagen } : {}),
    };
    // Another team's case takes no signal and is not given away.
    const magBijdragen = async (id: string) => {
      if ((await zaakkenmerken(client.workflow.getHandle(id), 'melding-')).buurtteam !== melding.buurtteam) {
        throw zaakVanAnderTeam();
      }
    };
    const antwoord = await meldSignaal(client, opties.persoonGeheim, invoer, magBijdragen);
    protocolleer(res, { zaakId: antwoord.id, buurtteam: melding.buurtteam });
    // The schema leaves out `gesloten`, which only the intake reads.
    res.status(antwoord.bestaand ? 200 : 201).location(`${req.baseUrl}/meldingen/${antwoord.id}`);
    stuur(res, meldingOntvangenSchema, antwoord);
  });

  app.get('/meldingen/:id', statusRoute(client, 'melding-', berichten.meldingStatusQuery));

  /**
   * What the creditors of a melding's signals may be told (DDAS): per signal its status, never a
   * reason DDAS keeps from them, nor notes or personal data. For the team that sends it on.
   */
  app.get('/meldingen/:id/terugkoppeling', async (req, res) => {
    const g = gebruiker(res);
    vereisRol(g, ['medewerker', 'teamleider'], 'terugkoppeling inzien');
    const status = await client.workflow.getHandle(zaakId(req, 'melding-')).query(berichten.meldingStatusQuery);
    protocolleer(res, { buurtteam: status.buurtteam });
    if (!werktVoorTeam(g, status.buurtteam)) throw ONBEKENDE_ZAAK();
    stuur(res, terugkoppelingSchema, {
      meldingId: status.meldingId,
      afgesloten: status.fase === 'afgesloten' || status.fase === 'overgedragen',
      terugkoppeling: status.terugkoppeling,
    });
  });
}
