import { condition, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { amsterdamMiddernacht, beschikkingsTermijn, plusDagen } from '../common/kalender';
import type { Beschikking } from '../common/schemas';
import { meldEenmalig, wachtTot } from './helpers';
import { beschikkingAfgegevenSignal, termijnStatusQuery, termijnVervallenSignal } from './messages';
import type { BeschikkingTermijnInput, BeschikkingTermijnResultaat, TermijnStatus } from './types';

interface Alertmoment {
  sleutel: string;
  op: Date;
  onderwerp: string;
  bericht: string;
}

/**
 * Guards the 8-week legal term for the beschikking on a schuldhulp aanmelding: warns the
 * teamleider at the configured weeks and at breach, and completes when the beschikking is issued
 * or the traject closes without one.
 */
export async function beschikkingTermijn(input: BeschikkingTermijnInput): Promise<BeschikkingTermijnResultaat> {
  const { workflowId } = workflowInfo();
  const termijn = beschikkingsTermijn(input.aanmeldDatum);
  const verzondenAlerts: string[] = [];
  let beschikking: Beschikking | undefined;
  let vervallen: string | undefined;
  const klaar = () => beschikking !== undefined || vervallen !== undefined;

  setHandler(beschikkingAfgegevenSignal, (b) => {
    beschikking ??= b;
  });
  setHandler(termijnVervallenSignal, (reden) => {
    vervallen ??= reden;
  });
  setHandler(termijnStatusQuery, (): TermijnStatus => ({ ...termijn, beschikking, verzondenAlerts }));

  const momenten: Alertmoment[] = [
    ...input.waarschuwingWeken.map((weken) => ({
      sleutel: `waarschuwing-${weken}w`,
      op: amsterdamMiddernacht(plusDagen(input.aanmeldDatum, weken * 7)),
      onderwerp: 'beschikkingstermijn-waarschuwing',
      bericht: `${weken} weken na aanmelding nog geen beschikking; de termijn verloopt op ${termijn.einddatum}`,
    })),
    {
      sleutel: 'overschreden',
      op: new Date(termijn.verloopt),
      onderwerp: 'beschikkingstermijn-overschreden',
      bericht: `beschikkingstermijn van 8 weken is overschreden (einddatum ${termijn.einddatum})`,
    },
  ];
  // A traject registered late only gets the most recent alert that is already due, not a burst.
  const nu = Date.now();
  const laatsteVerstreken = momenten.filter((m) => m.op.getTime() <= nu).at(-1);
  const teBewaken = momenten.filter((m) => m.op.getTime() > nu || m === laatsteVerstreken);

  for (const moment of teBewaken) {
    if (await wachtTot(klaar, moment.op)) break;
    log.warn('beschikkingstermijn: teamleider gealarmeerd', { alert: moment.sleutel, trajectId: input.trajectId });
    await meldEenmalig(verzondenAlerts, {
      idempotencyKey: `${workflowId}:${moment.sleutel}`,
      soort: 'teamleider-alert',
      buurtteam: input.buurtteam,
      zaakId: input.trajectId,
      onderwerp: moment.onderwerp,
      bericht: moment.bericht,
      termijn: termijn.verloopt,
    });
  }

  await condition(klaar);
  if (!beschikking) return { uitkomst: 'vervallen', reden: vervallen! };
  return { uitkomst: 'afgegeven', beschikking, overschreden: beschikking.datum > termijn.einddatum };
}
