import { condition, setHandler } from '@temporalio/workflow';
import { amsterdamDatum } from '../common/kalender';
import { bereiktNaNoShow, noShowMetOutreach, type Outreach, outreachNaNoShow } from '../common/contactlog';
import type { ContactInvoer } from '../common/schemas';
import { ongeldigeInvoer, wachtTot } from './helpers';
import { contactUpdate } from './messages';
import type { Contact, Handeling, TrajectState, TrajectStatus } from './types';

interface ContactlogContext {
  aanmeldDatum: string;
  state: TrajectState;
  status: () => TrajectStatus;
  bijwerken: () => void;
  nietAfgesloten: () => void;
}

/**
 * The traject's contactlog: appointments (planned, kept, missed), calls, home visits, letters and
 * e-mails. A missed appointment starts outreach (werkkader §2.8.5, Mehmet: after vain contact the
 * team goes to the person); while it runs, the werkvoorraad shows 'outreach-na-no-show' and
 * Amsterdam's intake norms wait for it (`houdVast`).
 */
export class Contactlog {
  constructor(private readonly ctx: ContactlogContext) {}

  private get contacten(): Contact[] {
    return this.ctx.state.contacten ?? [];
  }

  registreer(): void {
    setHandler(contactUpdate, (c) => this.voegToe(c), { validator: (c) => this.valideer(c) });
  }

  private zelfde(c: ContactInvoer): boolean {
    return this.contacten.some(
      (x) => x.soort === c.soort && x.tijdstip === c.tijdstip && x.uitkomst === c.uitkomst && x.notitie === c.notitie,
    );
  }

  private valideer(c: ContactInvoer): void {
    if (this.zelfde(c)) return;
    this.ctx.nietAfgesloten();
    const gepland = c.soort === 'afspraak' && c.uitkomst === 'gepland';
    if (!gepland && Date.parse(c.tijdstip) > Date.now()) {
      throw ongeldigeInvoer('tijdstip', `een contact met uitkomst ${c.uitkomst} kan niet in de toekomst liggen`);
    }
    if (amsterdamDatum(new Date(c.tijdstip)) < this.ctx.aanmeldDatum) {
      throw ongeldigeInvoer('tijdstip', 'een contact in het traject kan niet vóór de aanmelding liggen');
    }
  }

  private voegToe(c: ContactInvoer & Handeling): TrajectStatus {
    if (this.zelfde(c)) return this.ctx.status();
    (this.ctx.state.contacten ??= []).push({ ...c, vastgelegd: new Date().toISOString() });
    this.ctx.bijwerken();
    return this.ctx.status();
  }

  /** Outreach after the latest no-show, while nobody reached the person since. */
  outreach(): Outreach | undefined {
    return outreachNaNoShow(this.contacten);
  }

  /** A no-show followed by outreach is on record: the legal term's alert says so. */
  noShowMetOutreach(): boolean {
    return noShowMetOutreach(this.contacten);
  }

  /**
   * Holds an Amsterdam norm whose deadline passed during outreach: the norm counts again from the
   * moment the person is reached (`opnieuw(bereikt)` gives the new deadline). Resolves undefined once
   * `klaar()` holds, or with the deadline of an alert that is due after all.
   */
  async houdVast(klaar: () => boolean, opnieuw: (bereikt: string) => Date): Promise<Date | undefined> {
    for (;;) {
      await condition(() => klaar() || this.outreach() === undefined);
      if (klaar()) return undefined;
      const uiterlijk = opnieuw(bereiktNaNoShow(this.contacten)!);
      if (!(await wachtTot(() => klaar() || this.outreach() !== undefined, uiterlijk))) return uiterlijk;
      if (klaar()) return undefined;
    }
  }
}
