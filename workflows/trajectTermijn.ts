import { condition, getExternalWorkflowHandle, log, setHandler } from '@temporalio/workflow';
import { gepatcht } from './patches';
import { amsterdamDatum } from '../common/kalender';
import { termijnWorkflowId } from '../common/workflowIds';
import type { OpschortingUpdate, VerdagingUpdate } from '../common/schemas';
import { beschikkingsTermijn, beschikkingstermijnVan, type Opschorting, type TermijnVerloop } from '../common/termijnen';
import type { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang } from './helpers';
import { opschortingUpdate, termijnGewijzigdSignal, verdagingUpdate } from './messages';
import type { TrajectInput, TrajectState, TrajectStatus } from './types';

/**
 * The beschikking term of a new traject. Trajecten started before the Awb rules (patch
 * 'awb-termijnregels') keep a fixed term from the aanmelding and take no opschorting or verdaging.
 */
export function beginTermijn(input: TrajectInput): Pick<TrajectState, 'termijn' | 'termijnVerloop'> {
  if (!gepatcht('awb-termijnregels')) return { termijn: beschikkingsTermijn(input.aanmeldDatum) };
  const start = input.termijnStart ?? 'aanmelding';
  const termijnVerloop: TermijnVerloop = {
    start,
    ...(start === 'aanmelding' ? { startDatum: input.aanmeldDatum } : {}),
    wijzigingen: [],
  };
  return { termijn: beschikkingstermijnVan(termijnVerloop), termijnVerloop };
}

interface TrajectContext {
  trajectId: string;
  /** The team the traject belongs to now (it may move, workflows/regie.ts). */
  buurtteam: () => string;
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
  /** True once the term child has been started (at once for a continued run). */
  termijnLoopt: () => boolean;
}

function vandaag(): string {
  return amsterdamDatum(new Date());
}

/**
 * Opschorting (Awb 4:15), verdaging (Awb 4:14) and the start at the first conversation. The traject
 * keeps the verloop; the term child gets the whole verloop after every change and recomputes.
 */
export class TrajectTermijn {
  constructor(private readonly ctx: TrajectContext) {}

  private get verloop(): TermijnVerloop | undefined {
    return this.ctx.state.termijnVerloop;
  }

  /** Sends the whole verloop to the term child, which recomputes its alerts from it. */
  async meldAanTermijn(): Promise<void> {
    // An update in the traject's first workflow task can come before the child exists: wait for it.
    await condition(this.ctx.termijnLoopt);
    await getExternalWorkflowHandle(termijnWorkflowId(this.ctx.trajectId)).signal(termijnGewijzigdSignal, this.verloop!);
  }

  private async gewijzigd(): Promise<void> {
    this.ctx.state.termijn = beschikkingstermijnVan(this.verloop!);
    await this.meldAanTermijn();
    this.ctx.bijwerken();
  }

  /**
   * The first held conversation starts a term that a verordening lets start there. True when it
   * did: the caller then tells the child with `meldAanTermijn()`.
   */
  startBijGesprek(tijdstip: string): boolean {
    const verloop = this.verloop;
    if (verloop?.start !== 'eerste-gesprek' || verloop.startDatum) return false;
    verloop.startDatum = amsterdamDatum(new Date(tijdstip));
    this.ctx.state.termijn = beschikkingstermijnVan(verloop);
    return true;
  }

  private lopendeOpschorting(): Opschorting | undefined {
    return this.verloop?.wijzigingen.find((w): w is Opschorting => w.soort === 'opschorting' && !w.tot);
  }

  /** The term must run, not be decided yet, and (for the new date) not be over. */
  private valideerLopend(): NonNullable<ReturnType<typeof beschikkingstermijnVan>> {
    this.ctx.nietAfgesloten();
    if (!this.verloop) throw ongeldigeOvergang('dit traject loopt onder de termijnregels van vóór opschorting en verdaging');
    if (this.ctx.state.beschikking) throw ongeldigeOvergang('de beschikking is al afgegeven; de termijn loopt niet meer');
    const termijn = beschikkingstermijnVan(this.verloop);
    if (!termijn) throw ongeldigeOvergang('de beschikkingstermijn loopt nog niet: die start bij het eerste gesprek');
    return termijn;
  }

