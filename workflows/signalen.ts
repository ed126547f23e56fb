import { dagdeelVan } from '../common/ddas';
import { amsterdamDatum, amsterdamUur, eindeVanDag, plusDagen, werkdagenNa } from '../common/kalender';
import { ANALYSE_NORM_DAGEN, CONTACTPOGING_NORM_DAGEN } from '../common/normen';
import { signaalBron } from '../common/signaalBron';
import type { Melding } from '../common/schemas';
import type { Contactpoging, GeregistreerdHuisbezoek, Herhaalmelding, MeldingNormen, MeldingState, Signaal } from './types';

/** Weight of a crisis in the werkvoorraad: above any number of ordinary signals. */
const CRISIS_GEWICHT = 100;
/** Weight of an end of supply announced too late: above every other crisis. */
const SPOED_GEWICHT = 2 * CRISIS_GEWICHT;

/**
 * Energy suppliers send an end-of-supply signal at least 20 werkdagen before supply ends (since
 * April 2023). That is the supplier's duty, not a condition for help: a later signal is taken up
 * as the most urgent crisis and counted against its supplier in the rapportage.
 */
export const AFSLUITSIGNAAL_WERKDAGEN = 20;

function teLaatGemeld(s: Pick<SignaalVelden, 'soort' | 'afsluitDatum' | 'meldDatum'>): boolean {
  return s.soort === 'energieafsluiting' && !!s.afsluitDatum && s.afsluitDatum < werkdagenNa(s.meldDatum, AFSLUITSIGNAAL_WERKDAGEN);
}

type SignaalVelden = Pick<Melding, 'schuldeiser' | 'referentie' | 'achterstand' | 'meldDatum'> & Herhaalmelding;

function alsSignaal(meldingId: string, nummer: number, s: SignaalVelden, ontvangen: string): Signaal {
  const soort = s.soort ?? 'betalingsachterstand';
  return {
    signaalId: `${meldingId}-s${nummer}`,
    soort,
    schuldeiser: s.schuldeiser,
    referentie: s.referentie,
    achterstand: s.achterstand,
    meldDatum: s.meldDatum,
    ontvangen,
    crisis: soort !== 'betalingsachterstand',
    opgepakt: true,
    ...(s.ontruimingsDatum ? { ontruimingsDatum: s.ontruimingsDatum } : {}),
    ...(s.afsluitDatum ? { afsluitDatum: s.afsluitDatum } : {}),
    ...(s.beeindigdPer ? { beeindigdPer: s.beeindigdPer } : {}),
    ...(teLaatGemeld(s) ? { teLaatGemeld: true } : {}),
  };
}

/** The melding itself is the case's first signal. */
export function eersteSignaal(meldingId: string, melding: Melding, ontvangen: string): Signaal {
  return alsSignaal(meldingId, 1, melding, ontvangen);
}

/**
 * Adds a further signal to the case. DDAS: the same creditor's signal about the same arrears (same
 * referentie and kind) whose amount did not grow since the last one taken up is not taken up
 * (herhaalde melding); a higher amount, another kind or another creditor is. A repeat recorded
 * before patch melding-meldt-huishouden carries only achterstand and meldDatum: then it is the melding's own creditor.
 */
export function voegSignaalToe(signalen: Signaal[], melding: Melding, meldingId: string, h: Herhaalmelding, ontvangen: string): Signaal {
  const nieuw = alsSignaal(meldingId, signalen.length + 1, { ...melding, ...h }, ontvangen);
  const bron = signaalBron(nieuw);
  const vorige = [...signalen].reverse().find((s) => s.opgepakt && s.soort === nieuw.soort && signaalBron(s) === bron);
  if (vorige && nieuw.achterstand.bedragCent <= vorige.achterstand.bedragCent) {
    Object.assign(nieuw, { opgepakt: false, reden: 'herhaalde-melding' });
  }
  signalen.push(nieuw);
  return nieuw;
}

/** DDAS counts a huisbezoek as a contact attempt; a refusal at the door is contact too. */
export function contactpogingVanBezoek(b: GeregistreerdHuisbezoek): Contactpoging {
  const moment = new Date(b.tijdstip);
  return {
    soort: 'huisbezoek',
    datum: amsterdamDatum(moment),
    dagdeel: dagdeelVan(amsterdamUur(moment)).toLowerCase() as Contactpoging['dagdeel'],
    bereikt: b.uitkomst !== 'niet-thuis',
    ...(b.door ? { door: b.door } : {}),
  };
}

export function normenVan(eersteMeldDatum: string, state: Pick<MeldingState, 'contactpogingen' | 'stappen'>): MeldingNormen {
  const eerstePoging = state.contactpogingen?.map((p) => p.datum).sort()[0];
  const analyse = state.stappen.budgetgesprek?.datum;
  return {
    eersteContactpogingUiterlijk: eindeVanDag(plusDagen(eersteMeldDatum, CONTACTPOGING_NORM_DAGEN)).toISOString(),
    eersteAnalyseUiterlijk: eindeVanDag(plusDagen(eersteMeldDatum, ANALYSE_NORM_DAGEN)).toISOString(),
    ...(eerstePoging ? { eersteContactpoging: eerstePoging } : {}),
    ...(analyse ? { eersteAnalyse: analyse } : {}),
  };
}

/**
 * Werkvoorraad weight: an end of supply announced too late first, then any other crisis, then more
 * signals taken up before fewer. Zero (one signal, no crisis) sets no search attribute, so cases
 * recorded before weights (patch melding-meldt-huishouden) upsert what they did.
 */
export function gewichtVan(state: Pick<MeldingState, 'signalen' | 'crisis'>): number {
  const opgepakt = state.signalen?.filter((s) => s.opgepakt);
  const extra = (opgepakt?.length ?? 1) - 1;
  if (opgepakt?.some((s) => s.teLaatGemeld)) return SPOED_GEWICHT + extra;
  return (state.crisis ? CRISIS_GEWICHT : 0) + extra;
}

/** The suppliers of the end-of-supply signals taken up that came too late, one entry per signal (for the rapportage). */
export function teLaatGemeldDoor(signalen: Signaal[]): string[] {
  return signalen.filter((s) => s.opgepakt && s.teLaatGemeld).map((s) => s.schuldeiser.naam);
}
