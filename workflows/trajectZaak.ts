import {
  type ChildWorkflowHandle,
  condition,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  startChild,
} from '@temporalio/workflow';
import type { RegistratieGebeurtenis } from '../activities/ports';
import { amsterdamDatum, eindeVanDag, werkdagenNa } from '../common/kalender';
import { CRISIS_CONTACT_WERKDAGEN } from '../common/normen';
import type {
  Beschikking,
  CrisisinterventieUpdate,
  FaseWijziging,
  FlankmoduleUpdate,
  InkomensbeheerUpdate,
  IntakeUpdate,
  Toestemming,
} from '../common/schemas';
import { BUURTTEAM, FASE, TERMIJN_DATUM } from '../common/searchAttributes';
import { bezwaartermijn } from '../common/termijnen';
import { termijnWorkflowId } from '../common/workflowIds';
import { beschikkingTermijn } from './beschikkingTermijn';
import { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, persoonsslotVanTraject, werkStoringBij, werkZoekkenmerkenBij } from './helpers';
import { beschikkingAfgegevenSignal, termijnHerleveringSignal, trajectAfgeslotenSignal } from './messages';
import { gepatcht } from './patches';
import { Registratiewachtrij } from './registratieWachtrij';
import { Ondersteuningsplan, beginOndersteuningsplan } from './ondersteuningsplan';
import { ontbrekendVeld, openTaken, waaromGeenBeschikking, waaromOngeldig } from './route020';
import { beginTermijn, TrajectTermijn } from './trajectTermijn';
import { Verwijzingen } from './verwijzingen';
import { beginZrm, Zrm } from './zrm';
import { Contactlog } from './contactlog';
import { Regie } from './regie';
import type { Handeling, Storing, TrajectInput, TrajectState, TrajectStatus } from './types';

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
    ...beginOndersteuningsplan(),
    verzondenAlerts: [],
    storingen: [],
    termijnStoringen: [],
    registratieVolgnummer: 0,
    teDelen: [],
  };
}

/**
 * One Route 020 schuldhulp traject: its state, the bodies of its message handlers, and its
 * registrations for the registration system. The beschikking term (TrajectTermijn) and the ZRM
 * measurements (Zrm) are parts of it with handlers of their own.
 */
export class TrajectZaak {
  readonly aanmelding: Omit<TrajectInput, 'voortzetting'>;
  readonly trajectId: string;
  readonly state: TrajectState;
  readonly storingen: Storing[];
  readonly bezorging: Bezorging;
  readonly wachtrij: Registratiewachtrij;
  readonly termijn: TrajectTermijn;
  readonly zrm: Zrm;
  readonly verwijzingen: Verwijzingen;
  readonly regie: Regie;
  readonly contactlog: Contactlog;
  readonly plan: Ondersteuningsplan;
  /** Set once the term child runs: always in a continued run, in the first run once startChild resolved. */
  termijnLoopt: boolean;
  /** The beschikking being handed to the term child; a different one meanwhile is refused. */
  private beschikkingOnderweg: Beschikking | undefined;

