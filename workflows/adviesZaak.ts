import { log } from '@temporalio/workflow';
import type { Notificatie } from '../activities/ports';
import { amsterdamDatum, amsterdamMiddernacht, eindeVanDag } from '../common/kalender';
import type { AdviesAfsluiting, AdviesGesprek, GegevenAdvies } from '../common/schemas';
import { adviesTaken, adviesUiterlijk, afrondenVanaf } from './adviesRegels';
import { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot, werkStoringBij, werkZoekkenmerkenBij } from './helpers';
import type { AdviesInput, AdviesOpschaling, AdviesState, AdviesStatus, Handeling } from './types';

/** The Fase search attribute: `advies-lopend`, and on closing its outcome (`advies-afgerond`, …) for the rapportage. */
const faseVan = (state: AdviesState) => (state.afsluiting ? `advies-${state.afsluiting.uitkomst}` : 'advies-lopend');

/**
 * One advies (informatie en advies, werkkader §2.4.1-2, §2.8.1): light support in one or more
 * conversations within about three months, without beschikking or beschikkingstermijn. Its state,
 * the bodies of its message handlers and the watch on its period.
 */
export class AdviesZaak {
  readonly invoer: AdviesInput;
  readonly state: AdviesState;
  readonly bezorging: Bezorging;

  constructor(invoer: AdviesInput) {
    this.invoer = invoer;
    this.state = {
      fase: 'lopend',
      uiterlijk: adviesUiterlijk(invoer.startDatum, invoer.looptijdMaanden),
      gesprekken: [],
      adviezen: [],
      verzondenAlerts: [],
      storingen: [],
    };
    const storingen = this.state.storingen;
    this.bezorging = new Bezorging(this.state, () => werkStoringBij(storingen));
  }

  afgesloten(): boolean {
    return this.state.fase === 'afgesloten';
  }

  status(): AdviesStatus {
    const { invoer, state } = this;
    return {
      ...state,
      adviesId: invoer.adviesId,
      buurtteam: invoer.buurtteam,
      regievoerder: invoer.regievoerder,
      startDatum: invoer.startDatum,
      onderwerpen: invoer.onderwerpen,
      toestemming: invoer.toestemming,
      ...(invoer.client ? { client: invoer.client } : {}),
      openTaken: adviesTaken(state),
    };
  }

  bijwerken(): void {
    werkZoekkenmerkenBij({
      buurtteam: this.invoer.buurtteam,
      fase: faseVan(this.state),
      regievoerder: this.invoer.regievoerder,
      // Not a legal term: the end of the period orders the werkvoorraad, like a melding's next visit.
      termijn: this.afgesloten() ? undefined : eindeVanDag(this.state.uiterlijk),
      openTaken: adviesTaken(this.state),
    });
  }

  private nietAfgesloten(): void {
    if (this.afgesloten()) throw ongeldigeOvergang('het advies is afgesloten');
  }

  private datumInAdvies(datum: string): void {
    if (datum < this.invoer.startDatum) throw ongeldigeInvoer('datum', 'een datum kan niet vóór de start van het advies liggen');
    if (datum > amsterdamDatum(new Date())) throw ongeldigeInvoer('datum', 'een datum kan niet in de toekomst liggen');
  }

  // --- Message handlers (a repeat of the same request changes nothing and answers the same status) ---

  private zelfdeGesprek(g: AdviesGesprek): boolean {
    return this.state.gesprekken.some((x) => x.datum === g.datum && x.vorm === g.vorm);
  }

  valideerGesprek(g: AdviesGesprek): void {
    if (this.zelfdeGesprek(g)) return;
    this.nietAfgesloten();
    this.datumInAdvies(g.datum);
  }

  registreerGesprek(g: AdviesGesprek & Handeling): AdviesStatus {
    if (this.zelfdeGesprek(g)) return this.status();
    this.state.gesprekken.push(g);
    this.bijwerken();
    return this.status();
  }

