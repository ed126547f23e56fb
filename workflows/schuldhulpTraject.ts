import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { gepatcht } from './patches';
import { amsterdamDatum, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { EERSTE_GESPREK_WEKEN, eersteGesprekTermijn } from '../common/termijnen';
import { termijnWorkflowId } from '../common/workflowIds';
import type { Bezorging } from './bezorging';
import { wachtTot } from './helpers';
import {
  beschikkingUpdate,
  crisisinterventieUpdate,
  faseUpdate,
  flankmoduleUpdate,
  inkomensbeheerUpdate,
  intakeUpdate,
  termijnStoringenSignal,
  termijnVervallenSignal,
  toestemmingUpdate,
  trajectHerleveringUpdate,
  trajectStatusQuery,
} from './messages';
import { CRISIS_CONTACT_WERKDAGEN, INTAKE_HOUD_DAGEN, INTAKE_PLAN_WERKDAGEN } from '../common/normen';
import { TrajectZaak } from './trajectZaak';
import type { TrajectInput, TrajectState, TrajectStatus } from './types';

/**
 * One Route 020 schuldhulp traject, from aanmelding to afgesloten. Phase changes and registrations
 * arrive as updates validated against the route rules; the beschikking term runs as a child.
 * The state and the handler bodies live in TrajectZaak; this function reads as the process.
 */
export async function schuldhulpTraject(input: TrajectInput): Promise<TrajectStatus> {
  const zaak = new TrajectZaak(input);
  const { state, trajectId, bezorging, wachtrij } = zaak;

  // Messages. The order of registration is the order buffered messages are handled in: keep it.
  setHandler(trajectStatusQuery, () => zaak.status());
  zaak.termijn.registreer();
  zaak.zrm.registreer();
  setHandler(intakeUpdate, (u) => zaak.registreerIntake(u), { validator: (u) => zaak.valideerIntake(u) });
  // The plan follows the intake and precedes the beschikking, also when both wait for the first task.
  zaak.plan.registreer();
  setHandler(faseUpdate, (w) => zaak.wijzigFase(w), { validator: (w) => zaak.valideerFase(w) });
  setHandler(beschikkingUpdate, (b) => zaak.registreerBeschikking(b), { validator: (b) => zaak.valideerBeschikking(b) });
  setHandler(toestemmingUpdate, (t) => zaak.wijzigToestemming(t), { validator: (t) => zaak.valideerToestemming(t) });
  setHandler(crisisinterventieUpdate, (c) => zaak.wijzigCrisisinterventie(c), { validator: (_c) => zaak.nietAfgesloten() });
  setHandler(flankmoduleUpdate, (f) => zaak.wijzigFlankmodule(f), { validator: (_f) => zaak.nietAfgesloten() });
  setHandler(inkomensbeheerUpdate, (i) => zaak.verwijsInkomensbeheer(i), { validator: (i) => zaak.valideerInkomensbeheer(i) });
  setHandler(termijnStoringenSignal, (lijst) => zaak.ontvangTermijnStoringen(lijst));
  setHandler(trajectHerleveringUpdate, (_v) => zaak.herlever(), { validator: (_v) => zaak.valideerHerlevering() });
  zaak.verwijzingen.registreer();
  zaak.regie.registreer();
  zaak.contactlog.registreer();

  zaak.bijwerken();
  if (!input.voortzetting) {
    zaak.deel('aanmelding');
    await zaak.startTermijn();
  }
  zaak.termijnLoopt = true;

  const intakeBewaking = bewaakIntake(zaak);
  const crisisBewaking = bewaakLateCrisis(input, state, bezorging, () => zaak.buurtteam());
  const afgesloten = () => zaak.afgesloten();
  const doorstarten = () => !afgesloten() && workflowInfo().continueAsNewSuggested;
  let onderbreken = false;
  const registraties = wachtrij.verstuur(
    () => (afgesloten() || doorstarten()) && allHandlersFinished(),
    () => onderbreken,
  );
  const verdaging = zaak.termijn.meldVerdaging(() => afgesloten() || doorstarten(), bezorging);
  const zrmHerinneringen = zaak.zrm.bewaak(() => afgesloten() || doorstarten(), bezorging);
  const verwijzingHerinneringen = zaak.verwijzingen.bewaak(() => afgesloten() || doorstarten(), bezorging);
  const evaluatieHerinneringen = zaak.plan.bewaak(() => afgesloten() || doorstarten(), bezorging);
  const herleveringen = bezorging.herlever(afgesloten);
  await condition(() => afgesloten() || doorstarten());
  if (!afgesloten()) {
    if (gepatcht('veilig-doorstarten')) {
      // Start no new delivery, let what is in flight finish (so nothing is sent twice), and carry
      // the registration queue and refused deliveries to the next run instead of draining them here.
      onderbreken = true;
      bezorging.stop();
      await condition(() => allHandlersFinished() && bezorging.rustig() && !wachtrij.bezig());
    } else {
      // Before patch veilig-doorstarten the run drained its queue and the verdaging first.
      await condition(allHandlersFinished);
      await registraties;
      await verdaging;
    }
    await continueAsNew<typeof schuldhulpTraject>({ ...input, voortzetting: state });
  }
  // Before the last deliveries, which may wait days for a registration system: the person's next
  // aanmelding or hand-over need not wait for them (afgesloten is final, workflows/route020.ts).
  await zaak.geefPersoonVrij();
  await condition(allHandlersFinished);
  await registraties;
  await verdaging;
  await zrmHerinneringen;
  await verwijzingHerinneringen;
  await evaluatieHerinneringen;
  await herleveringen;
  await intakeBewaking;
  await crisisBewaking;
  if (!state.beschikking) {
    // Closed without a beschikking (e.g. aanmelding ingetrokken): the term no longer runs.
    try {
      await getExternalWorkflowHandle(termijnWorkflowId(trajectId)).signal(
        termijnVervallenSignal,
        state.afsluitReden ?? 'traject afgesloten',
      );
    } catch (fout) {
      log.warn('beschikkingstermijn liep al niet meer', { trajectId, fout: String(fout) });
    }
  }
  // Alerts still refused now are moot (the traject is closed); the Storing search attribute stays for the operator.
  if (zaak.storingen.length > 0) log.warn('traject afgesloten met geweigerde notificaties', { trajectId, aantal: zaak.storingen.length });
  return zaak.status();
}

interface Gesprekstermijn {
  uiterlijk: Date;
  onderwerp: string;
  bericht: string;
}

/**
 * When the first conversation must be held. Wgs art. 4: within 4 weeks of the aanmelding (lid 1),
 * within 3 werkdagen in a crisis (lid 2: threatened eviction, disconnection, cancelled health
 * insurance). Amsterdam's own norm of 2 weeks warns before the legal term. Trajecten started
 * before patch awb-termijnregels (no termijnVerloop) keep their single alert at 2 weeks.
 */
function gesprekstermijnen(input: TrajectInput, state: TrajectState): Gesprekstermijn[] {
  if (input.crisis) {
    return [
      {
        uiterlijk: eindeVanDag(werkdagenNa(input.aanmeldDatum, CRISIS_CONTACT_WERKDAGEN)),
        onderwerp: 'intake-termijn-overschreden',
        bericht: `crisis: eerste gesprek niet gehouden binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen`,
      },
    ];
  }
  const norm = eindeVanDag(plusDagen(input.aanmeldDatum, INTAKE_HOUD_DAGEN));
  if (!state.termijnVerloop) {
    return [
      { uiterlijk: norm, onderwerp: 'intake-termijn-overschreden', bericht: 'eerste intake niet gehouden binnen 2 weken na aanmelding' },
    ];
  }
  const wettelijk = eersteGesprekTermijn(input.aanmeldDatum);
  return [
    {
      uiterlijk: norm,
      onderwerp: 'intake-norm-overschreden',
      bericht: `eerste gesprek niet gehouden binnen 2 weken na aanmelding (Amsterdamse norm); de wettelijke termijn verloopt op ${wettelijk.einddatum}`,
    },
    {
      uiterlijk: new Date(wettelijk.verloopt),
      onderwerp: 'intake-termijn-overschreden',
      bericht: `eerste gesprek niet gehouden binnen ${EERSTE_GESPREK_WEKEN} weken na aanmelding (Wgs art. 4)`,
    },
  ];
}

/**
 * Alerts the teamleider when the intake is not planned within 5 werkdagen or the first conversation is late.
 * Outreach after a documented no-show (werkkader §2.8.5) holds Amsterdam's norms: a norm whose deadline
 * passes while it runs counts again from the moment the person is reached, and meanwhile the werkvoorraad
 * shows 'outreach-na-no-show'. The legal term (Wgs art. 4) is not held: its alert says the outreach is on
 * record. Cases without such a no-show ask no patch and run as before patch contactlog-intake-normen.
 */
async function bewaakIntake(zaak: TrajectZaak): Promise<void> {
  const { aanmelding: input, state, bezorging, contactlog } = zaak;
  const klaar = () => state.fase !== 'intake';
  const alert = (onderwerp: string, bericht: string, termijn: Date) =>
    bezorging.meld({
      idempotencyKey: `${input.trajectId}:${onderwerp}`,
      soort: 'teamleider-alert',
      buurtteam: zaak.buurtteam(),
      zaakId: input.trajectId,
      onderwerp,
      bericht,
      termijn: termijn.toISOString(),
    });
  const vastgehouden: Promise<unknown>[] = [];
  /** A norm's alert, or its hold while outreach runs (then `opnieuw` is the norm counted from the day the person is reached). */
  const normAlert = async (
    onderwerp: string,
    bericht: string,
    uiterlijk: Date,
    gehaald: () => boolean,
    opnieuw: (vanaf: string) => Date,
  ) => {
    if (!contactlog.outreach() || !patched('contactlog-intake-normen')) return alert(onderwerp, bericht, uiterlijk);
    const nieuw = (bereikt: string) => opnieuw(amsterdamDatum(new Date(bereikt)));
    vastgehouden.push(
      contactlog
        .houdVast(gehaald, nieuw)
        .then((laat) => laat && alert(onderwerp, `${bericht}, opnieuw geteld na outreach op een no-show`, laat)),
    );
  };

  try {
    if (!input.crisis) {
      const gepland = () => klaar() || !!state.intake.gepland || !!state.intake.gehouden;
      const planUiterlijk = eindeVanDag(werkdagenNa(input.aanmeldDatum, INTAKE_PLAN_WERKDAGEN));
      if (!(await wachtTot(gepland, planUiterlijk))) {
        await normAlert(
          'intake-niet-gepland',
          `intake niet gepland binnen ${INTAKE_PLAN_WERKDAGEN} werkdagen na aanmelding`,
          planUiterlijk,
          gepland,
          (d) => eindeVanDag(werkdagenNa(d, INTAKE_PLAN_WERKDAGEN)),
        );
      }
    }
    const gehouden = () => klaar() || !!state.intake.gehouden;
    const termijnen = gesprekstermijnen(input, state);
    for (const [i, t] of termijnen.entries()) {
      if (await wachtTot(gehouden, t.uiterlijk)) return;
      // A traject registered late skips the norm's warning when the legal term has passed as well;
      // trajecten from before patch late-registratie-normwaarschuwing keep sending it (asked only where it matters).
      const later = termijnen[i + 1];
      if (later && later.uiterlijk.getTime() <= Date.now() && gepatcht('late-registratie-normwaarschuwing')) continue;
      if (t.onderwerp === 'intake-norm-overschreden') {
        await normAlert(t.onderwerp, t.bericht, t.uiterlijk, gehouden, (d) => eindeVanDag(plusDagen(d, INTAKE_HOUD_DAGEN)));
      } else {
        const outreach = contactlog.noShowMetOutreach() && patched('contactlog-intake-normen');
        await alert(
          t.onderwerp,
          outreach ? `${t.bericht}; een no-show met outreach is vastgelegd in het contactlog` : t.bericht,
          t.uiterlijk,
        );
      }
    }
  } finally {
    await Promise.all(vastgehouden);
  }
}

/** Alerts the teamleider when, after a crisis declared during the intake, the first conversation is not held in time. */
async function bewaakLateCrisis(input: TrajectInput, state: TrajectState, bezorging: Bezorging, buurtteam: () => string): Promise<void> {
  const voorbij = () => state.fase !== 'intake' || !!state.intake.gehouden;
  await condition(() => voorbij() || state.crisisGesprekUiterlijk !== undefined);
  if (voorbij()) return;
  // Held, the intake phase over, or the crisis called off: nothing is late any more.
  const klaar = () => voorbij() || !state.crisisinterventie;
  const uiterlijk = new Date(state.crisisGesprekUiterlijk!);
  if (await wachtTot(klaar, uiterlijk)) return;
  await bezorging.meld({
    idempotencyKey: `${input.trajectId}:crisis-gesprek-te-laat`,
    soort: 'teamleider-alert',
    buurtteam: buurtteam(),
    zaakId: input.trajectId,
    onderwerp: 'crisis-gesprek-te-laat',
    bericht: `crisis gemeld tijdens de intake: eerste gesprek niet gehouden binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen (Wgs art. 4)`,
    termijn: uiterlijk.toISOString(),
  });
}
