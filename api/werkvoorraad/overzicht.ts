import { IN_GEVAAR_VOOR } from '../../common/termijnStand';
import type { Taak, Tellingen } from './werkvoorraad';
import type { GeweigerdeLevering, WerkvoorraadProjectie } from './werkvoorraadProjectie';

export interface Zaakregel {
  zaakId: string;
  fase?: string;
  regievoerder?: string;
  termijnDatum?: string;
  /** Kinds of delivery refused (notificatie, registratie): only in `geweigerdeLeveringen`. */
  storing?: string[];
}

export interface Overzicht extends Tellingen {
  buurtteam: string;
  peilmoment: string;
  termijnenOverschreden: Zaakregel[];
  termijnenInGevaar: Zaakregel[];
  teLateBezoeken: Zaakregel[];
  geweigerdeLeveringen: GeweigerdeLevering[];
}

const regel = ({ zaakId, fase, regievoerder, termijnDatum }: Taak): Zaakregel => ({ zaakId, fase, regievoerder, termijnDatum });

/**
 * The teamleider's overzicht of one team, from the read model alone: breached and at-risk
 * beschikkingstermijnen, late huisbezoeken, refused deliveries still being retried, and running
 * cases per phase and per regievoerder. The read model's list is in term order, so only the cases
 * whose term ends within the risk window are walked; the counts it keeps as cases change.
 */
export function overzicht(projectie: WerkvoorraadProjectie, team: string, nu = new Date()): Overzicht {
  const termijnenOverschreden: Zaakregel[] = [];
  const termijnenInGevaar: Zaakregel[] = [];
  const teLateBezoeken: Zaakregel[] = [];
  for (const taak of projectie.index.termijnenVoor(team, new Date(nu.getTime() + IN_GEVAAR_VOOR.traject))) {
    const verlopen = Date.parse(taak.termijnDatum!) < nu.getTime();
    if (taak.soort === 'schuldhulpTraject') (verlopen ? termijnenOverschreden : termijnenInGevaar).push(regel(taak));
    else if (verlopen && taak.fase === 'vroeg-eropaf-bereiken') teLateBezoeken.push(regel(taak));
  }
  return {
    buurtteam: team,
    peilmoment: nu.toISOString(),
    termijnenOverschreden,
    termijnenInGevaar,
    teLateBezoeken,
    geweigerdeLeveringen: projectie.geweigerdeLeveringen(team),
    ...projectie.index.tellingen(team),
  };
}
