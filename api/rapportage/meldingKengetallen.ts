import { eindresultaatVan, type DdasEindresultaat } from '../../common/ddas';
import type { Vroegsignaleringsroute } from '../../common/wpiRoute';
import { teLaatGemeldDoor } from '../../workflows/signalen';
import type { CrisisSoort, MeldingResultaat, MeldingStatus } from '../../workflows/types';

/**
 * The non-personal facts of one Vroeg Eropaf melding the gemeente's figures count. Read from the
 * status query of an open melding, or from the final result of a closed one (which reads only the
 * closing event, no replay). `undefined` means the source does not say (a melding closed before
 * its result carried that fact).
 */
export interface MeldingKengetallen {
  meldingId: string;
  meldDatum: string;
  open: boolean;
  /** Signals that joined this case, the first one included. */
  signalen: number;
  bereikt?: boolean;
  /** Amsterdam date of the first contact attempt. */
  eersteContactpoging?: string;
  eindresultaat?: DdasEindresultaat;
  /** The crisis (Wgs art. 4 lid 2) the melding's crisis path started for. */
  crisis?: CrisisSoort;
  /** Suppliers of end-of-supply signals sent too late (organisations, no personal data), one entry per signal. */
  teLaatGemeld?: string[];
  /** Vroeg Eropaf, or the WPI route the signal went to (werkkader §2.8.2). */
  route?: Vroegsignaleringsroute;
}

/** Whether contact was made: a contact attempt that reached the person (a huisbezoek refused at the door too), or past the phase of reaching. */
function bereiktVolgensStatus(s: MeldingStatus): boolean {
  return s.fase === 'begeleiding' || s.fase === 'overgedragen' || s.contactpogingen.some((p) => p.bereikt);
}

/** The DDAS end result the melding recorded, or for one closed before it did, the one its closing implies. */
export function eindresultaatVanStatus(s: MeldingStatus): DdasEindresultaat | undefined {
  return s.eindresultaat ?? eindresultaatVan({ fase: s.fase, reden: s.afsluiting?.reden });
}

export function kengetallenUitStatus(s: MeldingStatus, open: boolean): MeldingKengetallen {
  // Huisbezoeken are contact attempts too (the melding lists them there, also those of runs before).
  const eerste = s.normen.eersteContactpoging ?? s.contactpogingen.map((p) => p.datum).sort()[0];
  return {
    meldingId: s.meldingId,
    meldDatum: s.meldDatum,
    open,
    signalen: s.signalen.length,
    route: s.route,
    bereikt: bereiktVolgensStatus(s),
    ...(eerste ? { eersteContactpoging: eerste } : {}),
    ...(open ? {} : { eindresultaat: eindresultaatVanStatus(s) }),
    ...crisisfeiten(s.crisis?.soort, teLaatGemeldDoor(s.signalen)),
  };
}

function crisisfeiten(
  crisis: CrisisSoort | undefined,
  teLaatGemeld: string[] | undefined,
): Pick<MeldingKengetallen, 'crisis' | 'teLaatGemeld'> {
  return { ...(crisis ? { crisis } : {}), ...(teLaatGemeld?.length ? { teLaatGemeld } : {}) };
}

/**
 * A closed melding's result carries its figures. Results of runs from before they did say only how
 * the melding ended: whether it was reached follows where the ending implies it; when it was first
 * tried and how many signals joined it are unknown (counted as one).
 */
export function kengetallenUitResultaat(meldingId: string, meldDatum: string, r: MeldingResultaat): MeldingKengetallen {
  const bereikt =
    r.bereikt ??
    (r.fase === 'overgedragen' || r.reden === 'afgerond' || r.reden === 'geweigerd'
      ? true
      : r.reden === 'niet-bereikt' || r.reden === 'verlopen'
        ? false
        : undefined);
  return {
    meldingId,
    meldDatum,
    open: false,
    signalen: r.signalen ?? 1,
    route: r.route ?? 'vroeg-eropaf',
    ...(bereikt === undefined ? {} : { bereikt }),
    ...(r.eersteContactpoging ? { eersteContactpoging: r.eersteContactpoging } : {}),
    eindresultaat: r.eindresultaat ?? eindresultaatVan(r),
    ...crisisfeiten(r.crisis, r.teLaatGemeld),
  };
}
