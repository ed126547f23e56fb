import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { isHuishoudslot } from '../common/workflowIds';
import { wachtTot } from './helpers';
import { gepatcht } from './patches';
import {
  contactpogingUpdate,
  herhaalmeldingUpdate,
  huisbezoekUpdate,
  huishoudSignaalUpdate,
  meldingAfsluitingUpdate,
  meldingHerleveringUpdate,
  meldingStatusQuery,
  overdrachtUpdate,
  signaalBekendQuery,
  stapUpdate,
  trajectGestartSignal,
} from './messages';
import { MeldingZaak } from './meldingZaak';
import type { MeldingResultaat, VroegEropafInput } from './types';
import { WpiRouteDeel } from './wpiRoute';

/**
 * Vroeg Eropaf: a creditor reports arrears; the team visits until the person is reached (at least
 * two huisbezoeken, one in the evening or weekend), then guides budget talk, income repair,
 * payment arrangement and budget plan, and closes or hands over to a schuldhulp traject.
 * A person with a Participatiewet uitkering goes to a WPI route instead (WpiRouteDeel, werkkader §2.8.2).
 * The state and the handler bodies live in MeldingZaak; this function reads as the process.
 */
export async function vroegEropaf(input: VroegEropafInput): Promise<MeldingResultaat> {
  const zaak = new MeldingZaak(input);

  // Messages. The order of registration is the order buffered messages are handled in: keep it.
  setHandler(meldingStatusQuery, () => zaak.status());
  setHandler(huisbezoekUpdate, (b) => zaak.registreerHuisbezoek(b), { validator: (b) => zaak.valideerHuisbezoek(b) });
  setHandler(stapUpdate, (u) => zaak.registreerStap(u), { validator: (u) => zaak.valideerStap(u) });
  setHandler(meldingAfsluitingUpdate, (a) => zaak.sluitAf(a), { validator: (a) => zaak.valideerAfsluiting(a) });
  setHandler(herhaalmeldingUpdate, (h) => zaak.ontvangHerhaalmelding(h));
  setHandler(contactpogingUpdate, (p) => zaak.registreerContactpoging(p), { validator: (p) => zaak.valideerContactpoging(p) });
  setHandler(trajectGestartSignal, (id) => zaak.trajectGestart(id));
  setHandler(overdrachtUpdate, (o) => zaak.draagOver(o), { validator: (_o) => zaak.valideerOverdracht() });
  setHandler(meldingHerleveringUpdate, (_v) => zaak.herlever(), { validator: (_v) => zaak.valideerHerlevering() });
  setHandler(huishoudSignaalUpdate, (s) => zaak.ontvangSignaal(s));
  setHandler(signaalBekendQuery, (sleutel, buurtteam) => zaak.kentSignaal(sleutel, buurtteam));
  const wpi = new WpiRouteDeel(zaak);
  const nieuw = !input.voortzetting;
  // Before its handlers: a WPI step that came with the start is handled when its handler is set,
  // and must find the route the signal gives (only such a step's history sees the changed order).
  if (nieuw) wpi.beginBijSignaal();
  wpi.registreer();

  if (nieuw && !zaak.state.wpi) zaak.planVolgendBezoek();
  // Visible in the werkvoorraad first, so a slow notification gateway delays nobody.
  zaak.bijwerken();
  if (nieuw && !zaak.state.wpi) await zaak.bezorging.meld(zaak.nieuweMeldingTaak());

  const herleveringen = zaak.bezorging.herlever(() => zaak.afgehandeld());
  // Runs recorded before these patches have no timers for them: they keep waiting for the team.
  const sluiting = gepatcht('melding-sluit-onbereikt') ? zaak.sluitAlsOnbereikt() : undefined;
  const crisispad = gepatcht('melding-crisispad') ? zaak.bewaakCrisis() : undefined;
  const normbewaking = gepatcht('melding-normen') ? zaak.bewaakNormen() : undefined;
  const wpiRoute = wpi.volg();

  // Bereiken: wait for each huisbezoek in its term, and escalate when it is late (not on a WPI route).
  while (zaak.buurtteamBereikt()) {
    if (zaak.moetDoorstarten()) {
      // Refused notifications travel along in the state; none may be in flight when this run ends.
      zaak.bezorging.stop();
      await condition(() => allHandlersFinished() && zaak.bezorging.rustig());
      zaak.state.doorgestart += 1;
      await continueAsNew<typeof vroegEropaf>({ ...zaak.melding, voortzetting: zaak.state });
    }
    const bezoek = zaak.volgendBezoekWacht();
    if (!(await wachtTot(bezoek.gebeurd, new Date(bezoek.uiterlijk)))) {
      await zaak.bezorging.meld(zaak.bezoekTeLaatAlert(bezoek));
      // Before patch herhaalde-escalatie a late visit alerted once and then only waited.
      if (gepatcht('herhaalde-escalatie')) await zaak.escaleerOpnieuw(bezoek.nummer, bezoek.gebeurd);
      else await condition(bezoek.gebeurd);
    }
  }

  // Begeleiding until closed or handed over (the handlers decide).
  await condition(() => zaak.afgehandeld());
  // The household's lock starts the next signal's melding once this one is done (absent before patch melding-meldt-huishouden).
  const slot = workflowInfo().parent?.workflowId;
  if (isHuishoudslot(slot) && gepatcht('melding-meldt-huishouden')) await zaak.meldAfgehandeld(slot!);
  await herleveringen;
  await sluiting;
  await crisispad;
  await normbewaking;
  await wpiRoute;
  await condition(allHandlersFinished);
  return zaak.resultaat();
}
