import type { Client } from '@temporalio/client';
import { IN_GEVAAR_VOOR } from '../common/termijnStand';
import { FASE, REGIEVOERDER, STORING, TERMIJN_DATUM } from '../common/searchAttributes';

export interface Zaakregel {
  zaakId: string;
  fase?: string;
  regievoerder?: string;
  termijnDatum?: string;
  /** Kinds of delivery the receiver refused and the case is retrying (notificatie, registratie). */
  storing?: string[];
}

export interface Overzicht {
  buurtteam: string;
  peilmoment: string;
  termijnenOverschreden: Zaakregel[];
  termijnenInGevaar: Zaakregel[];
  teLateBezoeken: Zaakregel[];
  geweigerdeLeveringen: Zaakregel[];
  perFase: Record<string, number>;
  perRegievoerder: Record<string, number>;
}

const ZAKEN = `WorkflowType IN ('schuldhulpTraject', 'vroegEropaf')`;

/**
 * The teamleider's overzicht of one team, from the visibility store: breached and at-risk
 * beschikkingstermijnen, late huisbezoeken, refused deliveries still being retried, and running
 * cases per phase and per regievoerder.
 * The team must already be validated as a keyword slug: it goes into a query.
 */
export async function overzicht(client: Client, team: string, nu = new Date()): Promise<Overzicht> {
  const lopend = `Buurtteam = '${team}' AND ExecutionStatus = 'Running' AND ${ZAKEN}`;
  const tot = (ms: number) => new Date(nu.getTime() + ms).toISOString();
  const zoek = async (query: string): Promise<Zaakregel[]> => {
    const regels = new Map<string, Zaakregel>();
    for await (const wf of client.workflow.list({ query })) {
      const a = wf.typedSearchAttributes;
      // A term child's refusal belongs to its traject: the teamleider opens the traject.
      const zaakId = wf.workflowId.replace(/-beschikkingstermijn$/, '');
      if (regels.has(zaakId)) continue;
      regels.set(zaakId, {
        zaakId,
        fase: a.get(FASE),
        regievoerder: a.get(REGIEVOERDER),
        termijnDatum: a.get(TERMIJN_DATUM)?.toISOString(),
        storing: a.get(STORING),
      });
    }
    return [...regels.values()].sort((x, y) => (x.termijnDatum ?? '~').localeCompare(y.termijnDatum ?? '~'));
  };
  const traject = `${lopend} AND WorkflowType = 'schuldhulpTraject'`;
  const [termijnenOverschreden, termijnenInGevaar, teLateBezoeken, geweigerdeLeveringen, alle] = await Promise.all([
    zoek(`${traject} AND TermijnDatum < '${nu.toISOString()}'`),
    zoek(`${traject} AND TermijnDatum >= '${nu.toISOString()}' AND TermijnDatum < '${tot(IN_GEVAAR_VOOR.traject)}'`),
    zoek(`${lopend} AND Fase = 'vroeg-eropaf-bereiken' AND TermijnDatum < '${nu.toISOString()}'`),
    // Any workflow of the team, the term child included: it delivers the term's alerts.
    zoek(`Buurtteam = '${team}' AND ExecutionStatus = 'Running' AND Storing IS NOT NULL`),
    zoek(lopend),
  ]);
  const tel = (sleutel: (r: Zaakregel) => string) => {
    const aantallen: Record<string, number> = {};
    for (const regel of alle) aantallen[sleutel(regel)] = (aantallen[sleutel(regel)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(aantallen).sort(([a], [b]) => a.localeCompare(b)));
  };
  return {
    buurtteam: team,
    peilmoment: nu.toISOString(),
    termijnenOverschreden,
    termijnenInGevaar,
    teLateBezoeken,
    geweigerdeLeveringen,
    perFase: tel((r) => r.fase ?? 'onbekend'),
    perRegievoerder: tel((r) => r.regievoerder ?? 'geen regievoerder'),
  };
}