  constructor(input: TrajectInput) {
    const { voortzetting, ...aanmelding } = input;
    this.aanmelding = aanmelding;
    this.trajectId = input.trajectId;
    this.state = voortzetting ?? beginState(input);
    this.storingen = this.state.storingen ??= [];
    this.termijnLoopt = voortzetting !== undefined;
    this.bezorging = new Bezorging({ verzondenAlerts: this.state.verzondenAlerts, storingen: this.storingen }, () =>
      this.storingBijwerken(),
    );
    const deel = {
      trajectId: this.trajectId,
      buurtteam: () => this.buurtteam(),
      state: this.state,
      status: () => this.status(),
      bijwerken: () => this.bijwerken(),
      nietAfgesloten: () => this.nietAfgesloten(),
    };
    this.termijn = new TrajectTermijn({ ...deel, termijnLoopt: () => this.termijnLoopt });
    this.zrm = new Zrm({ ...deel, aanmeldDatum: aanmelding.aanmeldDatum });
    this.verwijzingen = new Verwijzingen({
      ...deel,
      aanmeldDatum: aanmelding.aanmeldDatum,
      inkomensbeheer: (i) => this.legInkomensbeheerVast(i),
    });
    this.regie = new Regie({ ...deel, aanmelding });
    this.contactlog = new Contactlog({ ...deel, aanmeldDatum: aanmelding.aanmeldDatum });
    this.plan = new Ondersteuningsplan({ ...deel, evaluatieAlertDagen: aanmelding.evaluatieAlertDagen });
    // The alert of a refused registration goes to the team the traject belongs to when it is sent.
    const regie = this.regie;
    this.wachtrij = new Registratiewachtrij(this.state.teDelen, this.storingen, this.bezorging, {
      soort: 'teamleider-alert',
      get buurtteam() {
        return regie.buurtteam();
      },
      zaakId: this.trajectId,
      onderwerp: 'registratie-geweigerd',
    });
  }

  /** The team the traject belongs to now: the aanmelding's, until a teamleider moves it (Regie). */
  buurtteam(): string {
    return this.regie.buurtteam();
  }

  termijnStoringen(): Storing[] {
    return (this.state.termijnStoringen ??= []);
  }

  afgesloten(): boolean {
    return this.state.fase === 'afgesloten';
  }

  /**
   * Tells the person's lock (the parent of a traject it started) that this traject is afgesloten.
   * Patched for a traject only when a lock started it: others record no marker.
   */
  async geefPersoonVrij(): Promise<void> {
    const slot = persoonsslotVanTraject();
    if (!slot || !patched('persoon-vrij-bij-afsluiten')) return;
    await getExternalWorkflowHandle(slot)
      .signal(trajectAfgeslotenSignal, this.trajectId)
      .catch((fout: unknown) => log.info('persoonsslot loopt niet meer', { trajectId: this.trajectId, fout: String(fout) }));
  }

  status(): TrajectStatus {
    const { state, aanmelding } = this;
    const { teDelen, ...zichtbaar } = state;
    return {
      ...zichtbaar,
      storingen: this.storingen,
      termijnStoringen: this.termijnStoringen(),
      trajectId: this.trajectId,
      buurtteam: this.buurtteam(),
      regievoerder: this.regie.regievoerder(),
      aanmeldDatum: aanmelding.aanmeldDatum,
      vanMelding: aanmelding.vanMelding,
      ...(aanmelding.vanAdvies ? { vanAdvies: aanmelding.vanAdvies } : {}),
      ...(state.toestemming.vastleggen && aanmelding.client.naam ? { client: { naam: aanmelding.client.naam } } : {}),
      openTaken: openTaken(state),
      openstaandeRegistraties: teDelen.length,
      ...(state.beschikking ? { bezwaartermijn: bezwaartermijn(state.beschikking.datum) } : {}),
    };
  }

  bijwerken(): void {
    const { state } = this;
    werkZoekkenmerkenBij({
      buurtteam: this.buurtteam(),
      fase: state.fase,
      regievoerder: this.regie.regievoerder(),
      termijn: state.beschikking || state.fase === 'afgesloten' || !state.termijn ? undefined : new Date(state.termijn.verloopt),
      openTaken: openTaken(state),
    });
  }

  storingBijwerken(): void {
    werkStoringBij([...this.storingen, ...this.termijnStoringen()]);
  }

  nietAfgesloten(): void {
    if (this.state.fase === 'afgesloten') throw ongeldigeOvergang('het traject is afgesloten');
  }

  // --- Registrations --------------------------------------------------------------------------

