import { CONTACTPOGING_NORM_DAGEN } from '../../common/normen';
import { amsterdamDatum, dagenTussen } from '../../common/kalender';
import {
  klachtenCijfers,
  mediaan,
  stromen,
  wachttijden,
  type KlachtenCijfers,
  type Periode,
  type Stromen,
  type Wachttijd,
} from '../../common/monitoring';
import type { Rapportagebron } from './rapportageBron';

export interface Rapportage extends Periode {
  buurtteam: string;
  /** When the figures were read: open cases may still change them. */
  peilmoment: string;
  meldingen: {
    /** Meldingen (Vroeg Eropaf cases) with their melddatum in the period. */
    aantal: number;
    /** Signals received in these meldingen (repeats that were taken up included). */
    signalen: number;
    lopend: number;
    bereikt: number;
    nietBereikt: number;
    /** Closed before their result said whether they were reached. */
    bereiktOnbekend: number;
    /** bereikt / (bereikt + nietBereikt); null without any. */
    bereiktAandeel: number | null;
    dagenTotEersteContactpoging: {
      /** Meldingen whose first contact attempt is known. */
      aantal: number;
      gemiddeld: number | null;
      mediaan: number | null;
      binnenNorm: number;
    };
    /** Closed meldingen by DDAS end result (`onbekend`: closed without one). */
    eindresultaten: Record<string, number>;
    /** Meldingen by the crisis (Wgs art. 4 lid 2) that started their crisis path. */
    crisis: Record<string, number>;
    /**
     * End-of-supply signals sent less than 20 werkdagen before the end of supply, per supplier: the
     * supplier's duty missed (taken up all the same, as the most urgent crisis).
     */
    teLaatGemeldeAfsluitsignalen: Record<string, number>;
    /** Meldingen by vroegsignalering route: Vroeg Eropaf, or a WPI route (`onbekend`: terminated). */
    perRoute: Record<string, number>;
  };
  trajecten: {
    /** Trajecten with their aanmelddatum in the period. */
    aangemeld: number;
    /** The same trajecten by their phase now. */
    perFase: Record<string, number>;
  };
  adviezen: {
    /** Adviezen (informatie en advies, werkkader §2.4.2) started in the period. */
    gestart: number;
    /** The same adviezen by outcome (afgerond, doorverwezen, client-stopt, opgeschaald), or `lopend`. */
    perUitkomst: Record<string, number>;
  };
  beschikkingen: {
    /** Beschikkingen dated in the period. */
    afgegeven: number;
    opTijd: number;
    teLaat: number;
    opTijdAandeel: number | null;
  };
  /**
   * Monitorgegevens of werkkader ch. 5, counted on `stand` (the period's last day, or today while
   * it runs on): client flows with uitstroomkenmerk, waiting times per step, complaints.
   */
  monitoring: {
    stand: string;
    stromen: Stromen;
    /** In calendar days. */
    wachttijden: Wachttijd[];
    klachten: KlachtenCijfers;
  };
}

const aandeel = (deel: number, geheel: number) => (geheel === 0 ? null : Math.round((deel / geheel) * 1000) / 1000);

function gesorteerd(aantallen: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(aantallen).sort(([a], [b]) => a.localeCompare(b)));
}

export function berekenRapportage(buurtteam: string, periode: Periode, bron: Rapportagebron, peilmoment = new Date()): Rapportage {
  const m = bron.meldingen;
  const tel = (f: (x: (typeof m)[number]) => boolean) => m.filter(f).length;
  const bereikt = tel((x) => x.bereikt === true);
  const nietBereikt = tel((x) => x.bereikt === false);
  const dagen = m.flatMap((x) => (x.eersteContactpoging ? [dagenTussen(x.meldDatum, x.eersteContactpoging)] : []));
  const eindresultaten: Record<string, number> = {};
  const crisis: Record<string, number> = {};
  const teLaat: Record<string, number> = {};
  const perRoute: Record<string, number> = {};
  const plus = (aantallen: Record<string, number>, sleutel: string) => (aantallen[sleutel] = (aantallen[sleutel] ?? 0) + 1);
  for (const x of m) {
    if (!x.open) plus(eindresultaten, x.eindresultaat ?? 'onbekend');
    if (x.crisis) plus(crisis, x.crisis);
    plus(perRoute, x.route ?? 'onbekend');
    for (const leverancier of x.teLaatGemeld ?? []) plus(teLaat, leverancier);
  }
  const opTijd = bron.beschikkingen.filter((b) => !b.overschreden).length;
  const vandaag = amsterdamDatum(peilmoment);
  const stand = periode.tot < vandaag ? periode.tot : vandaag;
  return {
    buurtteam,
    ...periode,
    peilmoment: peilmoment.toISOString(),
    meldingen: {
      aantal: m.length,
      signalen: m.reduce((som, x) => som + x.signalen, 0),
      lopend: tel((x) => x.open),
      bereikt,
      nietBereikt,
      bereiktOnbekend: m.length - bereikt - nietBereikt,
      bereiktAandeel: aandeel(bereikt, bereikt + nietBereikt),
      dagenTotEersteContactpoging: {
        aantal: dagen.length,
        gemiddeld: dagen.length ? Math.round((dagen.reduce((a, b) => a + b, 0) / dagen.length) * 10) / 10 : null,
        mediaan: mediaan(dagen),
        binnenNorm: dagen.filter((d) => d <= CONTACTPOGING_NORM_DAGEN).length,
      },
      eindresultaten: gesorteerd(eindresultaten),
      crisis: gesorteerd(crisis),
      teLaatGemeldeAfsluitsignalen: gesorteerd(teLaat),
      perRoute: gesorteerd(perRoute),
    },
    trajecten: {
      aangemeld: Object.values(bron.trajectenPerFase).reduce((a, b) => a + b, 0),
      perFase: gesorteerd(bron.trajectenPerFase),
    },
    adviezen: {
      gestart: Object.values(bron.adviezenPerUitkomst).reduce((a, b) => a + b, 0),
      perUitkomst: gesorteerd(bron.adviezenPerUitkomst),
    },
    beschikkingen: {
      afgegeven: bron.beschikkingen.length,
      opTijd,
      teLaat: bron.beschikkingen.length - opTijd,
      opTijdAandeel: aandeel(opTijd, bron.beschikkingen.length),
    },
    monitoring: {
      stand,
      stromen: stromen(bron.trajecten, periode, stand),
      wachttijden: wachttijden(bron.trajecten, periode, stand),
      klachten: klachtenCijfers(bron.klachten, periode, stand),
    },
  };
}
