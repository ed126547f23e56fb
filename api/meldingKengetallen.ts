import { eindresultaatVan, type DdasEindresultaat } from '../common/ddas';
import { amsterdamDatum } from '../common/kalender';
import type { MeldingResultaat, MeldingStatus } from '../workflows/types';

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
}

/** Whether contact was made: reached on a visit (refusing help is contact too), or past the phase of reaching. */
function bereiktVolgensStatus(s: MeldingStatus): boolean {
  return s.fase === 'begeleiding' || s.fase === 'overgedragen' || s.bezoeken.some((b) => b.uitkomst !== 'niet-thuis');
}

export function kengetallenUitStatus(s: MeldingStatus, open: boolean): MeldingKengetallen {
  const eerste = s.bezoeken.map((b) => b.tijdstip).sort()[0];
  return {
    meldingId: s.meldingId,
    meldDatum: s.meldDatum,
    open,
    signalen: 1 + (s.herhaalmeldingen?.length ?? 0),
    bereikt: bereiktVolgensStatus(s),
    ...(eerste ? { eersteContactpoging: amsterdamDatum(new Date(eerste)) } : {}),
    ...(open ? {} : { eindresultaat: eindresultaatVan({ fase: s.fase, reden: s.afsluiting?.reden }) }),
  };
}

/**
 * A closed melding's result says how it ended, and from that whether it was reached where the
 * ending implies it; when and how often it was tried is not in it.
 */
export function kengetallenUitResultaat(meldingId: string, meldDatum: string, r: MeldingResultaat): MeldingKengetallen {
  const bereikt =
    r.fase === 'overgedragen' || r.reden === 'afgerond' || r.reden === 'geweigerd'
      ? true
      : r.reden === 'niet-bereikt' || r.reden === 'verlopen'
        ? false
        : undefined;
  return {
    meldingId,
    meldDatum,
    open: false,
    signalen: 1,
    ...(bereikt === undefined ? {} : { bereikt }),
    eindresultaat: eindresultaatVan(r),
  };
}
