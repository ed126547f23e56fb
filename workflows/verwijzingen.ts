import { condition, setHandler } from '@temporalio/workflow';
import { eindeVanDag } from '../common/kalender';
import type { KindcheckInvoer, VerwijzingInvoer, VerwijzingUitkomstInvoer } from '../common/schemas';
import {
  opvolgenUiterlijk,
  VERWIJZING_LABELS,
  verwijzingIdVoor,
  waaromGeenUitkomst,
  waaromGeenUitkomstdatum,
  type Verwijzing,
  type Verwijzingen as VerwijzingenState,
} from '../common/verwijzingen';
import type { Bezorging } from './bezorging';
import { ongeldigeInvoer, ongeldigeOvergang, wachtTot } from './helpers';
import { kindcheckUpdate, verwijzingUitkomstUpdate, verwijzingUpdate } from './messages';
import type { Handeling, TrajectState, TrajectStatus } from './types';

type Inkomensbeheervorm = NonNullable<TrajectState['inkomensbeheer']>['vorm'];

interface VerwijzingenContext {
  trajectId: string;
  /** The team the traject belongs to now (a teamleider may move it: Regie). */
  buurtteam: () => string;
  aanmeldDatum: string;
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
  /** Records the form of inkomensbeheer on the traject (TrajectZaak.verwijsInkomensbeheer). */
  inkomensbeheer: (i: { vorm: Inkomensbeheervorm; datum: string } & Handeling) => void;
}

const isInkomensbeheer = (soort: string): soort is Inkomensbeheervorm => soort === 'budgetbeheer' || soort === 'bewindvoering';

/**
 * Referrals and warm hand-overs to partners (werkkader §2.4.7, ch. 3) with their outcomes, a
 * reminder when one has none after the configured weeks, and the kindcheck (§3.1.1). The state
 * comes with the first registration, so trajecten that were running already take part as well.
 */
export class Verwijzingen {
  constructor(private readonly ctx: VerwijzingenContext) {}

  private get v(): VerwijzingenState {
    return (this.ctx.state.verwijzingen ??= { lijst: [] });
  }

  private vind(verwijzingId: string): Verwijzing | undefined {
    return this.ctx.state.verwijzingen?.lijst.find((x) => x.verwijzingId === verwijzingId);
  }

  registreer(): void {
    setHandler(verwijzingUpdate, (v) => this.verwijs(v), { validator: (v) => this.valideerVerwijzing(v) });
    setHandler(verwijzingUitkomstUpdate, (u) => this.registreerUitkomst(u), { validator: (u) => this.valideerUitkomst(u) });
    setHandler(kindcheckUpdate, (k) => this.registreerKindcheck(k), { validator: (k) => this.valideerKindcheck(k) });
  }

  private zelfdeVerwijzing(v: VerwijzingInvoer): boolean {
    const e = this.vind(v.verwijzingId);
    return !!e && e.soort === v.soort && e.ontvanger === v.ontvanger && e.datum === v.datum && e.warm === v.warm;
  }

  private valideerVerwijzing(v: VerwijzingInvoer): void {
    if (this.zelfdeVerwijzing(v)) return;
    this.ctx.nietAfgesloten();
    if (this.vind(v.verwijzingId)) throw ongeldigeOvergang(`er is al een verwijzing ${v.verwijzingId} met andere gegevens`);
    if (v.datum < this.ctx.aanmeldDatum) throw ongeldigeInvoer('datum', 'een verwijzing kan niet vóór de aanmelding liggen');
    // Werkkader §2.8.3: budgetbeheer, or when that does not suffice bewindvoering via the rechtbank
    // (Convenant kwaliteit beschermingsbewind); back from bewind to budgetbeheer is the rechtbank's call.
    if (v.soort === 'budgetbeheer' && this.ctx.state.inkomensbeheer?.vorm === 'bewindvoering') {
      throw ongeldigeOvergang('al verwezen naar bewindvoering');
    }
  }

  private verwijs(v: VerwijzingInvoer & { opvolgenWeken?: number } & Handeling): TrajectStatus {
    if (this.zelfdeVerwijzing(v)) return this.ctx.status();
    const { opvolgenWeken, ...invoer } = v;
    this.v.lijst.push({ ...invoer, opvolgenUiterlijk: opvolgenUiterlijk(v.datum, opvolgenWeken), uitkomsten: [] });
    // The traject's inkomensbeheer follows its referral, so both routes tell the same (see verwijsInkomensbeheer).
    if (isInkomensbeheer(v.soort) && this.ctx.state.inkomensbeheer?.vorm !== v.soort) {
      this.ctx.inkomensbeheer({ vorm: v.soort, datum: v.datum, door: v.door });
    }
    this.ctx.bijwerken();
    return this.ctx.status();
  }

