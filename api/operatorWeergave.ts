import type { OperatorAdviesStatus, OperatorMeldingStatus, OperatorTrajectStatus } from '../common/antwoorden';
import type { AdviesStatus, MeldingStatus, TrajectStatus } from '../workflows/types';

/**
 * What an operator sees of a case: its progress without personal data. A list of allowed fields
 * rather than a list of removed ones, so a field added to a status later stays hidden until chosen
 * here (and in its schema, common/antwoorden.ts, which the API sends it through). Left out:
 * creditor name and reference, visit notes, closing remarks and reasons (free text).
 */

export function operatorMeldingStatus(s: MeldingStatus): OperatorMeldingStatus {
  return {
    meldingId: s.meldingId,
    buurtteam: s.buurtteam,
    regievoerder: s.regievoerder,
    fase: s.fase,
    openTaken: s.openTaken,
    meldDatum: s.meldDatum,
    schuldeiserType: s.schuldeiser.type,
    maandenAchterstand: s.achterstand.maanden,
    bezoeken: s.bezoeken.map((b) => ({ tijdstip: b.tijdstip, uitkomst: b.uitkomst, avondOfWeekend: b.avondOfWeekend })),
    volgendBezoek: s.volgendBezoek,
    stappen: Object.fromEntries(Object.entries(s.stappen).map(([stap, v]) => [stap, { status: v!.status, datum: v!.datum }])),
    afsluitReden: s.afsluiting?.reden,
    trajectId: s.trajectId,
    verzondenAlerts: s.verzondenAlerts,
    doorgestart: s.doorgestart,
  };
}

export function operatorTrajectStatus(s: TrajectStatus): OperatorTrajectStatus {
  return {
    trajectId: s.trajectId,
    buurtteam: s.buurtteam,
    regievoerder: s.regievoerder,
    fase: s.fase,
    route: s.route,
    openTaken: s.openTaken,
    aanmeldDatum: s.aanmeldDatum,
    vanMelding: s.vanMelding,
    vanAdvies: s.vanAdvies,
    faseHistorie: s.faseHistorie.map((f) => ({ fase: f.fase, route: f.route, vanaf: f.vanaf })),
    intake: { gepland: s.intake.gepland, gehouden: s.intake.gehouden },
    beschikking: s.beschikking && { datum: s.beschikking.datum, besluit: s.beschikking.besluit },
    termijn: s.termijn,
    toestemming: { vastleggen: s.toestemming.vastleggen, delen: s.toestemming.delen },
    crisisinterventie: s.crisisinterventie,
    flankmodules: s.flankmodules,
    inkomensbeheer: s.inkomensbeheer && { vorm: s.inkomensbeheer.vorm },
    regie: s.regie,
    contacten: s.contacten?.map((c) => ({ soort: c.soort, tijdstip: c.tijdstip, uitkomst: c.uitkomst })),
    verzondenAlerts: s.verzondenAlerts,
    openstaandeRegistraties: s.openstaandeRegistraties,
  };
}

/** An advies without the client's name. */
export function operatorAdviesStatus(s: AdviesStatus): OperatorAdviesStatus {
  return {
    adviesId: s.adviesId,
    buurtteam: s.buurtteam,
    regievoerder: s.regievoerder,
    fase: s.fase,
    openTaken: s.openTaken,
    startDatum: s.startDatum,
    uiterlijk: s.uiterlijk,
    onderwerpen: s.onderwerpen,
    gesprekken: s.gesprekken.map((g) => ({ datum: g.datum, vorm: g.vorm })),
    adviezen: s.adviezen.map((a) => ({ datum: a.datum, soort: a.soort, partner: a.partner })),
    afrondenGevraagd: s.afrondenGevraagd,
    verstreken: s.verstreken,
    afsluiting: s.afsluiting && { uitkomst: s.afsluiting.uitkomst, datum: s.afsluiting.datum, trajectId: s.afsluiting.trajectId },
    toestemming: { vastleggen: s.toestemming.vastleggen, delen: s.toestemming.delen },
    verzondenAlerts: s.verzondenAlerts,
  };
}
