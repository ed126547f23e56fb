import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { gepatcht } from './patches';
import { amsterdamDatum, amsterdamUur, eindeVanDag, isWerkdag, plusDagen, werkdagenNa } from '../common/kalender';
import { BEGELEIDING_STAPPEN, CRISIS_DATUMVELD } from '../common/begrippen';
import { signaalBron } from '../common/signaalBron';
import { trajectMemo } from '../common/memo';
import { Bezorging } from './bezorging';
import {
  afsluitingMetEindresultaat,
  EINDRESULTAAT_OVERDRACHT,
  eindresultaatBijReden,
  eindresultaatPastNiet,
  terugkoppeling,
} from './eindresultaat';
import { ongeldigeInvoer, ongeldigeOvergang, trajectBestaat, wachtTot, werkStoringBij, werkZoekkenmerkenBij } from './helpers';
import {
  contactpogingUpdate,
  herhaalmeldingUpdate,
  huisbezoekUpdate,
  meldingAfsluitingUpdate,
  meldingHerleveringUpdate,
  meldingAfgehandeldSignal,
  meldingStatusQuery,
  overdrachtUpdate,
  stapUpdate,
  trajectGestartSignal,
} from './messages';
import { persoonsslot } from './persoonsslot';
import { isHuishoudslot, persoonsslotId, trajectIdVoorMelding } from '../common/workflowIds';
import {
  AFSLUITSIGNAAL_WERKDAGEN,
  contactpogingVanBezoek as pogingVanBezoek,
  eersteSignaal,
  gewichtVan,
  normenVan,
  teLaatGemeldDoor,
  voegSignaalToe,
} from './signalen';
import { schuldhulpTraject } from './schuldhulpTraject';
import type { ContactpogingInvoer, Huisbezoek, StapUpdate } from '../common/schemas';
import type { MeldingResultaat, MeldingState, MeldingStatus, Signaal, VroegEropafInput } from './types';

const MINIMAAL_BEZOEKEN = 2;
/** After the first late-visit alert, each further missed term escalates again; the last of these says it is the last. */
const MAX_HERINNERINGEN = 5;
const AVOND_VANAF_UUR = 18;
const SLUIT_NA_DAGEN = 90;
/** Since this patch a hand-over whose person lock names another traject fails instead of closing the melding. */
const OVERDRACHT_AAN_LOPEND_TRAJECT = 'overdracht-aan-lopend-traject';
/** Wgs art. 4 lid 2: in a threatening situation the first contact within 3 werkdagen. */
const CRISIS_CONTACT_WERKDAGEN = 3;

/** A visit counts as evening/weekend when it is at or after 18:00, or on a weekend day or holiday. */
export function isAvondOfWeekend(tijdstip: string): boolean {
  const moment = new Date(tijdstip);
  return amsterdamUur(moment) >= AVOND_VANAF_UUR || !isWerkdag(amsterdamDatum(moment));
}

/** The crisis path a crisis signal starts now: first contact within 3 werkdagen. */
function crisisVan(signaal: Signaal): MeldingState['crisis'] {
  const nu = new Date();
  const uiterlijk = eindeVanDag(werkdagenNa(amsterdamDatum(nu), CRISIS_CONTACT_WERKDAGEN));
  return {
    soort: signaal.soort as NonNullable<MeldingState['crisis']>['soort'],
    sinds: nu.toISOString(),
    eersteContactUiterlijk: uiterlijk.toISOString(),
  };
}

/** The date a crisis signal names (eviction, end of supply, end of insurance), for the alert; and whether it came too late. */
function crisisDatum(s: Signaal): string {
  const datum = s.soort === 'betalingsachterstand' ? undefined : s[CRISIS_DATUMVELD[s.soort]];
  const laat = s.teLaatGemeld
    ? ` (te laat gemeld: minder dan ${AFSLUITSIGNAAL_WERKDAGEN} werkdagen vóór de afsluiting; hoogste prioriteit)`
    : '';
  return (datum ? ` per ${datum}` : '') + laat;
}

function bereikpogingenVoldoende(state: MeldingState): boolean {
  return state.bezoeken.length >= MINIMAAL_BEZOEKEN && state.bezoeken.some((b) => b.avondOfWeekend);
}