  /** Kept for a referral the inkomensbeheer route made, once per form; its outcome is registered like any other. */
  neemInkomensbeheerOp(i: { vorm: Inkomensbeheervorm; datum: string } & Handeling): void {
    if (this.ctx.state.verwijzingen?.lijst.some((x) => x.soort === i.vorm)) return;
    this.v.lijst.push({
      verwijzingId: verwijzingIdVoor({ soort: i.vorm, datum: i.datum }),
      soort: i.vorm,
      ontvanger: VERWIJZING_LABELS[i.vorm],
      datum: i.datum,
      warm: false,
      opvolgenUiterlijk: opvolgenUiterlijk(i.datum),
      uitkomsten: [],
      door: i.door,
    });
  }

  private zelfdeUitkomst(u: VerwijzingUitkomstInvoer): boolean {
    return !!this.vind(u.verwijzingId)?.uitkomsten.some((x) => x.uitkomst === u.uitkomst && x.datum === u.datum);
  }

  private valideerUitkomst(u: VerwijzingUitkomstInvoer): void {
    if (this.zelfdeUitkomst(u)) return;
    this.ctx.nietAfgesloten();
    const verwijzing = this.vind(u.verwijzingId);
    if (!verwijzing) throw ongeldigeInvoer('verwijzingId', 'onbekende verwijzing in dit traject');
    const reden = waaromGeenUitkomst(verwijzing, u);
    if (reden) throw ongeldigeOvergang(reden);
    const datumReden = waaromGeenUitkomstdatum(verwijzing, u.datum);
    if (datumReden) throw ongeldigeInvoer('datum', datumReden);
  }

  private registreerUitkomst(u: VerwijzingUitkomstInvoer & Handeling): TrajectStatus {
    if (this.zelfdeUitkomst(u)) return this.ctx.status();
    this.vind(u.verwijzingId)!.uitkomsten.push({ uitkomst: u.uitkomst, datum: u.datum, door: u.door });
    this.ctx.bijwerken();
    return this.ctx.status();
  }

  private zelfdeKindcheck(k: KindcheckInvoer): boolean {
    const e = this.ctx.state.verwijzingen?.kindcheck;
    return !!e && e.minderjarigeKinderen === k.minderjarigeKinderen && e.datum === k.datum && e.uitkomst === k.uitkomst;
  }

  private valideerKindcheck(k: KindcheckInvoer): void {
    if (this.zelfdeKindcheck(k)) return;
    this.ctx.nietAfgesloten();
    if (k.datum < this.ctx.aanmeldDatum) throw ongeldigeInvoer('datum', 'een kindcheck kan niet vóór de aanmelding liggen');
  }

  /** The latest answer counts: children recorded, the check's outcome, or a correction. */
  private registreerKindcheck(k: KindcheckInvoer & Handeling): TrajectStatus {
    if (this.zelfdeKindcheck(k)) return this.ctx.status();
    this.v.kindcheck = k;
    this.ctx.bijwerken();
    return this.ctx.status();
  }

  /** The verwijzing without an outcome and not yet reminded whose term ends first. */
  private eerstTeVolgen(): Verwijzing | undefined {
    const open = (this.ctx.state.verwijzingen?.lijst ?? []).filter((x) => x.uitkomsten.length === 0 && !x.herinnerd);
    return open.reduce<Verwijzing | undefined>((a, x) => (!a || x.opvolgenUiterlijk < a.opvolgenUiterlijk ? x : a), undefined);
  }

  /** Reminds the team of each verwijzing still without an outcome at its term; runs until `stoppen()` (continueAsNew or closing). */
  async bewaak(stoppen: () => boolean, bezorging: Bezorging): Promise<void> {
    for (;;) {
      await condition(() => stoppen() || this.eerstTeVolgen() !== undefined);
      if (stoppen()) return;
      const v = this.eerstTeVolgen()!;
      // Another one first (a new referral with an earlier term) or an outcome: look again.
      if (await wachtTot(() => stoppen() || this.eerstTeVolgen() !== v, eindeVanDag(v.opvolgenUiterlijk))) continue;
      v.herinnerd = new Date().toISOString();
      this.ctx.bijwerken();
      await bezorging.meld({
        idempotencyKey: `${this.ctx.trajectId}:verwijzing-opvolgen:${v.verwijzingId}`,
        soort: 'taak',
        buurtteam: this.ctx.buurtteam(),
        zaakId: this.ctx.trajectId,
        onderwerp: 'verwijzing-opvolgen',
        bericht: `verwijzing naar ${VERWIJZING_LABELS[v.soort]} van ${v.datum} heeft nog geen uitkomst: vraag na hoe het loopt`,
      });
    }
  }
}
