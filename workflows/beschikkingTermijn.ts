import { condition, getExternalWorkflowHandle, log, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { BUURTTEAM } from '../common/searchAttributes';
import type { Beschikking } from '../common/schemas';
import { beschikkingstermijnVan, type Termijn, type TermijnVerloop, waarschuwingsmoment } from '../common/termijnen';
import { Bezorging } from './bezorging';
import { wachtTot, werkStoringBij } from './helpers';
import {
  beschikkingAfgegevenSignal,
  termijnGewijzigdSignal,
  termijnHerleveringSignal,
  termijnStatusQuery,
  termijnStoringenSignal,
  termijnTeamSignal,
  termijnVervallenSignal,
} from './messages';
import type { BeschikkingTermijnInput, BeschikkingTermijnResultaat, Storing, TermijnStatus } from './types';

interface Alertmoment {
  sleutel: string;
  op: Date;
  onderwerp: string;
  bericht: string;
}

function alertmomenten(termijn: Termijn, verloop: TermijnVerloop, waarschuwingWeken: number[]): Alertmoment[] {
  const na = verloop.start === 'aanmelding' ? 'na aanmelding' : 'na het eerste gesprek';
  return [
    ...waarschuwingWeken.map((weken) => ({
      sleutel: `waarschuwing-${weken}w`,
      op: waarschuwingsmoment(termijn, weken),
      onderwerp: 'beschikkingstermijn-waarschuwing',
      bericht: `${weken} weken ${na} nog geen beschikking; de termijn verloopt op ${termijn.einddatum}`,
    })),
    {
      sleutel: 'overschreden',
      op: new Date(termijn.verloopt),
      onderwerp: 'beschikkingstermijn-overschreden',
      bericht: `beschikkingstermijn is overschreden (einddatum ${termijn.einddatum})`,
    },
  ];
}

/**
 * Guards the legal term for the beschikking on a schuldhulp aanvraag (Awb 4:13, 8 weeks): warns the
 * teamleider at the configured weeks and at breach, and completes when the beschikking is issued
 * or the traject closes without one. The traject sends every change of the term (its start at the
 * first conversation, opschorting, verdaging); the alerts then follow the new end date.
 */
export async function beschikkingTermijn(input: BeschikkingTermijnInput): Promise<BeschikkingTermijnResultaat> {
  const { workflowId } = workflowInfo();
  // Terms started before patch awb-termijnregels (no verloop) run from the aanmelding and never change.
  let verloop: TermijnVerloop = input.verloop ?? { start: 'aanmelding', startDatum: input.aanmeldDatum, wijzigingen: [] };
  let versie = 0;
  const verzondenAlerts: string[] = [];
  const storingen: Storing[] = [];
  let beschikking: Beschikking | undefined;
  let vervallen: string | undefined;
  /** The traject's team: it may move to another (workflows/regie.ts), and the alerts follow it. */
  let buurtteam = input.buurtteam;
  const klaar = () => beschikking !== undefined || vervallen !== undefined;

  setHandler(beschikkingAfgegevenSignal, (b) => {
    beschikking ??= b;
  });
  setHandler(termijnVervallenSignal, (reden) => {
    vervallen ??= reden;
  });
  setHandler(termijnGewijzigdSignal, (nieuw) => {
    verloop = nieuw;
    versie++;
  });
  setHandler(termijnTeamSignal, (team) => {
    buurtteam = team;
    if (patched('regie-overdracht')) upsertSearchAttributes([{ key: BUURTTEAM, value: team }]);
  });
  setHandler(termijnStatusQuery, (): TermijnStatus => ({
    ...beschikkingstermijnVan(verloop),
    verloop,
    beschikking,
    verzondenAlerts,
    storingen,
  }));

  const bezorging = new Bezorging({ verzondenAlerts, storingen }, async () => {
    werkStoringBij(storingen);
    // The traject shows the term's refused alerts in its own status; a closed traject no longer cares.
    try {
      await getExternalWorkflowHandle(input.trajectId).signal(termijnStoringenSignal, storingen);
    } catch (fout) {
      log.warn('traject niet bereikbaar voor de storingen van de termijn', { trajectId: input.trajectId, fout: String(fout) });
    }
  });
  setHandler(termijnHerleveringSignal, () => bezorging.herleverNu());
  const herleveringen = bezorging.herlever(klaar);

  // Alerts sent, or passed over because the traject was registered late and only the most recent due one counts.
  const afgehandeld = new Set<string>();
  let eersteBerekening = true;
  while (!klaar()) {
    const termijn = beschikkingstermijnVan(verloop);
    const gewijzigd = (
      (v) => () =>
        klaar() || versie !== v
    )(versie);
    if (!termijn || termijn.opgeschortSinds) {
      // Not started yet, or suspended: nothing can be late until the traject says otherwise.
      await condition(gewijzigd);
      continue;
    }
    const momenten = alertmomenten(termijn, verloop, input.waarschuwingWeken);
    if (eersteBerekening) {
      eersteBerekening = false;
      const nu = Date.now();
      const laatsteVerstreken = momenten.filter((m) => m.op.getTime() <= nu).at(-1);
      for (const m of momenten) if (m.op.getTime() <= nu && m !== laatsteVerstreken) afgehandeld.add(m.sleutel);
    }
    const volgende = momenten.find((m) => !afgehandeld.has(m.sleutel));
    if (!volgende) {
      await condition(gewijzigd);
      continue;
    }
    if (await wachtTot(gewijzigd, volgende.op)) continue;
    log.warn('beschikkingstermijn: teamleider gealarmeerd', { alert: volgende.sleutel, trajectId: input.trajectId });
    await bezorging.meld({
      idempotencyKey: `${workflowId}:${volgende.sleutel}`,
      soort: 'teamleider-alert',
      buurtteam,
      zaakId: input.trajectId,
      onderwerp: volgende.onderwerp,
      bericht: volgende.bericht,
      termijn: termijn.verloopt,
    });
    afgehandeld.add(volgende.sleutel);
  }

  await herleveringen;
  // Alerts still refused now are moot (the term has ended); the Storing search attribute stays for the operator.
  if (storingen.length > 0) log.warn('termijn beëindigd met geweigerde alerts', { trajectId: input.trajectId, aantal: storingen.length });
  const termijn = beschikkingstermijnVan(verloop);
  if (!beschikking) return { uitkomst: 'vervallen', reden: vervallen! };
  return { uitkomst: 'afgegeven', beschikking, overschreden: termijn !== undefined && beschikking.datum > termijn.einddatum };
}
