import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { AdviesZaak } from './adviesZaak';
import { adviesAfsluitingUpdate, adviesGesprekUpdate, adviesOpschalingUpdate, adviesStatusQuery, gegevenAdviesUpdate } from './messages';
import type { AdviesInput, AdviesStatus } from './types';

/**
 * Informatie en advies (werkkader §2.4.1-2, §2.8.1): a light case in one or more conversations
 * within about three months, with light registration and no beschikking or beschikkingstermijn.
 * It ends afgerond (or doorverwezen, or the client stops), or opgeschaald into a Route 020 traject
 * that the API starts through the person's lock. State and handler bodies live in AdviesZaak.
 */
export async function informatieAdvies(input: AdviesInput): Promise<AdviesStatus> {
  const zaak = new AdviesZaak(input);

  // Messages. The order of registration is the order buffered messages are handled in: keep it.
  setHandler(adviesStatusQuery, () => zaak.status());
  setHandler(adviesGesprekUpdate, (g) => zaak.registreerGesprek(g), { validator: (g) => zaak.valideerGesprek(g) });
  setHandler(gegevenAdviesUpdate, (a) => zaak.registreerAdvies(a), { validator: (a) => zaak.valideerAdvies(a) });
  setHandler(adviesAfsluitingUpdate, (a) => zaak.sluitAf(a), { validator: (a) => zaak.valideerAfsluiting(a) });
  setHandler(adviesOpschalingUpdate, (o) => zaak.schaalOp(o), { validator: (o) => zaak.valideerOpschaling(o) });

  zaak.bijwerken();
  const looptijd = zaak.bewaakLooptijd();
  const herleveringen = zaak.bezorging.herlever(() => zaak.afgesloten());

  await condition(() => zaak.afgesloten());
  await looptijd;
  await herleveringen;
  await condition(allHandlersFinished);
  return zaak.status();
}