  /**
   * The gemeente's own besluit goes to the zaaksysteem on its legal task (Wgs, Awb; AVG art. 6
   * lid 1 sub e), not on the client's consent to share: the beschikking, its dates and the
   * bezwaartermijn, with the BSN it is addressed to, and nothing else of the traject. A traject
   * ends only once its queue is delivered, so the besluit is kept there (for bezwaar and the
   * archive) before this history is deleted. Before patch besluit-zonder-toestemming nothing was sent without consent.
   */
  private deelBesluit(): void {
    const b = this.state.beschikking;
    if (!b || !patched('besluit-zonder-toestemming')) return;
    this.state.registratieVolgnummer += 1;
    this.wachtrij.voegToe({
      idempotencyKey: `${this.trajectId}:registratie:${this.state.registratieVolgnummer}`,
      trajectId: this.trajectId,
      gebeurtenis: 'beschikking',
      bsn: this.aanmelding.client.bsn,
      gegevens: {
        trajectId: this.trajectId,
        aanmeldDatum: this.aanmelding.aanmeldDatum,
        beschikking: { datum: b.datum, besluit: b.besluit },
        bezwaartermijn: bezwaartermijn(b.datum),
        faseHistorie: [],
        ...(this.state.termijn ? { termijn: this.state.termijn } : {}),
      },
    });
  }

  /** Queues the traject for the registration system, only while the client consents to sharing. */
  deel(gebeurtenis: RegistratieGebeurtenis): void {
    if (!this.state.toestemming.delen) {
      if (gebeurtenis === 'beschikking') this.deelBesluit();
      return;
    }
    this.state.registratieVolgnummer += 1;
    // Structured facts only: no deliveries (operational state), no name, none of the free-text reasons staff typed,
    // nor the plan's goals and actions or the nazorg notes (werkkader §2.4.6: the client's own agreements).
    const {
      ondersteuningsplan: _p,
      nazorgContacten: _n,
      toestemmingHistorie: _,
      openstaandeRegistraties: __,
      storingen: ___,
      termijnStoringen: ____,
      client: _____,
      afsluitReden: ______,
      verwijzingen: _______,
      faseHistorie,
      contacten,
      ...gegevens
    } = this.status();
    this.wachtrij.voegToe({
      idempotencyKey: `${this.trajectId}:registratie:${this.state.registratieVolgnummer}`,
      trajectId: this.trajectId,
      gebeurtenis,
      bsn: this.aanmelding.client.bsn,
      gegevens: {
        ...gegevens,
        faseHistorie: faseHistorie.map(({ reden: _r, ...f }) => f),
        ...(contacten ? { contacten: contacten.map(({ notitie: _n, ...c }) => c) } : {}),
      },
    });
  }

  private moduleGewijzigd(wijziging: string, door?: string): void {
    (this.state.moduleHistorie ??= []).push({ wijziging, op: new Date().toISOString(), door });
    this.deel('module');
  }

  // --- Message handlers -----------------------------------------------------------------------

  valideerIntake(u: IntakeUpdate): void {
    this.nietAfgesloten();
    if (this.state.fase !== 'intake') throw ongeldigeOvergang(`intake registreren kan alleen in de intakefase, niet in ${this.state.fase}`);
    if (u.actie === 'gehouden' && Date.parse(u.tijdstip) > Date.now()) {
      throw ongeldigeInvoer('tijdstip', 'een gehouden intake kan niet in de toekomst liggen');
    }
  }

  registreerIntake(u: IntakeUpdate & Handeling): TrajectStatus | Promise<TrajectStatus> {
    const { intake } = this.state;
    if (u.actie === 'gepland') Object.assign(intake, { gepland: u.tijdstip, geplandDoor: u.door });
    else Object.assign(intake, { gehouden: u.tijdstip, gehoudenDoor: u.door });
    const termijnStart = u.actie === 'gehouden' && this.termijn.startBijGesprek(u.tijdstip);
    this.bijwerken();
    this.deel('intake');
    // Synchronous unless the term starts here: an await would reorder commands of running cases.
    return termijnStart ? this.termijn.meldAanTermijn().then(() => this.status()) : this.status();
  }