function openTaken(state: MeldingState): string[] {
  // Past the closing term without the visits: the teamleider decides (werkkader §2.8.2).
  if (state.fase === 'bereiken') return state.onbereiktBesluitNodig ? ['huisbezoek', 'besluit-onbereikt'] : ['huisbezoek'];
  if (state.fase !== 'begeleiding') return [];
  const open = BEGELEIDING_STAPPEN.filter((stap) => !state.stappen[stap]);
  return open.length > 0 ? [...open] : ['afsluiten-of-overdragen'];
}

/**
 * Vroeg Eropaf: a creditor reports arrears; the team visits until the person is reached (at least
 * two huisbezoeken, one in the evening or weekend), then guides budget talk, income repair,
 * payment arrangement and budget plan, and closes or hands over to a schuldhulp traject.
 */
export async function vroegEropaf(input: VroegEropafInput): Promise<MeldingResultaat> {
  const { voortzetting, ...melding } = input;
  const { meldingId, buurtteam } = melding;
  const bezoekTermijn = melding.bezoekTermijnWerkdagen ?? 3;
  const maxHistorie = melding.maxHistorie ?? 2000;
  const state: MeldingState = voortzetting ?? { fase: 'bereiken', bezoeken: [], stappen: {}, verzondenAlerts: [], doorgestart: 0 };
  const storingen = (state.storingen ??= []);
  // Kept in the state from the start (no commands, so also for runs recorded before them); a run
  // continued as new before these existed rebuilds the contact attempts from its visits.
  const signalen = (state.signalen ??= [eersteSignaal(meldingId, melding, new Date().toISOString())]);
  const contactpogingen = (state.contactpogingen ??= state.bezoeken.map(pogingVanBezoek));
  if (signalen[0]!.crisis) state.crisis ??= crisisVan(signalen[0]!);
  const bezorging = new Bezorging({ verzondenAlerts: state.verzondenAlerts, storingen }, () => werkStoringBij(storingen));
  const afgehandeld = () => state.fase === 'afgesloten' || state.fase === 'overgedragen';

  const planVolgendBezoek = () => {
    const vandaag = amsterdamDatum(new Date());
    state.volgendBezoek = {
      uiterlijk: eindeVanDag(werkdagenNa(vandaag, bezoekTermijn)).toISOString(),
      avondOfWeekend: state.bezoeken.length > 0 && !state.bezoeken.some((b) => b.avondOfWeekend),
    };
  };
  /** The latest reported arrears: a repeat with a higher amount replaces the original. */
  const achterstand = () => state.herhaalmeldingen?.at(-1)?.achterstand ?? melding.achterstand;
  const status = (): MeldingStatus => ({
    ...state,
    storingen,
    signalen,
    contactpogingen,
    normen: normenVan(melding.meldDatum, state),
    terugkoppeling: signalen.map((s) => terugkoppeling(s, state.eindresultaat)),
    meldingId,
    buurtteam,
    regievoerder: melding.regievoerder,
    schuldeiser: melding.schuldeiser,
    referentie: melding.referentie,
    achterstand: achterstand(),
    meldDatum: melding.meldDatum,
    ...(state.fase === 'bereiken' || state.fase === 'begeleiding' ? { client: melding.client } : {}),
    openTaken: openTaken(state),
  });
  const bijwerken = () =>
    werkZoekkenmerkenBij({
      buurtteam,
      fase: `vroeg-eropaf-${state.fase}`,
      regievoerder: melding.regievoerder,
      termijn: state.fase === 'bereiken' && state.volgendBezoek ? new Date(state.volgendBezoek.uiterlijk) : undefined,
      openTaken: openTaken(state),
      prioriteit: gewichtVan(state) || undefined,
    });
  /** The recorded visit with the same medewerker at the same instant (in any notation), if any. */
  const alGeregistreerd = (bezoek: Huisbezoek) =>
    state.bezoeken.find((b) => Date.parse(b.tijdstip) === Date.parse(bezoek.tijdstip) && b.medewerker === bezoek.medewerker);
  /**
   * A signal that led to no contact is closed after `sluitNaDagen`, so that the namespace
   * retention deletes its history (and the personal data in it) in turn; but only once the team
   * made the visits werkkader §2.8.2 asks. Until then the melding escalates instead (an alert and
   * an open task for the teamleider) and closes when the visits are made or the teamleider decides.
   */
  const sluitAlsOnbereikt = async () => {
    const dagen = melding.sluitNaDagen ?? SLUIT_NA_DAGEN;
    const uiterlijk = eindeVanDag(plusDagen(melding.meldDatum, dagen));
    if (await wachtTot(() => state.fase !== 'bereiken', uiterlijk)) return;
    // Runs that closed here before this rule replay their closing (no marker on their path).
    if (!bereikpogingenVoldoende(state) && patched('melding-sluit-na-bezoekregel')) {
      await escaleerOnbereikt(dagen, uiterlijk);
      await condition(() => state.fase !== 'bereiken' || bereikpogingenVoldoende(state));
      if (state.fase !== 'bereiken') return;
    }
    state.fase = 'afgesloten';
    state.afsluiting = { reden: 'verlopen' };
    state.eindresultaat = eindresultaatBijReden('verlopen');
    state.volgendBezoek = undefined;
    log.info('melding gesloten: niet bereikt binnen de termijn', { meldingId });
    bijwerken();
  };
  /** Once per case (a run continued as new knows from its state): the alert, and the open task. */
  const escaleerOnbereikt = async (dagen: number, uiterlijk: Date) => {
    if (state.onbereiktBesluitNodig) return;
    state.onbereiktBesluitNodig = new Date().toISOString();
    bijwerken();
    await bezorging.meld({
      idempotencyKey: `${meldingId}:onbereikt-besluit-nodig`,
      soort: 'teamleider-alert',
      buurtteam,
      zaakId: meldingId,
      onderwerp: 'onbereikt-besluit-nodig',
      bericht:
        `melding ${dagen} dagen na het signaal niet bereikt, met ${state.bezoeken.length} huisbezoek(en); ` +
        `nodig zijn minstens ${MINIMAAL_BEZOEKEN}, waarvan één in de avond of het weekend (werkkader §2.8.2). ` +
        'De melding blijft open: leg de huisbezoeken af, of sluit als teamleider af als niet bereikt met een besluitreden',
      termijn: uiterlijk.toISOString(),
    });
  };
  /** The same attempt again (a retried request) is recorded once. */
  const eerderePoging = (p: Omit<ContactpogingInvoer, 'notitie'>) =>
    contactpogingen.find((c) => c.soort === p.soort && c.datum === p.datum && c.dagdeel === p.dagdeel && c.bereikt === p.bereikt);
  const bereikt = () => state.fase !== 'bereiken' || contactpogingen.some((p) => p.bereikt);

  /**
   * A crisis signal (eviction, end of energy supply, ended health insurance; Wgs art. 4 lid 2)
   * alerts the teamleider at once, and again when nobody reached the person within 3 werkdagen.
   */
  const bewaakCrisis = async () => {
    await condition(() => state.crisis !== undefined || afgehandeld());
    const crisis = state.crisis;
    if (!crisis || afgehandeld()) return;
    const signaal = signalen.find((s) => s.soort === crisis.soort)!;
    await bezorging.meld({
      idempotencyKey: `${meldingId}:crisissignaal`,
      soort: 'teamleider-alert',
      buurtteam,
      zaakId: meldingId,
      onderwerp: 'crisissignaal',
      bericht: `crisissignaal ${crisis.soort}${crisisDatum(signaal)}: eerste contact binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen`,
      termijn: crisis.eersteContactUiterlijk,
    });
    if (await wachtTot(() => bereikt() || afgehandeld(), new Date(crisis.eersteContactUiterlijk))) return;
    await bezorging.meld({
      idempotencyKey: `${meldingId}:crisis-contact-te-laat`,
      soort: 'teamleider-alert',
      buurtteam,
      zaakId: meldingId,
      onderwerp: 'crisis-contact-te-laat',
      bericht: `crisissignaal ${crisis.soort}: de persoon is niet binnen ${CRISIS_CONTACT_WERKDAGEN} werkdagen bereikt`,
      termijn: crisis.eersteContactUiterlijk,
    });
  };

  /** Amsterdam's norm: alerts the teamleider once when it passes unmet while the melding is open. */
  const bewaakNorm = async (onderwerp: string, gehaald: () => boolean, uiterlijk: string, bericht: string) => {
    if (await wachtTot(() => gehaald() || afgehandeld(), new Date(uiterlijk))) return;
    await bezorging.meld({
      idempotencyKey: `${meldingId}:${onderwerp}`,
      soort: 'teamleider-alert',
      buurtteam,
      zaakId: meldingId,
      onderwerp,
      bericht,
      termijn: uiterlijk,
    });
  };
  const bewaakNormen = () => {
    const normen = normenVan(melding.meldDatum, state);
    return Promise.all([
      bewaakNorm(
        'contactpoging-norm-overschreden',
        () => contactpogingen.length > 0,
        normen.eersteContactpogingUiterlijk,
        'geen contactpoging binnen 14 dagen na het signaal (Amsterdamse norm)',
      ),
      bewaakNorm(
        'analyse-norm-overschreden',
        () => state.stappen.budgetgesprek !== undefined,
        normen.eersteAnalyseUiterlijk,
        'geen eerste analyse (oriënterend budgetgesprek) binnen 28 dagen na het signaal (Amsterdamse norm)',
      ),
    ]);
  };

  const moetDoorstarten = () => workflowInfo().historyLength >= maxHistorie || workflowInfo().continueAsNewSuggested;

  setHandler(meldingStatusQuery, status);

  setHandler(
    huisbezoekUpdate,
    (bezoek) => {
      if (alGeregistreerd(bezoek)) return status();
      const geregistreerd = { ...bezoek, avondOfWeekend: isAvondOfWeekend(bezoek.tijdstip) };
      state.bezoeken.push(geregistreerd);
      contactpogingen.push(pogingVanBezoek(geregistreerd));
      if (bezoek.uitkomst === 'bereikt') {
        state.fase = 'begeleiding';
        state.volgendBezoek = undefined;
      } else if (bezoek.uitkomst === 'geweigerd') {
        state.fase = 'afgesloten';
        state.afsluiting = { reden: 'geweigerd', toelichting: bezoek.notitie };
        state.eindresultaat = eindresultaatBijReden('geweigerd');
        state.volgendBezoek = undefined;
      } else {
        planVolgendBezoek();
      }
      log.info('huisbezoek geregistreerd', { meldingId, uitkomst: bezoek.uitkomst, aantal: state.bezoeken.length });
      bijwerken();
      return status();
    },
    {
      validator: (bezoek) => {
        const eerder = alGeregistreerd(bezoek);
        // A repeat is answered with the current state; another outcome for the same visit is no repeat.
        if (eerder?.uitkomst === bezoek.uitkomst) return;
        if (eerder) {
          throw ongeldigeOvergang(
            `dit huisbezoek (${eerder.tijdstip}, ${eerder.medewerker}) is al geregistreerd met uitkomst ${eerder.uitkomst}; ` +
              'een andere uitkomst voor hetzelfde bezoek wordt niet overschreven',
          );
        }
        if (state.fase !== 'bereiken') throw ongeldigeOvergang(`melding is ${state.fase}; huisbezoeken horen bij de fase bereiken`);
        const moment = Date.parse(bezoek.tijdstip);
        if (moment > Date.now()) throw ongeldigeInvoer('tijdstip', 'een huisbezoek kan niet in de toekomst liggen');
        if (amsterdamDatum(new Date(moment)) < melding.meldDatum) throw ongeldigeInvoer('tijdstip', 'huisbezoek ligt vóór de melddatum');
      },
    },
  );

  setHandler(
    stapUpdate,
    (u) => {
      state.stappen[u.stap] = { status: u.status, datum: u.datum, door: u.door };
      bijwerken();
      return status();
    },
    {
      validator: (u: StapUpdate) => {
        const eerder = state.stappen[u.stap];
        if (eerder) {
          if (eerder.status === u.status && eerder.datum === u.datum) return;
          throw ongeldigeOvergang(`stap ${u.stap} is al geregistreerd`);
        }
        if (state.fase !== 'begeleiding') throw ongeldigeOvergang(`stappen horen bij de begeleiding; melding is ${state.fase}`);
        if (u.stap === 'budgetgesprek' && u.status !== 'afgerond')
          throw ongeldigeInvoer('status', 'het oriënterend budgetgesprek is altijd nodig');
        if (u.stap !== 'budgetgesprek' && !state.stappen.budgetgesprek) throw ongeldigeOvergang('eerst het oriënterend budgetgesprek');
      },
    },
  );

  setHandler(
    meldingAfsluitingUpdate,
    (a) => {
      const { reden, eindresultaat } = afsluitingMetEindresultaat(a);
      state.fase = 'afgesloten';
      state.afsluiting = { ...a, ...(reden ? { reden } : {}) };
      state.eindresultaat = eindresultaat;
      state.volgendBezoek = undefined;
      bijwerken();
      return status();
    },
    {
      validator: (a) => {
        if (state.fase === 'afgesloten' || state.fase === 'overgedragen') throw ongeldigeOvergang(`melding is al ${state.fase}`);
        const { reden } = afsluitingMetEindresultaat(a);
        // Without the visits only the teamleider's documented decision closes it (the API checks the role).
        if (reden === 'niet-bereikt' && (state.fase !== 'bereiken' || (!bereikpogingenVoldoende(state) && !a.besluitReden))) {
          throw ongeldigeOvergang(
            `niet-bereikt vraagt minstens ${MINIMAAL_BEZOEKEN} huisbezoeken, waarvan één in de avond of het weekend, ` +
              'of een besluit van de teamleider met een besluitreden',
          );
        }
        if (reden === 'afgerond' && (state.fase !== 'begeleiding' || openTaken(state)[0] !== 'afsluiten-of-overdragen')) {
          throw ongeldigeOvergang('afronden kan pas als alle begeleidingsstappen zijn geregistreerd');
        }
        const past = eindresultaatPastNiet(a, state.fase);
        if (past) throw ongeldigeOvergang(past);
      },
    },
  );

  setHandler(herhaalmeldingUpdate, (h) => {
    if (afgehandeld()) return { bijgewerkt: false, gesloten: true };
    const ontvangen = new Date().toISOString();
    const signaal = voegSignaalToe(signalen, melding, meldingId, h, ontvangen);
    log.info('signaal ontvangen', { meldingId, signaalId: signaal.signaalId, soort: signaal.soort, opgepakt: signaal.opgepakt });
    if (!signaal.opgepakt) return { bijgewerkt: false, opgepakt: false, reden: signaal.reden };
    // The melding's own creditor with a higher amount: the case's achterstand follows it, as before households.
    if (!h.schuldeiser || signaalBron(h as Signaal) === signaalBron(melding)) {
      (state.herhaalmeldingen ??= []).push({ achterstand: h.achterstand, meldDatum: h.meldDatum, ontvangen });
    }
    if (signaal.crisis) state.crisis ??= crisisVan(signaal);
    // Repeats recorded before households changed no search attribute; they still do not.
    if (h.schuldeiser) bijwerken();
    return { bijgewerkt: true, opgepakt: true };
  });

  setHandler(
    contactpogingUpdate,
    ({ notitie, ...p }) => {
      if (eerderePoging(p)) return status();
      contactpogingen.push({ ...p, ...(notitie ? { notitie } : {}) });
      if (p.bereikt && state.fase === 'bereiken') {
        state.fase = 'begeleiding';
        state.volgendBezoek = undefined;
      }
      log.info('contactpoging geregistreerd', { meldingId, soort: p.soort, bereikt: p.bereikt });
      bijwerken();
      return status();
    },
    {
      validator: (p) => {
        if (eerderePoging(p)) return;
        if (afgehandeld()) throw ongeldigeOvergang(`melding is ${state.fase}; contactpogingen horen bij een open melding`);
        if (p.datum < melding.meldDatum) throw ongeldigeInvoer('datum', 'contactpoging ligt vóór de melddatum');
      },
    },
  );

  /** Set by the person's lock once it has started the traject of a hand-over. */
  let gestartTraject: string | undefined;
  setHandler(trajectGestartSignal, (id) => {
    gestartTraject = id;
  });

  setHandler(
    overdrachtUpdate,
    async ({ persoonSleutel, door, ...opdracht }) => {
      if (state.trajectId) return status();
      // A crisis signal of this melding makes the traject a crisis case (crisisinterventie from the start).
      const o = { ...opdracht, crisis: opdracht.crisis || state.crisis !== undefined };
      const trajectId = trajectIdVoorMelding(meldingId);
      const invoer = {
        ...o,
        // The consent as recorded now, by the medewerker who hands over.
        toestemming: { ...o.toestemming, datum: amsterdamDatum(new Date()), ...(door ? { door } : {}) },
        buurtteam,
        trajectId,
        vanMelding: meldingId,
        ...(melding.termijnStart ? { termijnStart: melding.termijnStart } : {}),
      };
      const memo = trajectMemo(o, meldingId);
      if (persoonSleutel) {
        // One open traject per person: the person's lock starts it, or refuses when one is open.
        // Hand-overs recorded before carry no key and replay the direct start below.
        const slotId = persoonsslotId(persoonSleutel);
        // Before the start: the lock's signal may come in the same activation as the start itself.
        gestartTraject = undefined;
        try {
          await startChild(persoonsslot, {
            workflowId: slotId,
            args: [{ eerste: { trajectId, invoer, memo } }],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
        } catch (fout) {
          if (fout instanceof WorkflowExecutionAlreadyStartedError) throw trajectBestaat(slotId);
          throw fout;
        }
        // Answer once the traject exists, so the caller can use its id at once. An aanmelding for the
        // person may have won the lock a moment before: the hand-over is then refused like any
        // hand-over for a person with an open traject (409 naming it, the melding stays open), so
        // the team decides, as when the aanmelding came earlier; that traject may be another team's.
        await condition(() => gestartTraject !== undefined);
        if (gestartTraject !== trajectId && patched(OVERDRACHT_AAN_LOPEND_TRAJECT)) throw trajectBestaat(slotId);
      } else {
        // ABANDON: the traject is a case of its own and outlives this melding.
        await startChild(schuldhulpTraject, { workflowId: trajectId, args: [invoer], memo, parentClosePolicy: ParentClosePolicy.ABANDON });
      }
      state.trajectId = trajectId;
      state.overgedragenDoor = door;
      state.fase = 'overgedragen';
      state.eindresultaat = EINDRESULTAAT_OVERDRACHT;
      log.info('melding overgedragen aan schuldhulptraject', { meldingId, trajectId });
      bijwerken();
      return status();
    },
    {
      validator: (_o) => {
        if (state.trajectId) return;
        if (state.fase !== 'begeleiding') throw ongeldigeOvergang(`overdragen kan alleen na bereiken; melding is ${state.fase}`);
        if (!state.stappen.budgetgesprek) throw ongeldigeOvergang('eerst het oriënterend budgetgesprek');
      },
    },
  );

  setHandler(
    meldingHerleveringUpdate,
    (_verzoek) => {
      bezorging.herleverNu();
      return status();
    },
    {
      validator: (_verzoek) => {
        if (storingen.length === 0) throw ongeldigeOvergang('er is geen geweigerde levering om opnieuw te versturen');
      },
    },
  );

  if (!voortzetting) planVolgendBezoek();
  // Visible in the werkvoorraad first, so a slow notification gateway delays nobody.
  bijwerken();
  if (!voortzetting) {
    await bezorging.meld({
      idempotencyKey: `${meldingId}:nieuwe-melding`,
      soort: 'taak',
      buurtteam,
      zaakId: meldingId,
      onderwerp: 'huisbezoek-plannen',
      bericht: `nieuwe Vroeg Eropaf-melding (${melding.schuldeiser.type}, ${melding.achterstand.maanden} maanden achterstand): plan een huisbezoek`,
      termijn: state.volgendBezoek?.uiterlijk,
    });
  }

  /**
   * Every further term of `bezoekTermijn` werkdagen without the visit escalates again, each with
   * its own idempotency key, up to MAX_HERINNERINGEN; the last one says no more will follow.
   * The count lives in the state, so a run continued as new goes on where this one stopped.
   */
  const escaleerOpnieuw = async (bezoek: number, gebeurd: () => boolean) => {
    const volgend = state.volgendBezoek!;
    for (let n = (volgend.herinneringen ?? 0) + 1; n <= MAX_HERINNERINGEN; n++) {
      const termijn = eindeVanDag(werkdagenNa(amsterdamDatum(new Date(volgend.uiterlijk)), n * bezoekTermijn));
      if (await wachtTot(gebeurd, termijn)) return;
      const laatste = n === MAX_HERINNERINGEN;
      await bezorging.meld({
        idempotencyKey: `${meldingId}:huisbezoek-te-laat:${bezoek}:herinnering-${n}`,
        soort: 'teamleider-alert',
        buurtteam,
        zaakId: meldingId,
        onderwerp: laatste ? 'huisbezoek-te-laat-laatste' : 'huisbezoek-te-laat',
        bericht:
          `huisbezoek ${bezoek} is ook ${n * bezoekTermijn} werkdagen na de termijn nog niet afgelegd; de persoon is nog niet bereikt` +
          (laatste ? '. Dit is de laatste herinnering: er volgen geen alerts meer tot het volgende bezoek' : ''),
        termijn: termijn.toISOString(),
      });
      volgend.herinneringen = n;
    }
    await condition(gebeurd);
  };

  const herleveringen = bezorging.herlever(afgehandeld);
  // Runs started before this rule existed keep waiting for the team (their histories have no timer for it).
  const sluiting = gepatcht('melding-sluit-onbereikt') ? sluitAlsOnbereikt() : undefined;
  // Likewise the crisis path and Amsterdam's norms: runs recorded before them have no timers for them.
  const crisispad = gepatcht('melding-crisispad') ? bewaakCrisis() : undefined;
  const normbewaking = gepatcht('melding-normen') ? bewaakNormen() : undefined;
  while (state.fase === 'bereiken') {
    if (moetDoorstarten()) {
      // Refused notifications travel along in the state; none may be in flight when this run ends.
      bezorging.stop();
      await condition(() => allHandlersFinished() && bezorging.rustig());
      state.doorgestart += 1;
      await continueAsNew<typeof vroegEropaf>({ ...melding, voortzetting: state });
    }
    const aantal = state.bezoeken.length;
    const gebeurd = () => state.bezoeken.length > aantal || state.fase !== 'bereiken' || moetDoorstarten();
    if (!(await wachtTot(gebeurd, new Date(state.volgendBezoek!.uiterlijk)))) {
      await bezorging.meld({
        idempotencyKey: `${meldingId}:huisbezoek-te-laat:${aantal + 1}`,
        soort: 'teamleider-alert',
        buurtteam,
        zaakId: meldingId,
        onderwerp: 'huisbezoek-te-laat',
        bericht: `huisbezoek ${aantal + 1} is niet binnen ${bezoekTermijn} werkdagen afgelegd; de persoon is nog niet bereikt`,
        termijn: state.volgendBezoek!.uiterlijk,
      });
      // Runs that began before repeated escalation alert once and then only wait, as they did.
      if (gepatcht('herhaalde-escalatie')) await escaleerOpnieuw(aantal + 1, gebeurd);
      else await condition(gebeurd);
    }
  }

  await condition(afgehandeld);
  // The household's lock starts the next signal's melding from now on. A lock ended meanwhile
  // (terminated by an operator) changes nothing for this case.
  const slot = workflowInfo().parent?.workflowId;
  if (isHuishoudslot(slot) && gepatcht('melding-meldt-huishouden')) {
    await getExternalWorkflowHandle(slot!)
      .signal(meldingAfgehandeldSignal, meldingId)
      .catch((fout: unknown) => log.warn('huishoudslot niet bereikbaar', { meldingId, fout: String(fout) }));
  }
  await herleveringen;
  await sluiting;
  await crisispad;
  await normbewaking;
  await condition(allHandlersFinished);
  // Alerts still refused now are moot (the case is done); the Storing search attribute stays for the operator.
  if (storingen.length > 0) log.warn('melding afgehandeld met geweigerde notificaties', { meldingId, aantal: storingen.length });
  return {
    fase: state.fase as MeldingResultaat['fase'],
    reden: state.afsluiting?.reden,
    trajectId: state.trajectId,
    bezoeken: state.bezoeken.length,
    eindresultaat: state.eindresultaat,
    signalen: signalen.length,
    eersteContactpoging: normenVan(melding.meldDatum, state).eersteContactpoging,
    bereikt: contactpogingen.some((p) => p.bereikt),
    crisis: state.crisis?.soort,
    ...(teLaatGemeldDoor(signalen).length > 0 ? { teLaatGemeld: teLaatGemeldDoor(signalen) } : {}),
  };
}
