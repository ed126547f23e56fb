import {
  allHandlersFinished,
  condition,
  patched,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { gepatcht } from './patches';
import type { RegistratieGebeurtenis } from '../activities/ports';
import { amsterdamDatum, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import type { Beschikking } from '../common/schemas';
import { bezwaartermijn, EERSTE_GESPREK_WEKEN, eersteGesprekTermijn } from '../common/termijnen';
import { BUURTTEAM, FASE, TERMIJN_DATUM } from '../common/searchAttributes';
import { beschikkingTermijn } from './beschikkingTermijn';
import { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot, werkStoringBij, werkZoekkenmerkenBij } from './helpers';
import {
  beschikkingAfgegevenSignal,
  beschikkingUpdate,
  crisisinterventieUpdate,
  faseUpdate,
  flankmoduleUpdate,
  inkomensbeheerUpdate,
  intakeUpdate,
  termijnHerleveringSignal,
  termijnStoringenSignal,
  termijnVervallenSignal,
  toestemmingUpdate,
  trajectHerleveringUpdate,
  trajectStatusQuery,
} from './messages';
import { Registratiewachtrij } from './registratieWachtrij';
import { openTaken, waaromGeenBeschikking, waaromOngeldig } from './route020';
import { beginTermijn, TrajectTermijn } from './trajectTermijn';
import { termijnWorkflowId } from '../common/workflowIds';
import { beginZrm, Zrm } from './zrm';
import type { TrajectInput, TrajectState, TrajectStatus } from './types';

/** Intake must be planned within 5 werkdagen and held within 2 weeks of aanmelding (Amsterdam); in crisis within 3 werkdagen. */
const INTAKE_PLAN_WERKDAGEN = 5;
const INTAKE_HOUD_DAGEN = 14;
const CRISIS_GESPREK_WERKDAGEN = 3;

function beginState(input: TrajectInput): TrajectState {
  const vanaf = new Date().toISOString();
  const toestemming = { datum: input.aanmeldDatum, ...input.toestemming };
  return {
    fase: 'intake',
    faseHistorie: [{ fase: 'intake', vanaf }],
    intake: {},
    toestemming,
    toestemmingHistorie: [toestemming],
    crisisinterventie: input.crisis,
    flankmodules: [],
    ...beginTermijn(input),
    ...beginZrm(input),
    verzondenAlerts: [],
    storingen: [],
    termijnStoringen: [],
    registratieVolgnummer: 0,
    teDelen: [],
  };
}

/**
 * One Route 020 schuldhulp traject, from aanmelding to afgesloten. Phase changes and registrations
 * arrive as updates validated against the route rules; the beschikking term runs as a child.
 */
export async function schuldhulpTraject(input: TrajectInput): Promise<TrajectStatus> {
  const { voortzetting, ...aanmelding } = input;
  const state = voortzetting ?? beginState(input);
  const trajectId = input.trajectId;
  const storingen = (state.storingen ??= []);
  const termijnStoringen = () => (state.termijnStoringen ??= []);

  const status = (): TrajectStatus => {
    const { teDelen, ...zichtbaar } = state;
    return {
      ...zichtbaar,
      storingen,
      termijnStoringen: termijnStoringen(),
      trajectId,
      buurtteam: aanmelding.buurtteam,
      regievoerder: aanmelding.regievoerder,
      aanmeldDatum: aanmelding.aanmeldDatum,
      vanMelding: aanmelding.vanMelding,
      ...(state.toestemming.vastleggen && aanmelding.client.naam ? { client: { naam: aanmelding.client.naam } } : {}),
      openTaken: openTaken(state),
      openstaandeRegistraties: teDelen.length,
      ...(state.beschikking ? { bezwaartermijn: bezwaartermijn(state.beschikking.datum) } : {}),
    };
  };

  const bijwerken = () =>
    werkZoekkenmerkenBij({
      buurtteam: aanmelding.buurtteam,
      fase: state.fase,
      regievoerder: aanmelding.regievoerder,
      termijn: state.beschikking || state.fase === 'afgesloten' || !state.termijn ? undefined : new Date(state.termijn.verloopt),
      openTaken: openTaken(state),
    });

  const storingBijwerken = () => werkStoringBij([...storingen, ...termijnStoringen()]);
  const bezorging = new Bezorging({ verzondenAlerts: state.verzondenAlerts, storingen }, storingBijwerken);
  const wachtrij = new Registratiewachtrij(state.teDelen, storingen, bezorging, {
    soort: 'teamleider-alert',
    buurtteam: aanmelding.buurtteam,
    zaakId: trajectId,
    onderwerp: 'registratie-geweigerd',
  });
  /**
   * The gemeente's own besluit goes to the zaaksysteem on its legal task (Wgs, Awb; AVG art. 6
   * lid 1 sub e), not on the client's consent to share: the beschikking, its dates and the
   * bezwaartermijn, with the BSN it is addressed to, and nothing else of the traject. A traject
   * ends only once its queue is delivered, so the besluit is kept there (for bezwaar and the
   * archive) before this history is deleted. Patched: runs from before sent nothing without consent.
   */
  const deelBesluit = () => {
    const b = state.beschikking;
    if (!b || !patched('besluit-zonder-toestemming')) return;
    state.registratieVolgnummer += 1;
    wachtrij.voegToe({
      idempotencyKey: `${trajectId}:registratie:${state.registratieVolgnummer}`,
      trajectId,
      gebeurtenis: 'beschikking',
      bsn: aanmelding.client.bsn,
      gegevens: {
        trajectId,
        aanmeldDatum: aanmelding.aanmeldDatum,
        beschikking: { datum: b.datum, besluit: b.besluit },
        bezwaartermijn: bezwaartermijn(b.datum),
        faseHistorie: [],
        ...(state.termijn ? { termijn: state.termijn } : {}),
      },
    });
  };

  /** Queues the traject for the registration system, only while the client consents to sharing. */
  const deel = (gebeurtenis: RegistratieGebeurtenis) => {
    if (!state.toestemming.delen) {
      if (gebeurtenis === 'beschikking') deelBesluit();
      return;
    }
    state.registratieVolgnummer += 1;
    // Structured facts only: no deliveries (operational state), no name, none of the free-text reasons staff typed.
    const {
      toestemmingHistorie: _,
      openstaandeRegistraties: __,
      storingen: ___,
      termijnStoringen: ____,
      client: _____,
      afsluitReden: ______,
      faseHistorie,
      ...gegevens
    } = status();
    wachtrij.voegToe({
      idempotencyKey: `${trajectId}:registratie:${state.registratieVolgnummer}`,
      trajectId,
      gebeurtenis,
      bsn: aanmelding.client.bsn,
      gegevens: { ...gegevens, faseHistorie: faseHistorie.map(({ reden: _r, ...f }) => f) },
    });
  };

  const moduleGewijzigd = (wijziging: string, door?: string) => {
    (state.moduleHistorie ??= []).push({ wijziging, op: new Date().toISOString(), door });
    deel('module');
  };

  const nietAfgesloten = () => {
    if (state.fase === 'afgesloten') throw ongeldigeOvergang('het traject is afgesloten');
  };

  setHandler(trajectStatusQuery, status);
  const termijn = new TrajectTermijn({
    trajectId,
    buurtteam: aanmelding.buurtteam,
    state,
    status,
    bijwerken,
    nietAfgesloten,
    termijnLoopt: () => termijnLoopt,
  });
  termijn.registreer();
  const zrm = new Zrm({
    trajectId,
    buurtteam: aanmelding.buurtteam,
    aanmeldDatum: aanmelding.aanmeldDatum,
    state,
    status,
    bijwerken,
    nietAfgesloten,
  });
  zrm.registreer();

  setHandler(
    intakeUpdate,
    (u) => {
      if (u.actie === 'gepland') Object.assign(state.intake, { gepland: u.tijdstip, geplandDoor: u.door });
      else Object.assign(state.intake, { gehouden: u.tijdstip, gehoudenDoor: u.door });
      const termijnStart = u.actie === 'gehouden' && termijn.startBijGesprek(u.tijdstip);
      bijwerken();
      deel('intake');
      // Synchronous unless the term starts here: an await would reorder commands of running cases.
      return termijnStart ? termijn.meldAanTermijn().then(status) : status();
    },
    {
      validator: (u) => {
        nietAfgesloten();
        if (state.fase !== 'intake') throw ongeldigeOvergang(`intake registreren kan alleen in de intakefase, niet in ${state.fase}`);
        if (u.actie === 'gehouden' && Date.parse(u.tijdstip) > Date.now()) {
          throw ongeldigeInvoer('tijdstip', 'een gehouden intake kan niet in de toekomst liggen');
        }
      },
    },
  );

  setHandler(
    faseUpdate,
    (w) => {
      if (w.naar === state.fase && w.route === state.route) return status(); // repeat of the same request
      state.fase = w.naar;
      state.route = w.naar === 'schuldregeling' ? w.route : undefined;
      if (w.naar === 'afgesloten') state.afsluitReden = w.reden;
      state.faseHistorie.push({ fase: w.naar, route: state.route, vanaf: new Date().toISOString(), reden: w.reden, door: w.door });
      log.info('fase gewijzigd', { trajectId, fase: state.fase, route: state.route });
      bijwerken();
      deel('fase');
      return status();
    },
    {
      validator: (w) => {
        if (w.naar === state.fase && w.route === state.route && w.naar !== 'afgesloten') return;
        const reden = waaromOngeldig(state, w);
        if (reden) throw ongeldigeOvergang(reden);
      },
    },
  );

  // Set once the term child runs: always in a continued run, in the first run once startChild resolved.
  let termijnLoopt = voortzetting !== undefined;
  /** The beschikking being handed to the term child; a different one meanwhile is refused. */
  let beschikkingOnderweg: Beschikking | undefined;
  setHandler(
    beschikkingUpdate,
    async (b) => {
      if (state.beschikking) return status();
      beschikkingOnderweg ??= b;
      // Recorded only once the term child has it: an update in the traject's first workflow task
      // waits for the child to exist, and a term that no longer runs refuses it clearly.
      if (!termijnLoopt) await condition(() => termijnLoopt);
      try {
        await getExternalWorkflowHandle(termijnWorkflowId(trajectId)).signal(beschikkingAfgegevenSignal, b);
      } catch (fout) {
        beschikkingOnderweg = undefined;
        log.error('beschikkingstermijn niet bereikbaar', { trajectId, fout: String(fout) });
        throw ongeldigeOvergang('de beschikkingstermijn van dit traject loopt niet meer; de beschikking is niet geregistreerd');
      }
      if (state.beschikking) return status();
      state.beschikking = b;
      bijwerken();
      deel('beschikking');
      return status();
    },
    {
      validator: (b) => {
        const eerder = state.beschikking ?? beschikkingOnderweg;
        if (eerder) {
          if (eerder.datum === b.datum && eerder.besluit === b.besluit) return;
          throw ongeldigeOvergang('er is al een andere beschikking afgegeven');
        }
        nietAfgesloten();
        const nogNiet = waaromGeenBeschikking(state);
        if (nogNiet) throw ongeldigeOvergang(nogNiet);
        if (b.datum < aanmelding.aanmeldDatum) throw ongeldigeInvoer('datum', 'beschikking kan niet vóór de aanmelding liggen');
      },
    },
  );

  setHandler(
    toestemmingUpdate,
    (t) => {
      const gafNuToestemming = t.delen && !state.toestemming.delen;
      state.toestemming = t;
      state.toestemmingHistorie.push(t);
      log.info('toestemming gewijzigd', { trajectId, vastleggen: t.vastleggen, delen: t.delen });
      // Withdrawal also stops what was queued, but not the besluit; a late consent sends the current traject once.
      if (!t.delen) {
        wachtrij.leeg();
        deelBesluit();
      }
      if (gafNuToestemming) deel('aanmelding');
      return status();
    },
    {
      validator: (t) => {
        if (t.delen && !t.vastleggen) throw ongeldigeInvoer('delen', 'delen kan alleen met toestemming om vast te leggen');
      },
    },
  );

  setHandler(
    crisisinterventieUpdate,
    (c) => {
      // A crisis that comes up during the intake starts the 3-werkdagen term for the first
      // conversation from now (Wgs art. 4 lid 2); one present at the aanmelding runs from then.
      const crisisNu = c.actief && !state.crisisinterventie && !aanmelding.crisis && state.fase === 'intake' && !state.intake.gehouden;
      if (crisisNu && gepatcht('crisis-later')) {
        state.crisisGesprekUiterlijk ??= eindeVanDag(werkdagenNa(amsterdamDatum(new Date()), CRISIS_GESPREK_WERKDAGEN)).toISOString();
      }
      state.crisisinterventie = c.actief;
      moduleGewijzigd(`crisisinterventie ${c.actief ? 'aan' : 'uit'}`, c.door);
      return status();
    },
    { validator: (_u) => nietAfgesloten() },
  );

  setHandler(
    flankmoduleUpdate,
    (f) => {
      state.flankmodules = state.flankmodules.filter((m) => m !== f.module);
      if (f.actief) state.flankmodules.push(f.module);
      moduleGewijzigd(`${f.module} ${f.actief ? 'aan' : 'uit'}`, f.door);
      return status();
    },
    { validator: (_u) => nietAfgesloten() },
  );

  setHandler(
    inkomensbeheerUpdate,
    (i) => {
      state.inkomensbeheer = i;
      moduleGewijzigd(`inkomensbeheer ${i.vorm}`, i.door);
      return status();
    },
    {
      validator: (i) => {
        nietAfgesloten();
        if (state.inkomensbeheer && state.inkomensbeheer.vorm !== i.vorm) {
          throw ongeldigeOvergang(`al verwezen naar ${state.inkomensbeheer.vorm}`);
        }
      },
    },
  );

  setHandler(termijnStoringenSignal, (lijst) => {
    state.termijnStoringen = lijst;
    storingBijwerken();
  });

  setHandler(
    trajectHerleveringUpdate,
    async (_verzoek) => {
      bezorging.herleverNu();
      if (termijnStoringen().length > 0) {
        try {
          await getExternalWorkflowHandle(termijnWorkflowId(trajectId)).signal(termijnHerleveringSignal);
        } catch (fout) {
          log.warn('beschikkingstermijn niet bereikbaar voor herlevering', { trajectId, fout: String(fout) });
        }
      }
      return status();
    },
    {
      validator: (_verzoek) => {
        if (storingen.length === 0 && termijnStoringen().length === 0) {
          throw ongeldigeOvergang('er is geen geweigerde levering om opnieuw te versturen');
        }
      },
    },
  );

  bijwerken();
  if (!voortzetting) {
    deel('aanmelding');
    // ABANDON: the term must outlive continueAsNew of this run; closing the traject ends it by signal.
    await startChild(beschikkingTermijn, {
      workflowId: termijnWorkflowId(trajectId),
      args: [
        {
          trajectId,
          buurtteam: aanmelding.buurtteam,
          aanmeldDatum: aanmelding.aanmeldDatum,
          waarschuwingWeken: aanmelding.waarschuwingWeken,
          ...(state.termijnVerloop ? { verloop: state.termijnVerloop } : {}),
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      // Findable next to its traject; no OpenTaak, the traject already lists beschikking-afgeven.
      typedSearchAttributes: [
        { key: BUURTTEAM, value: aanmelding.buurtteam },
        { key: FASE, value: 'beschikkingstermijn' },
        ...(state.termijn ? [{ key: TERMIJN_DATUM, value: new Date(state.termijn.verloopt) }] : []),
      ],
    });
  }
  termijnLoopt = true;

  const intakeBewaking = bewaakIntake(input, state, bezorging);
  const crisisBewaking = bewaakLateCrisis(input, state, bezorging);
  const afgesloten = () => state.fase === 'afgesloten';
  const doorstarten = () => !afgesloten() && workflowInfo().continueAsNewSuggested;
  let onderbreken = false;
  const registraties = wachtrij.verstuur(
    () => (afgesloten() || doorstarten()) && allHandlersFinished(),
    () => onderbreken,
  );
  const verdaging = termijn.meldVerdaging(() => afgesloten() || doorstarten(), bezorging);
  const zrmHerinneringen = zrm.bewaak(() => afgesloten() || doorstarten(), bezorging);
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
      await condition(allHandlersFinished);
      await registraties;
      await verdaging;
    }
    await continueAsNew<typeof schuldhulpTraject>({ ...input, voortzetting: state });
  }
  await condition(allHandlersFinished);
  await registraties;
  await verdaging;
  await zrmHerinneringen;
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
  if (storingen.length > 0) log.warn('traject afgesloten met geweigerde notificaties', { trajectId, aantal: storingen.length });
  return status();
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
 * before the Awb rules (no termijnVerloop) keep their single alert at 2 weeks.
 */
function gesprekstermijnen(input: TrajectInput, state: TrajectState): Gesprekstermijn[] {
  if (input.crisis) {
    return [
      {
        uiterlijk: eindeVanDag(werkdagenNa(input.aanmeldDatum, CRISIS_GESPREK_WERKDAGEN)),
        onderwerp: 'intake-termijn-overschreden',
        bericht: `crisis: eerste gesprek niet gehouden binnen ${CRISIS_GESPREK_WERKDAGEN} werkdagen`,
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

/** Alerts the teamleider when the intake is not planned within 5 werkdagen or the first conversation is late. */
async function bewaakIntake(input: TrajectInput, state: TrajectState, bezorging: Bezorging): Promise<void> {
  const klaar = () => state.fase !== 'intake';
  const alert = (onderwerp: string, bericht: string, termijn: Date) =>
    bezorging.meld({
      idempotencyKey: `${input.trajectId}:${onderwerp}`,
      soort: 'teamleider-alert',
      buurtteam: input.buurtteam,
      zaakId: input.trajectId,
      onderwerp,
      bericht,
      termijn: termijn.toISOString(),
    });

  if (!input.crisis) {
    const planUiterlijk = eindeVanDag(werkdagenNa(input.aanmeldDatum, INTAKE_PLAN_WERKDAGEN));
    if (!(await wachtTot(() => klaar() || !!state.intake.gepland || !!state.intake.gehouden, planUiterlijk))) {
      await alert('intake-niet-gepland', `intake niet gepland binnen ${INTAKE_PLAN_WERKDAGEN} werkdagen na aanmelding`, planUiterlijk);
    }
  }
  const termijnen = gesprekstermijnen(input, state);
  for (const [i, t] of termijnen.entries()) {
    if (await wachtTot(() => klaar() || !!state.intake.gehouden, t.uiterlijk)) return;
    // A traject registered late skips the norm's warning when the legal term has passed as well;
    // trajecten that ran before this rule keep sending it (patch, asked only where it matters).
    const later = termijnen[i + 1];
    if (later && later.uiterlijk.getTime() <= Date.now() && gepatcht('late-registratie-normwaarschuwing')) continue;
    await alert(t.onderwerp, t.bericht, t.uiterlijk);
  }
}

/** Alerts the teamleider when, after a crisis declared during the intake, the first conversation is not held in time. */
async function bewaakLateCrisis(input: TrajectInput, state: TrajectState, bezorging: Bezorging): Promise<void> {
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
    buurtteam: input.buurtteam,
    zaakId: input.trajectId,
    onderwerp: 'crisis-gesprek-te-laat',
    bericht: `crisis gemeld tijdens de intake: eerste gesprek niet gehouden binnen ${CRISIS_GESPREK_WERKDAGEN} werkdagen (Wgs art. 4)`,
    termijn: uiterlijk.toISOString(),
  });
}