  valideerFase(w: FaseWijziging): void {
    if (w.naar === this.state.fase && w.route === this.state.route && w.naar !== 'afgesloten') return;
    const reden = waaromOngeldig(this.state, w);
    if (reden) throw ongeldigeOvergang(reden);
    const ontbreekt = ontbrekendVeld(this.state, w);
    if (ontbreekt) throw ongeldigeInvoer(ontbreekt.veld, ontbreekt.melding);
  }

  wijzigFase(w: FaseWijziging & Handeling): TrajectStatus {
    const { state } = this;
    if (w.naar === state.fase && w.route === state.route) return this.status(); // repeat of the same request
    state.fase = w.naar;
    state.route = w.naar === 'schuldregeling' ? w.route : undefined;
    if (w.naar === 'afgesloten') state.afsluitReden = w.reden;
    if (w.naar === 'afgesloten' && w.uitstroom) state.uitstroom = { reden: w.uitstroom, datum: amsterdamDatum(new Date()), door: w.door };
    state.faseHistorie.push({ fase: w.naar, route: state.route, vanaf: new Date().toISOString(), reden: w.reden, door: w.door });
    log.info('fase gewijzigd', { trajectId: this.trajectId, fase: state.fase, route: state.route });
    this.bijwerken();
    this.deel('fase');
    return this.status();
  }

  valideerBeschikking(b: Beschikking): void {
    const eerder = this.state.beschikking ?? this.beschikkingOnderweg;
    if (eerder) {
      if (eerder.datum === b.datum && eerder.besluit === b.besluit) return;
      throw ongeldigeOvergang('er is al een andere beschikking afgegeven');
    }
    this.nietAfgesloten();
    const nogNiet = waaromGeenBeschikking(this.state);
    if (nogNiet) throw ongeldigeOvergang(nogNiet);
    if (b.datum < this.aanmelding.aanmeldDatum) throw ongeldigeInvoer('datum', 'beschikking kan niet vóór de aanmelding liggen');
  }

  async registreerBeschikking(b: Beschikking & Handeling): Promise<TrajectStatus> {
    if (this.state.beschikking) return this.status();
    this.beschikkingOnderweg ??= b;
    // Recorded only once the term child has it: an update in the traject's first workflow task
    // waits for the child to exist, and a term that no longer runs refuses it clearly.
    if (!this.termijnLoopt) await condition(() => this.termijnLoopt);
    try {
      await getExternalWorkflowHandle(termijnWorkflowId(this.trajectId)).signal(beschikkingAfgegevenSignal, b);
    } catch (fout) {
      this.beschikkingOnderweg = undefined;
      log.error('beschikkingstermijn niet bereikbaar', { trajectId: this.trajectId, fout: String(fout) });
      throw ongeldigeOvergang('de beschikkingstermijn van dit traject loopt niet meer; de beschikking is niet geregistreerd');
    }
    if (this.state.beschikking) return this.status();
    this.state.beschikking = b;
    this.bijwerken();
    this.deel('beschikking');
    return this.status();
  }

  valideerToestemming(t: Toestemming): void {
    if (t.delen && !t.vastleggen) throw ongeldigeInvoer('delen', 'delen kan alleen met toestemming om vast te leggen');
  }

  wijzigToestemming(t: Toestemming & Handeling): TrajectStatus {
    const gafNuToestemming = t.delen && !this.state.toestemming.delen;
    this.state.toestemming = t;
    this.state.toestemmingHistorie.push(t);
    log.info('toestemming gewijzigd', { trajectId: this.trajectId, vastleggen: t.vastleggen, delen: t.delen });
    // Withdrawal also stops what was queued, but not the besluit; a late consent sends the current traject once.
    if (!t.delen) {
      this.wachtrij.leeg();
      this.deelBesluit();
    }
    if (gafNuToestemming) this.deel('aanmelding');
    return this.status();
  }

