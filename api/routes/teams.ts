import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import { overzichtSchema, werkvoorraadSchema } from '../../common/antwoorden';
import * as schemas from '../../common/schemas';
import { stuur } from '../antwoord';
import { HttpFout } from '../fouten';
import { overzicht } from '../werkvoorraad/overzicht';
import { gebruiker, werktVoorTeam } from '../auth/toegang';
import { OngeldigeCursor, type Pagina } from '../werkvoorraad/werkvoorraad';
import type { WerkvoorraadProjectie } from '../werkvoorraad/werkvoorraadProjectie';
import { WerkvoorraadWie, type Wie } from '../werkvoorraad/werkvoorraadWie';
import { magTeamInzien } from '../zaaktoegang';

/** GET /teams/:team/taken (the werkvoorraad) and GET /teams/:team/overzicht (for the teamleider), from the read model. */
export function teamsRoutes(app: Router, client: Client, werkvoorraad: WerkvoorraadProjectie): void {
  const wie = new WerkvoorraadWie(client);

  /** Served from the read model, but only while it is current (visibility answered recently). */
  const vereisActueel = () => {
    if (!werkvoorraad.actueel)
      throw new HttpFout(
        503,
        'werkvoorraad is niet actueel (Temporal niet bereikbaar of nog bezig met opbouwen); probeer het later opnieuw',
      );
  };

  app.get('/teams/:team/taken', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    magTeamInzien(res, team);
    const { cursor, ...filter } = schemas.werkvoorraadQuerySchema.parse(req.query);
    vereisActueel();
    let pagina: Pagina;
    try {
      pagina = werkvoorraad.index.pagina(team, { ...filter, cursor });
    } catch (fout) {
      if (fout instanceof OngeldigeCursor) throw new HttpFout(400, 'ongeldige invoer', [{ pad: 'cursor', melding: fout.message }]);
      throw fout;
    }
    // Names and streets for the team's own medewerkers only; an operator sees the cases without them.
    const namen = werktVoorTeam(gebruiker(res), team) ? await wie.voor(pagina.taken) : new Map<string, Wie>();
    const taken = pagina.taken.map((t) => (namen.has(t.zaakId) ? { ...t, wie: namen.get(t.zaakId) } : t));
    stuur(res, werkvoorraadSchema, { buurtteam: team, ...filter, ...pagina, taken });
  });

  app.get('/teams/:team/overzicht', async (req, res) => {
    const { team } = schemas.werkvoorraadParamsSchema.parse(req.params);
    magTeamInzien(res, team);
    vereisActueel();
    stuur(res, overzichtSchema, overzicht(werkvoorraad, team));
  });
}