  private zelfdeAdvies(a: GegevenAdvies): boolean {
    return this.state.adviezen.some((x) => x.datum === a.datum && x.soort === a.soort && x.partner === a.partner);
  }

  valideerAdvies(a: GegevenAdvies): void {
    if (this.zelfdeAdvies(a)) return;
    this.nietAfgesloten();
    this.datumInAdvies(a.datum);
  }

  registreerAdvies(a: GegevenAdvies & Handeling): AdviesStatus {
    if (this.zelfdeAdvies(a)) return this.status();
    this.state.adviezen.push(a);
    this.bijwerken();
    return this.status();
  }

  valideerAfsluiting(a: AdviesAfsluiting): void {
    const eerder = this.state.afsluiting;
    if (eerder) {
      if (eerder.uitkomst === a.uitkomst && eerder.datum === a.datum) return;
      throw ongeldigeOvergang(`het advies is al afgesloten (${eerder.uitkomst})`);
    }
    this.datumInAdvies(a.datum);
    // An advies is given in conversations (werkkader §2.4.2); without one there is nothing to close as given.
    if (a.uitkomst === 'afgerond' && this.state.gesprekken.length === 0) {
      throw ongeldigeOvergang('afronden kan pas na een geregistreerd gesprek');
    }
  }

  sluitAf(a: AdviesAfsluiting & Handeling): AdviesStatus {
    if (!this.state.afsluiting) this.sluit(a);
    return this.status();
  }

  valideerOpschaling(o: AdviesOpschaling): void {
    const eerder = this.state.afsluiting;
    if (eerder?.uitkomst === 'opgeschaald' && eerder.trajectId === o.trajectId) return;
    this.nietAfgesloten();
  }

  /** The API started the traject through the person's lock; the advies closes as opgeschaald and names it. */
  schaalOp(o: AdviesOpschaling & Handeling): AdviesStatus {
    if (!this.state.afsluiting)
      this.sluit({ uitkomst: 'opgeschaald', datum: amsterdamDatum(new Date()), trajectId: o.trajectId, door: o.door });
    return this.status();
  }

  private sluit(afsluiting: NonNullable<AdviesState['afsluiting']>): void {
    this.state.afsluiting = afsluiting;
    this.state.fase = 'afgesloten';
    log.info('advies afgesloten', { adviesId: this.invoer.adviesId, uitkomst: afsluiting.uitkomst });
    this.bijwerken();
  }

  // --- The period ------------------------------------------------------------------------------

  private melding(soort: Notificatie['soort'], onderwerp: string, bericht: string): Notificatie {
    return {
      idempotencyKey: `${this.invoer.adviesId}:${onderwerp}`,
      soort,
      buurtteam: this.invoer.buurtteam,
      zaakId: this.invoer.adviesId,
      onderwerp,
      bericht,
      termijn: eindeVanDag(this.state.uiterlijk).toISOString(),
    };
  }

  /**
   * Before the end of the period the team gets the task to close or step up; when the period passes
   * with the advies still open, the teamleider is alerted (werkkader §2.4.2: at most three months).
   */
  async bewaakLooptijd(): Promise<void> {
    const klaar = () => this.afgesloten();
    if (!(await wachtTot(klaar, amsterdamMiddernacht(afrondenVanaf(this.state.uiterlijk))))) {
      this.state.afrondenGevraagd = amsterdamDatum(new Date());
      this.bijwerken();
      await this.bezorging.meld(
        this.melding(
          'taak',
          'advies-afronden-of-opschalen',
          `advies loopt tot ${this.state.uiterlijk}: rond af of schaal op naar Route 020`,
        ),
      );
    }
    if (await wachtTot(klaar, eindeVanDag(this.state.uiterlijk))) return;
    this.state.verstreken = amsterdamDatum(new Date());
    this.bijwerken();
    await this.bezorging.meld(
      this.melding(
        'teamleider-alert',
        'advies-looptijd-verstreken',
        `advies loopt langer dan de afgesproken periode (tot ${this.state.uiterlijk})`,
      ),
    );
  }
}
