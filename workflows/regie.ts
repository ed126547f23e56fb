import { getExternalWorkflowHandle, log, patched, setHandler } from '@temporalio/workflow';
import type { RegieWijziging } from '../common/schemas';
import { termijnWorkflowId } from '../common/workflowIds';
import { ongeldigeInvoer, persoonsslotVanTraject } from './helpers';
import { regieUpdate, termijnTeamSignal, trajectTeamSignal } from './messages';
import type { Handeling, Regie as RegieStand, TrajectState, TrajectStatus } from './types';

interface RegieContext {
  trajectId: string;
  /** The aanmelding's team and regievoerder: they hold until a teamleider first changes them. */
  aanmelding: { buurtteam: string; regievoerder?: string; aanmeldDatum: string };
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
}

/**
 * The formal regie of a traject (werkkader §2.4, "Formele regie": the team appoints one regievoerder;
 * §4.1.4: the schuldhulpverlener takes it when the debts dominate). A teamleider appoints and changes
 * it; a warm hand-over to another medewerker or another buurtteam keeps the history. Moving to
 * another team moves everything addressed by team: the search attribute (werkvoorraad and access),
 * the traject's alerts from then on, the beschikking term, and the person's lock.
 */
export class Regie {
  constructor(private readonly ctx: RegieContext) {}

  /** The team the traject belongs to now. */
  buurtteam(): string {
    return this.ctx.state.regie?.buurtteam ?? this.ctx.aanmelding.buurtteam;
  }

  /** The regievoerder now (four eyes, search attribute, status). */
  regievoerder(): string | undefined {
    return this.ctx.state.regie?.regievoerder ?? this.ctx.aanmelding.regievoerder;
  }

  registreer(): void {
    setHandler(regieUpdate, (w) => this.wijzig(w), { validator: (w) => this.valideer(w) });
  }

  /** The request asks for what already holds: a repeat answers the same status. */
  private zelfde(w: RegieWijziging): boolean {
    const regie = this.ctx.state.regie;
    return (
      regie !== undefined &&
      regie.regievoerder === w.regievoerder &&
      regie.rol === w.rol &&
      (w.buurtteam ?? regie.buurtteam) === regie.buurtteam
    );
  }

  private valideer(w: RegieWijziging): void {
    if (this.zelfde(w)) return;
    this.ctx.nietAfgesloten();
    const overdracht = this.regievoerder() !== undefined || (w.buurtteam !== undefined && w.buurtteam !== this.buurtteam());
    if (overdracht && !w.overdrachtsgesprek) {
      throw ongeldigeInvoer('overdrachtsgesprek', 'een warme overdracht vraagt de datum van het overdrachtsgesprek');
    }
    if (w.overdrachtsgesprek && w.overdrachtsgesprek < this.ctx.aanmelding.aanmeldDatum) {
      throw ongeldigeInvoer('overdrachtsgesprek', 'het overdrachtsgesprek kan niet vóór de aanmelding liggen');
    }
  }

  private async wijzig(w: RegieWijziging & Handeling): Promise<TrajectStatus> {
    if (this.zelfde(w)) return this.ctx.status();
    const van = this.regievoerder();
    const vanTeam = this.buurtteam();
    const naarTeam = w.buurtteam ?? vanTeam;
    const regie: RegieStand = (this.ctx.state.regie ??= {
      regievoerder: w.regievoerder,
      rol: w.rol,
      buurtteam: vanTeam,
      historie: [],
    });
    regie.historie.push({
      ...(van ? { van } : {}),
      naar: w.regievoerder,
      rol: w.rol,
      ...(naarTeam !== vanTeam ? { vanTeam, naarTeam } : {}),
      datum: new Date().toISOString(),
      reden: w.reden,
      ...(w.overdrachtsgesprek ? { overdrachtsgesprek: w.overdrachtsgesprek } : {}),
      door: w.door,
    });
    Object.assign(regie, { regievoerder: w.regievoerder, rol: w.rol, buurtteam: naarTeam });
    log.info('regie gewijzigd', { trajectId: this.ctx.trajectId, reden: w.reden, anderTeam: naarTeam !== vanTeam });
    this.ctx.bijwerken();
    if (naarTeam !== vanTeam && patched('regie-overdracht')) await this.meldTeam(naarTeam);
    return this.ctx.status();
  }

  /** Tells the beschikking term and the person's lock the new team; either may have ended already. */
  private async meldTeam(buurtteam: string): Promise<void> {
    const { trajectId } = this.ctx;
    const termijn = getExternalWorkflowHandle(termijnWorkflowId(trajectId));
    await termijn.signal(termijnTeamSignal, buurtteam).catch((fout: unknown) => {
      log.info('beschikkingstermijn loopt niet meer; geen teamwissel nodig', { trajectId, fout: String(fout) });
    });
    const slot = persoonsslotVanTraject();
    if (!slot) return;
    await getExternalWorkflowHandle(slot)
      .signal(trajectTeamSignal, trajectId, buurtteam)
      .catch((fout: unknown) => {
        log.info('persoonsslot niet bereikbaar voor de teamwissel', { trajectId, fout: String(fout) });
      });
  }
}
