import { condition, setHandler } from '@temporalio/workflow';
import { gepatcht } from './patches';
import { amsterdamDatum, amsterdamMiddernacht, eindeVanDag, plusDagen, plusMaanden } from '../common/kalender';
import type { ZrmMeting, ZrmMoment } from '../common/schemas';
import type { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { zrmUpdate } from './messages';
import type { TrajectInput, TrajectState, TrajectStatus } from './types';

/** The start measurement is due with the first conversation (Amsterdam: 2 weeks), the next one 3 months after the aanmelding. */
const STARTMETING_DAGEN = 14;
const TUSSENMETING_MAANDEN = 3;

/** ZRM bookkeeping of a new traject; trajecten started before it (patch 'zrm-metingen') have none. */
export function beginZrm(input: TrajectInput): Pick<TrajectState, 'zrm'> {
  if (!gepatcht('zrm-metingen')) return {};
  return {
    zrm: {
      metingen: [],
      startmetingUiterlijk: plusDagen(input.aanmeldDatum, STARTMETING_DAGEN),
      tussenmetingVanaf: plusMaanden(input.aanmeldDatum, TUSSENMETING_MAANDEN),
    },
  };
}

function gemeten(state: TrajectState, moment: ZrmMoment): boolean {
  return state.zrm?.metingen.some((m) => m.moment === moment) ?? false;
}

interface ZrmContext {
  trajectId: string;
  /** The team the traject belongs to now (it may move, workflows/regie.ts). */
  buurtteam: () => string;
  aanmeldDatum: string;
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
}

/** Zelfredzaamheidsmatrix measurements at start, after 3 months and at the end, with reminders when due. */
export class Zrm {
  constructor(private readonly ctx: ZrmContext) {}

  registreer(): void {
    setHandler(
      zrmUpdate,
      (m) => {
        if (this.zelfde(m)) return this.ctx.status();
        this.ctx.state.zrm!.metingen.push(m);
        this.ctx.bijwerken();
        return this.ctx.status();
      },
      { validator: (m) => this.valideer(m) },
    );
  }

  private zelfde(m: ZrmMeting): boolean {
    const eerder = this.ctx.state.zrm?.metingen.find((x) => x.moment === m.moment);
    return eerder !== undefined && eerder.datum === m.datum && JSON.stringify(eerder.scores) === JSON.stringify(m.scores);
  }

  private valideer(m: ZrmMeting): void {
    if (this.zelfde(m)) return;
    this.ctx.nietAfgesloten();
    if (!this.ctx.state.zrm) throw ongeldigeOvergang('dit traject is gestart vóór de ZRM-registratie');
    if (gemeten(this.ctx.state, m.moment)) throw ongeldigeOvergang(`de ZRM-meting '${m.moment}' is al geregistreerd`);
    if (m.moment !== 'start' && !gemeten(this.ctx.state, 'start')) throw ongeldigeOvergang('eerst de ZRM-startmeting');
    if (m.datum > amsterdamDatum(new Date())) throw ongeldigeInvoer('datum', 'een meting kan niet in de toekomst liggen');
    if (m.datum < this.ctx.aanmeldDatum) throw ongeldigeInvoer('datum', 'een meting kan niet vóór de aanmelding liggen');
  }

  private herinner(bezorging: Bezorging, onderwerp: string, bericht: string): Promise<void> {
    return bezorging.meld({
      idempotencyKey: `${this.ctx.trajectId}:${onderwerp}`,
      soort: 'taak',
      buurtteam: this.ctx.buurtteam(),
      zaakId: this.ctx.trajectId,
      onderwerp,
      bericht,
    });
  }

  /** Reminds the team of each measurement when it is due; runs until `stoppen()` (continueAsNew or closing). */
  async bewaak(stoppen: () => boolean, bezorging: Bezorging): Promise<void> {
    const zrm = this.ctx.state.zrm;
    if (!zrm) return;
    const klaar = (moment: ZrmMoment) => () => gemeten(this.ctx.state, moment) || stoppen();
    if (!(await wachtTot(klaar('start'), eindeVanDag(zrm.startmetingUiterlijk)))) {
      await this.herinner(bezorging, 'zrm-startmeting', `ZRM-startmeting nog niet geregistreerd (uiterlijk ${zrm.startmetingUiterlijk})`);
    }
    if (!(await wachtTot(klaar('drie-maanden'), amsterdamMiddernacht(zrm.tussenmetingVanaf)))) {
      await this.herinner(bezorging, 'zrm-tussenmeting', `ZRM-meting na ${TUSSENMETING_MAANDEN} maanden is nu aan de beurt`);
    }
    await condition(() => klaar('einde')() || this.ctx.state.fase === 'nazorg');
    if (!stoppen() && !gemeten(this.ctx.state, 'einde')) {
      await this.herinner(bezorging, 'zrm-eindmeting', 'het traject is in nazorg: registreer de ZRM-eindmeting');
    }
  }
}