  registreer(): void {
    setHandler(
      opschortingUpdate,
      async (u) => {
        const lopend = this.lopendeOpschorting();
        if (u.actie === 'opschorten') {
          if (lopend?.vanaf === u.datum) return this.ctx.status(); // repeat of the same request
          this.verloop!.wijzigingen.push({ soort: 'opschorting', vanaf: u.datum });
        } else {
          if (!lopend) return this.ctx.status(); // repeat: already resumed
          lopend.tot = u.datum;
        }
        log.info('beschikkingstermijn gewijzigd', { trajectId: this.ctx.trajectId, actie: u.actie });
        await this.gewijzigd();
        return this.ctx.status();
      },
      { validator: (u) => this.valideerOpschorting(u) },
    );

    setHandler(
      verdagingUpdate,
      async (v) => {
        if (this.verdaging()) return this.ctx.status();
        this.verloop!.wijzigingen.push({ soort: 'verdaging', nieuweEinddatum: v.nieuweEinddatum, reden: v.reden, datum: vandaag() });
        log.info('beschikkingstermijn verdaagd', { trajectId: this.ctx.trajectId });
        await this.gewijzigd();
        return this.ctx.status();
      },
      { validator: (v) => this.valideerVerdaging(v) },
    );
  }

  private verdaging() {
    return this.verloop?.wijzigingen.find((w) => w.soort === 'verdaging');
  }

  private valideerOpschorting(u: OpschortingUpdate): void {
    const lopend = this.lopendeOpschorting();
    if (u.actie === 'opschorten' && lopend?.vanaf === u.datum) return;
    if (u.actie === 'hervatten' && !lopend && this.verloop?.wijzigingen.some((w) => w.soort === 'opschorting' && w.tot === u.datum)) return;
    const termijn = this.valideerLopend();
    if (u.datum > vandaag()) throw ongeldigeInvoer('datum', 'de datum kan niet in de toekomst liggen');
    if (u.actie === 'opschorten') {
      if (lopend) throw ongeldigeOvergang(`de termijn is al opgeschort sinds ${lopend.vanaf}`);
      if (u.datum < this.verloop!.startDatum!) throw ongeldigeInvoer('datum', 'opschorten kan niet vóór de start van de termijn');
      if (u.datum > termijn.einddatum) throw ongeldigeOvergang(`de beschikkingstermijn is al verstreken (${termijn.einddatum})`);
    } else {
      if (!lopend) throw ongeldigeOvergang('de termijn is niet opgeschort');
      if (u.datum < lopend.vanaf) throw ongeldigeInvoer('datum', `hervatten kan niet vóór de opschorting (${lopend.vanaf})`);
    }
  }

  private valideerVerdaging(v: VerdagingUpdate): void {
    const eerder = this.verdaging();
    if (eerder?.nieuweEinddatum === v.nieuweEinddatum && eerder.reden === v.reden) return;
    if (eerder) throw ongeldigeOvergang(`de termijn is al eens verdaagd (tot ${eerder.nieuweEinddatum})`);
    const termijn = this.valideerLopend();
    if (termijn.opgeschortSinds) throw ongeldigeOvergang('de termijn is opgeschort: hervat hem eerst');
    // Awb 4:14 lid 3: the client must hear of it within the term.
    if (Date.now() > Date.parse(termijn.verloopt))
      throw ongeldigeOvergang(`de beschikkingstermijn is al verstreken (${termijn.einddatum})`);
    if (v.nieuweEinddatum <= termijn.einddatum) {
      throw ongeldigeInvoer('nieuweEinddatum', `de nieuwe datum moet na de huidige einddatum (${termijn.einddatum}) liggen`);
    }
  }

  /**
   * Gives the team the task to tell the client about the verdaging (Awb 4:14), outside the update
   * so the update does not wait for the notification gateway. Runs until `stoppen()`.
   */
  async meldVerdaging(stoppen: () => boolean, bezorging: Bezorging): Promise<void> {
    if (!this.verloop) return;
    await condition(() => this.verdaging() !== undefined || stoppen());
    const verdaging = this.verdaging();
    if (!verdaging) return;
    await bezorging.meld({
      idempotencyKey: `${this.ctx.trajectId}:verdaging-meedelen`,
      soort: 'taak',
      buurtteam: this.ctx.buurtteam(),
      zaakId: this.ctx.trajectId,
      onderwerp: 'verdaging-meedelen',
      bericht: `beschikkingstermijn verdaagd tot ${verdaging.nieuweEinddatum}: informeer de client schriftelijk (Awb 4:14)`,
      termijn: this.ctx.state.termijn?.verloopt,
    });
  }
}
