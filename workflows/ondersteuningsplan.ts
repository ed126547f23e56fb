import { condition, patched, setHandler } from '@temporalio/workflow';
import type { Notificatie } from '../activities/ports';
import { amsterdamDatum, amsterdamMiddernacht, eindeVanDag, plusDagen } from '../common/kalender';
import { EVALUATIE_ALERT_DAGEN } from '../common/normen';
import type { Evaluatie, NazorgContact, PlanInvoer } from '../common/schemas';
import type { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { evaluatieUpdate, nazorgContactUpdate, ondersteuningsplanUpdate } from './messages';
import { huidigeEvaluatie, volgendeEvaluatie } from './route020';
import type { TrajectInput, TrajectState, TrajectStatus } from './types';

/** The plan and nazorg bookkeeping of a new traject; trajecten started before patch 'ondersteuningsplan' have none. */
export function beginOndersteuningsplan(): Pick<TrajectState, 'ondersteuningsplan' | 'nazorgContacten'> {
  if (!patched('ondersteuningsplan')) return {};
  return { ondersteuningsplan: { versies: [], evaluaties: [] }, nazorgContacten: [] };
}

interface PlanContext {
  trajectId: string;
  /** The team the traject belongs to now (a teamleider may move it: Regie). */
  buurtteam: () => string;
  evaluatieAlertDagen: TrajectInput['evaluatieAlertDagen'];
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
}

const vandaag = () => amsterdamDatum(new Date());

/** What makes two versions the same agreement: a repeated request is answered, not recorded again. */
const inhoud = (p: PlanInvoer) =>
  JSON.stringify([p.vastgesteld, p.evaluatieDatum, p.doelen, p.acties.map((a) => [a.wat, a.wie, a.organisatie ?? null, a.uiterlijk])]);
const evaluatieInhoud = (e: Evaluatie) => JSON.stringify([e.datum, e.uitkomst, e.volgendeEvaluatie ?? null, e.toelichting ?? null]);
const contactInhoud = (c: NazorgContact) => JSON.stringify([c.datum, c.soort, c.notitie ?? null]);

/**
 * The ondersteuningsplan (werkkader §2.4.6): made with the client after the vraagverheldering and
 * before the beschikking, evaluated (§2.4.8), adjusted and renewed as numbered versions; and the
 * nazorg contacts before the traject closes. Goals, actions and notes are the client's personal
 * data: they stay in this state (encrypted payloads) and never enter logs, alerts or registrations.
 */
export class Ondersteuningsplan {
  constructor(private readonly ctx: PlanContext) {}

  registreer(): void {
    setHandler(ondersteuningsplanUpdate, (p) => this.stelVast(p), { validator: (p) => this.valideerPlan(p) });
    setHandler(evaluatieUpdate, (e) => this.evalueer(e), { validator: (e) => this.valideerEvaluatie(e) });
    setHandler(nazorgContactUpdate, (c) => this.registreerContact(c), { validator: (c) => this.valideerContact(c) });
  }

  private plan(): NonNullable<TrajectState['ondersteuningsplan']> {
    const plan = this.ctx.state.ondersteuningsplan;
    if (!plan) throw ongeldigeOvergang('dit traject is gestart vóór de registratie van het ondersteuningsplan');
    return plan;
  }

  private zelfdeVersie(p: PlanInvoer): boolean {
    const eerder = this.ctx.state.ondersteuningsplan?.versies.find((v) => v.versie === p.versie);
    return eerder !== undefined && inhoud(eerder) === inhoud(p);
  }

  private valideerPlan(p: PlanInvoer): void {
    if (this.zelfdeVersie(p)) return;
    this.ctx.nietAfgesloten();
    const plan = this.plan();
    const gehouden = this.ctx.state.intake.gehouden;
    if (!gehouden) {
      throw ongeldigeOvergang('het ondersteuningsplan volgt op de vraagverheldering: registreer eerst dat de intake is gehouden');
    }
    const volgende = plan.versies.length + 1;
    if (p.versie < volgende) {
      throw ongeldigeOvergang(`versie ${p.versie} van het ondersteuningsplan is al vastgesteld; een bijstelling is versie ${volgende}`);
    }
    if (p.versie > volgende) throw ongeldigeOvergang(`de volgende versie van het ondersteuningsplan is ${volgende}`);
    const intakeDag = amsterdamDatum(new Date(gehouden));
    if (p.vastgesteld < intakeDag) {
      throw ongeldigeInvoer('vastgesteld', `het plan volgt op de intake: niet vóór ${intakeDag}`);
    }
    const vorige = plan.versies.at(-1);
    if (vorige && p.vastgesteld < vorige.vastgesteld) {
      throw ongeldigeInvoer(
        'vastgesteld',
        `versie ${vorige.versie} is vastgesteld op ${vorige.vastgesteld}; een bijstelling ligt niet eerder`,
      );
    }
    if (p.vastgesteld > vandaag()) throw ongeldigeInvoer('vastgesteld', 'een plan wordt met de cliënt vastgesteld: niet in de toekomst');
  }

  private stelVast(p: PlanInvoer & { door?: string }): TrajectStatus {
    if (!this.zelfdeVersie(p)) {
      this.ctx.state.ondersteuningsplan!.versies.push(p);
      this.ctx.bijwerken();
    }
    return this.ctx.status();
  }

  private zelfdeEvaluatie(e: Evaluatie): boolean {
    return this.ctx.state.ondersteuningsplan?.evaluaties.some((x) => evaluatieInhoud(x) === evaluatieInhoud(e)) ?? false;
  }

  private valideerEvaluatie(e: Evaluatie): void {
    if (this.zelfdeEvaluatie(e)) return;
    this.ctx.nietAfgesloten();
    const plan = this.plan();
    const versie = plan.versies.at(-1);
    if (!versie) throw ongeldigeOvergang('een evaluatie volgt op het ondersteuningsplan: stel eerst het plan vast');
    const vorige = huidigeEvaluatie(plan);
    if (vorige?.uitkomst === 'bijstellen') {
      throw ongeldigeOvergang('het plan wordt bijgesteld: stel eerst de nieuwe versie vast, met de datum van de volgende evaluatie');
    }
    if (vorige?.uitkomst === 'afronden') {
      throw ongeldigeOvergang('het ondersteuningsplan is afgerond; een nieuwe versie van het plan begint een nieuwe cyclus');
    }
    if (e.datum < versie.vastgesteld) {
      throw ongeldigeInvoer('datum', `een evaluatie ligt niet vóór de vaststelling van versie ${versie.versie} (${versie.vastgesteld})`);
    }
    if (vorige && e.datum < vorige.datum) throw ongeldigeInvoer('datum', `een evaluatie ligt niet vóór de vorige (${vorige.datum})`);
    if (e.datum > vandaag()) throw ongeldigeInvoer('datum', 'een evaluatie kan niet in de toekomst liggen');
  }

  private evalueer(e: Evaluatie & { door?: string }): TrajectStatus {
    if (!this.zelfdeEvaluatie(e)) {
      const plan = this.ctx.state.ondersteuningsplan!;
      plan.evaluaties.push({ ...e, versie: plan.versies.at(-1)!.versie });
      this.ctx.bijwerken();
    }
    return this.ctx.status();
  }

  private zelfdeContact(c: NazorgContact): boolean {
    return this.ctx.state.nazorgContacten?.some((x) => contactInhoud(x) === contactInhoud(c)) ?? false;
  }

  private valideerContact(c: NazorgContact): void {
    if (this.zelfdeContact(c)) return;
    this.ctx.nietAfgesloten();
    const { state } = this.ctx;
    if (!state.nazorgContacten) throw ongeldigeOvergang('dit traject is gestart vóór de registratie van nazorgcontacten');
    if (state.fase !== 'nazorg') throw ongeldigeOvergang(`een nazorgcontact hoort bij de nazorgfase, niet bij ${state.fase}`);
    const nazorgSinds = state.faseHistorie.filter((f) => f.fase === 'nazorg').at(-1);
    const sinds = nazorgSinds && amsterdamDatum(new Date(nazorgSinds.vanaf));
    if (sinds && c.datum < sinds) throw ongeldigeInvoer('datum', `een nazorgcontact ligt niet vóór het begin van de nazorg (${sinds})`);
    if (c.datum > vandaag()) throw ongeldigeInvoer('datum', 'een contact kan niet in de toekomst liggen');
  }

  private registreerContact(c: NazorgContact & { door?: string }): TrajectStatus {
    if (!this.zelfdeContact(c)) {
      this.ctx.state.nazorgContacten!.push(c);
      this.ctx.bijwerken();
    }
    return this.ctx.status();
  }

  /**
   * On the agreed date: a task for the team and the werkvoorraad's `evaluatie-houden`; when it
   * passed `evaluatieAlertDagen` days unheld, an alert to the teamleider. Follows each new version
   * and evaluation; runs until `stoppen()` (continueAsNew or closing).
   */
  async bewaak(stoppen: () => boolean, bezorging: Bezorging): Promise<void> {
    const plan = this.ctx.state.ondersteuningsplan;
    if (!plan) return;
    const dagen = this.ctx.evaluatieAlertDagen ?? EVALUATIE_ALERT_DAGEN;
    for (;;) {
      await condition(() => stoppen() || volgendeEvaluatie(plan) !== undefined);
      if (stoppen()) return;
      const datum = volgendeEvaluatie(plan)!;
      const stand = `v${plan.versies.length}-e${plan.evaluaties.length}`;
      const gewijzigd = () => stoppen() || `v${plan.versies.length}-e${plan.evaluaties.length}` !== stand;
      if (await wachtTot(gewijzigd, amsterdamMiddernacht(datum))) continue;
      this.ctx.bijwerken();
      await this.meld(bezorging, {
        soort: 'taak',
        sleutel: `evaluatie-houden:${stand}`,
        onderwerp: 'evaluatie-houden',
        bericht: `evaluatie van het ondersteuningsplan is aan de beurt (afgesproken op ${datum})`,
      });
      const uiterlijk = eindeVanDag(plusDagen(datum, dagen));
      if (await wachtTot(gewijzigd, uiterlijk)) continue;
      await this.meld(bezorging, {
        soort: 'teamleider-alert',
        sleutel: `evaluatie-te-laat:${stand}`,
        onderwerp: 'evaluatie-te-laat',
        bericht: `evaluatie van het ondersteuningsplan (afgesproken op ${datum}) ${dagen} dagen later nog niet gehouden`,
        termijn: uiterlijk.toISOString(),
      });
      await condition(gewijzigd);
    }
  }

  /** `sleutel` names the plan's state the notice is about: each due evaluation gets its own. */
  private meld(
    bezorging: Bezorging,
    n: Pick<Notificatie, 'soort' | 'onderwerp' | 'bericht' | 'termijn'> & { sleutel: string },
  ): Promise<void> {
    const { sleutel, ...rest } = n;
    return bezorging.meld({
      ...rest,
      idempotencyKey: `${this.ctx.trajectId}:${sleutel}`,
      buurtteam: this.ctx.buurtteam(),
      zaakId: this.ctx.trajectId,
    });
  }
}
