import { condition, log, patched, setHandler } from '@temporalio/workflow';
import { amsterdamDatum } from '../common/kalender';
import type { WpiRouteInvoer, WpiStapInvoer } from '../common/schemas';
import { ROUTENAAM, stappenVanRoute, wpiRouteVoor, wpiStapNogNiet } from '../common/wpiRoute';
import type { Notificatie } from '../activities/ports';
import { ongeldigeInvoer, ongeldigeOvergang } from './helpers';
import type { MeldingZaak } from './meldingZaak';
import { wpiRouteUpdate, wpiStapUpdate } from './messages';
import type { Handeling, MeldingStatus, WpiRouteState } from './types';

/**
 * Since this patch a melding can take a WPI route. Its marker is recorded where a case takes the
 * route (its start, or the medewerker's update): runs from before have no `state.wpi` (the zrm
 * pattern), and a later change of the route can branch on the marker.
 */
export const WPI_ROUTE = 'melding-wpi-route';

/**
 * The WPI routes of werkkader §2.8.2 (common/wpiRoute.ts) as a part of the melding: the signal
 * says the person has a Participatiewet uitkering, or a medewerker finds out and re-routes the
 * open melding. From then on WPI's klantmanager and inkomensconsulent have the case: no
 * huisbezoek terms or buurtteam alerts (MeldingZaak's waits end on `state.wpi`), a `wpi-taak` to
 * pick it up, and the route's steps in the werkvoorraad. A crisis keeps its 3 werkdagen.
 */
export class WpiRouteDeel {
  constructor(private readonly zaak: MeldingZaak) {}

  private get wpi(): WpiRouteState | undefined {
    return this.zaak.state.wpi;
  }

  registreer(): void {
    setHandler(wpiRouteUpdate, (u) => this.neem(u), { validator: (_u) => this.valideerRoute() });
    setHandler(wpiStapUpdate, (s) => this.registreerStap(s), { validator: (s) => this.valideerStap(s) });
  }

  /** The signal said the person has a Participatiewet uitkering (matching at intake). */
  beginBijSignaal(): void {
    if (this.zaak.melding.uitkering) this.begin({ aanleiding: 'signaal' });
  }

  private begin(aanleiding: Pick<WpiRouteState, 'aanleiding' | 'door' | 'toelichting'>): void {
    if (!patched(WPI_ROUTE)) return;
    const { state, signalen } = this.zaak;
    state.wpi = {
      route: wpiRouteVoor(signalen.filter((s) => s.opgepakt)),
      sinds: new Date().toISOString(),
      ...aanleiding,
      stappen: {},
    };
    state.volgendBezoek = undefined;
    log.info('melding naar WPI-route', { meldingId: this.zaak.meldingId, route: state.wpi.route, aanleiding: aanleiding.aanleiding });
    this.zaak.bijwerken();
  }

  private valideerRoute(): void {
    if (this.wpi) return;
    if (this.zaak.afgehandeld())
      throw ongeldigeOvergang(`melding is ${this.zaak.state.fase}; alleen een open melding gaat naar een WPI-route`);
  }

  private neem({ door, toelichting }: WpiRouteInvoer & Handeling): MeldingStatus {
    if (!this.wpi) this.begin({ aanleiding: 'medewerker', ...(door ? { door } : {}), ...(toelichting ? { toelichting } : {}) });
    return this.zaak.status();
  }

  private zelfde(s: WpiStapInvoer): boolean {
    const eerder = this.wpi?.stappen[s.stap];
    const toewijzing =
      s.stap !== 'toegewezen' || (this.wpi?.klantmanager === s.klantmanager && this.wpi?.inkomensconsulent === s.inkomensconsulent);
    return eerder !== undefined && eerder.status === s.status && eerder.datum === s.datum && toewijzing;
  }

  private valideerStap(s: WpiStapInvoer): void {
    if (this.zelfde(s)) return;
    const { wpi, zaak } = this;
    if (!wpi) throw ongeldigeOvergang('deze melding volgt Vroeg Eropaf; WPI-stappen horen bij een melding op een WPI-route');
    if (zaak.afgehandeld()) throw ongeldigeOvergang(`melding is ${zaak.state.fase}`);
    if (wpi.stappen[s.stap]) throw ongeldigeOvergang(`stap ${s.stap} is al geregistreerd`);
    if (!stappenVanRoute(wpi.route).includes(s.stap)) {
      throw ongeldigeInvoer('stap', `de stap ${s.stap} hoort niet bij de route ${ROUTENAAM[wpi.route]}`);
    }
    const nogNiet = wpiStapNogNiet(s.stap, wpi.stappen);
    if (nogNiet) throw ongeldigeOvergang(nogNiet);
    if (s.datum < zaak.melding.meldDatum) throw ongeldigeInvoer('datum', 'de stap ligt vóór de melddatum');
    if (s.datum > amsterdamDatum(new Date())) throw ongeldigeInvoer('datum', 'de stap kan niet in de toekomst liggen');
  }

  private registreerStap({ stap, status, datum, door, klantmanager, inkomensconsulent }: WpiStapInvoer & Handeling): MeldingStatus {
    const { zaak } = this;
    const wpi = this.wpi!;
    if (wpi.stappen[stap]) return zaak.status();
    wpi.stappen[stap] = { status, datum, ...(door ? { door } : {}) };
    if (stap === 'toegewezen') Object.assign(wpi, { klantmanager, inkomensconsulent });
    // WPI reached the client: past reaching, which also meets a crisis signal's first-contact term.
    if (stap === 'contact' && zaak.state.fase === 'bereiken') zaak.state.fase = 'begeleiding';
    log.info('WPI-stap geregistreerd', { meldingId: zaak.meldingId, stap, status });
    zaak.bijwerken();
    return zaak.status();
  }

  /** Once the melding takes a WPI route, WPI is told to pick it up. */
  async volg(): Promise<void> {
    await condition(() => this.wpi !== undefined || this.zaak.afgehandeld());
    if (this.wpi && !this.zaak.afgehandeld()) await this.zaak.bezorging.meld(this.oppakTaak(this.wpi));
  }

  private oppakTaak(wpi: WpiRouteState): Notificatie {
    const { melding, meldingId } = this.zaak;
    return {
      idempotencyKey: `${meldingId}:wpi-oppakken`,
      soort: 'wpi-taak',
      buurtteam: melding.buurtteam,
      zaakId: meldingId,
      onderwerp: 'wpi-oppakken',
      bericht:
        `vroegsignalering voor de route ${ROUTENAAM[wpi.route]} (${melding.schuldeiser.type}, ${melding.achterstand.maanden} maanden achterstand): ` +
        'wijs een klantmanager en een inkomensconsulent toe',
      termijn: this.zaak.state.crisis?.eersteContactUiterlijk,
    };
  }
}