  wijzigCrisisinterventie(c: CrisisinterventieUpdate & Handeling): TrajectStatus {
    const { state } = this;
    // A crisis that comes up during the intake starts the 3-werkdagen term for the first
    // conversation from now (Wgs art. 4 lid 2); one present at the aanmelding runs from then.
    const crisisNu = c.actief && !state.crisisinterventie && !this.aanmelding.crisis && state.fase === 'intake' && !state.intake.gehouden;
    if (crisisNu && gepatcht('crisis-later')) {
      state.crisisGesprekUiterlijk ??= eindeVanDag(werkdagenNa(amsterdamDatum(new Date()), CRISIS_CONTACT_WERKDAGEN)).toISOString();
    }
    state.crisisinterventie = c.actief;
    this.moduleGewijzigd(`crisisinterventie ${c.actief ? 'aan' : 'uit'}`, c.door);
    return this.status();
  }

  wijzigFlankmodule(f: FlankmoduleUpdate & Handeling): TrajectStatus {
    this.state.flankmodules = this.state.flankmodules.filter((m) => m !== f.module);
    if (f.actief) this.state.flankmodules.push(f.module);
    this.moduleGewijzigd(`${f.module} ${f.actief ? 'aan' : 'uit'}`, f.door);
    return this.status();
  }

  valideerInkomensbeheer(i: InkomensbeheerUpdate): void {
    this.nietAfgesloten();
    if (this.state.inkomensbeheer && this.state.inkomensbeheer.vorm !== i.vorm) {
      throw ongeldigeOvergang(`al verwezen naar ${this.state.inkomensbeheer.vorm}`);
    }
  }

  /**
   * The referral to inkomensbeheer is a verwijzing as well (workflows/verwijzingen.ts), with an
   * outcome and a reminder, once per form; this route keeps recording the traject's form and only
   * corrects its date. Stepping up from budgetbeheer to bewindvoering goes through a verwijzing.
   * Trajecten that took this update before patch inkomensbeheer-als-verwijzing have no reminder timer for it.
   */
  verwijsInkomensbeheer(i: InkomensbeheerUpdate & Handeling): TrajectStatus {
    if (patched('inkomensbeheer-als-verwijzing')) this.verwijzingen.neemInkomensbeheerOp(i);
    this.legInkomensbeheerVast(i);
    return this.status();
  }

  private legInkomensbeheerVast(i: InkomensbeheerUpdate & Handeling): void {
    this.state.inkomensbeheer = i;
    this.moduleGewijzigd(`inkomensbeheer ${i.vorm}`, i.door);
  }

  /** The term child's refused deliveries, for the status and the operator's search attribute. */
  ontvangTermijnStoringen(lijst: Storing[]): void {
    this.state.termijnStoringen = lijst;
    this.storingBijwerken();
  }

  valideerHerlevering(): void {
    if (this.storingen.length === 0 && this.termijnStoringen().length === 0) {
      throw ongeldigeOvergang('er is geen geweigerde levering om opnieuw te versturen');
    }
  }

  async herlever(): Promise<TrajectStatus> {
    this.bezorging.herleverNu();
    if (this.termijnStoringen().length > 0) {
      try {
        await getExternalWorkflowHandle(termijnWorkflowId(this.trajectId)).signal(termijnHerleveringSignal);
      } catch (fout) {
        log.warn('beschikkingstermijn niet bereikbaar voor herlevering', { trajectId: this.trajectId, fout: String(fout) });
      }
    }
    return this.status();
  }

  // --- The process ----------------------------------------------------------------------------

  /** Starts the beschikking term as a child. ABANDON: the term must outlive continueAsNew of this run; closing the traject ends it by signal. */
  startTermijn(): Promise<ChildWorkflowHandle<typeof beschikkingTermijn>> {
    const { state, aanmelding, trajectId } = this;
    return startChild(beschikkingTermijn, {
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
}
