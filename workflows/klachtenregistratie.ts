import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { laatsteRegistratiedag, waaromAlAfgedaan, waaromNietTeRegistreren } from '../common/klachten';
import { amsterdamDatum, eindeVanDag } from '../common/kalender';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { klachtAfdoeningUpdate, klachtenStatusQuery, klachtUpdate } from './messages';
import type { Klacht, KlachtenInput, KlachtenStatus } from './types';

/**
 * The complaints one buurtteam received in one calendar year (werkkader ch. 5, klachtenmonitoring),
 * with how each was settled. Codes and dates only. Open until the year's registration period is
 * over and every complaint of the year is settled, so a late settlement still finds it.
 */
export async function klachtenregistratie(input: KlachtenInput): Promise<KlachtenStatus> {
  const klachten: Klacht[] = input.voortzetting ?? [];
  const status = (): KlachtenStatus => ({ buurtteam: input.buurtteam, jaar: input.jaar, klachten });
  const vind = (klachtId: string) => klachten.find((k) => k.klachtId === klachtId);

  setHandler(klachtenStatusQuery, status);
  setHandler(
    klachtUpdate,
    (k) => {
      if (vind(k.klachtId)) return status();
      klachten.push(k);
      log.info('klacht geregistreerd', { buurtteam: input.buurtteam, jaar: input.jaar, aard: k.aard });
      return status();
    },
    {
      validator: (k) => {
        if (vind(k.klachtId)) return;
        if (Number(k.ontvangen.slice(0, 4)) !== input.jaar)
          throw ongeldigeInvoer('ontvangen', `de klacht hoort niet bij het klachtenjaar ${input.jaar}`);
        const teLaat = waaromNietTeRegistreren(k.ontvangen, amsterdamDatum(new Date()));
        if (teLaat) throw ongeldigeOvergang(teLaat);
      },
    },
  );
  setHandler(
    klachtAfdoeningUpdate,
    (a) => {
      const klacht = vind(a.klachtId)!;
      if (!klacht.afdoening) {
        klacht.afdoening = { wijze: a.wijze, datum: a.datum, door: a.door };
        log.info('klacht afgedaan', { buurtteam: input.buurtteam, jaar: input.jaar, wijze: a.wijze });
      }
      return status();
    },
    {
      validator: (a) => {
        const klacht = vind(a.klachtId);
        if (!klacht) throw ongeldigeInvoer('klachtId', 'onbekende klacht van dit buurtteam');
        const al = waaromAlAfgedaan(klacht, a);
        if (al) throw ongeldigeOvergang(al);
        if (klacht.afdoening) return;
        if (a.datum < klacht.ontvangen)
          throw ongeldigeInvoer('datum', `de afdoening ligt vóór de ontvangst van de klacht (${klacht.ontvangen})`);
      },
    },
  );

  const doorstarten = () => workflowInfo().continueAsNewSuggested;
  const klaar = () => klachten.every((k) => k.afdoening);
  // Registration stays open until the last registration day; then the year waits only for settlements.
  const registratieVoorbij = !(await wachtTot(doorstarten, eindeVanDag(laatsteRegistratiedag(input.jaar))));
  if (registratieVoorbij) await condition(() => klaar() || doorstarten());
  await condition(allHandlersFinished);
  if (!registratieVoorbij || !klaar()) await continueAsNew<typeof klachtenregistratie>({ ...input, voortzetting: klachten });
  return status();
}
