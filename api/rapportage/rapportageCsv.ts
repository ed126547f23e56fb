import { CONTACTPOGING_NORM_DAGEN } from '../../common/normen';
import { WACHTSTAPPEN } from '../../common/monitoring';
import type { Rapportage } from './rapportageCijfers';

type Regel = [string, string | number | null];

/** Werkkader ch. 5's monitorgegevens: flows, waiting times (calendar days), complaints. */
function monitoringRegels({ stand, stromen: s, wachttijden, klachten: k }: Rapportage['monitoring']): Regel[] {
  const plan = s.metOndersteuningsplan;
  return [
    ['Stand per', stand],
    ['Instroom (trajecten aangemeld)', s.instroom],
    ['Doorstroom (trajecten open op de stand)', s.doorstroom],
    ['Uitstroom (trajecten afgesloten)', s.uitstroom],
    ...Object.entries(s.uitstroomPerReden).map(([reden, n]): Regel => [`Uitstroomkenmerk: ${reden}`, n]),
    ['Instroom met ondersteuningsplan', plan.instroom],
    ['Doorstroom met ondersteuningsplan', plan.doorstroom],
    ['Uitstroom met ondersteuningsplan', plan.uitstroom],
    ...wachttijden.flatMap((w): Regel[] => {
      const label = WACHTSTAPPEN.find((x) => x.stap === w.stap)!.label;
      return [
        [`${label}: bereikt`, w.bereikt],
        [`${label}: dagen mediaan`, w.dagen.mediaan],
        [`${label}: dagen 90e percentiel`, w.dagen.p90],
        [`${label}: dagen sinds aanmelding mediaan`, w.dagenSindsAanmelding.mediaan],
        [`${label}: dagen sinds aanmelding 90e percentiel`, w.dagenSindsAanmelding.p90],
        [`${label}: wachtend`, w.wachtend.aantal],
        [`${label}: wachtend dagen mediaan`, w.wachtend.mediaan],
        [`${label}: wachtend dagen langste`, w.wachtend.langste],
      ];
    }),
    ['Klachten ontvangen', k.ontvangen],
    ...Object.entries(k.perAard).map(([aard, n]): Regel => [`Klachten over: ${aard}`, n]),
    ['Klachten afgedaan', k.afgedaan],
    ...Object.entries(k.perAfdoening).map(([wijze, n]): Regel => [`Klachten afgedaan: ${wijze}`, n]),
    ['Klachten doorlooptijd dagen mediaan', k.doorlooptijd.mediaan],
    ['Klachten open', k.open.length],
    ['Klachten open langste dagen', k.open.length ? Math.max(...k.open.map((o) => o.dagenOpen)) : null],
  ];
}

/**
 * The figures as CSV the way Dutch Excel opens it by double-click: `;` between fields, a decimal
 * comma, CRLF line ends and a byte order mark (otherwise Excel reads UTF-8 as Windows-1252).
 * One row per figure (Kengetal;Waarde), so new figures add rows and never shift columns.
 */
export function rapportageCsv(r: Rapportage): string {
  const m = r.meldingen;
  const d = m.dagenTotEersteContactpoging;
  const regels: Regel[] = [
    ['Buurtteam', r.buurtteam],
    ['Periode van', r.van],
    ['Periode tot en met', r.tot],
    ['Peilmoment', r.peilmoment],
    ['Signalen ontvangen', m.signalen],
    ['Meldingen', m.aantal],
    ['Meldingen lopend', m.lopend],
    ['Meldingen bereikt', m.bereikt],
    ['Meldingen niet bereikt', m.nietBereikt],
    ['Meldingen bereikt onbekend', m.bereiktOnbekend],
    ['Aandeel bereikt', m.bereiktAandeel],
    ['Meldingen met bekende eerste contactpoging', d.aantal],
    ['Dagen tot eerste contactpoging gemiddeld', d.gemiddeld],
    ['Dagen tot eerste contactpoging mediaan', d.mediaan],
    [`Eerste contactpoging binnen ${CONTACTPOGING_NORM_DAGEN} dagen`, d.binnenNorm],
    ...Object.entries(m.eindresultaten).map(([resultaat, n]): [string, number] => [`Eindresultaat: ${resultaat}`, n]),
    ...Object.entries(m.crisis).map(([soort, n]): [string, number] => [`Meldingen met crisissignaal: ${soort}`, n]),
    ...Object.entries(m.teLaatGemeldeAfsluitsignalen).map(([leverancier, n]): [string, number] => [
      `Afsluitsignalen te laat gemeld door: ${leverancier}`,
      n,
    ]),
    ...Object.entries(m.perRoute).map(([route, n]): [string, number] => [`Meldingen via route: ${route}`, n]),
    ['Trajecten aangemeld', r.trajecten.aangemeld],
    ...Object.entries(r.trajecten.perFase).map(([fase, n]): [string, number] => [`Trajecten in fase ${fase}`, n]),
    ['Adviezen gestart', r.adviezen.gestart],
    ...Object.entries(r.adviezen.perUitkomst).map(([uitkomst, n]): [string, number] => [`Adviezen ${uitkomst}`, n]),
    ['Beschikkingen afgegeven', r.beschikkingen.afgegeven],
    ['Beschikkingen op tijd', r.beschikkingen.opTijd],
    ['Beschikkingen te laat', r.beschikkingen.teLaat],
    ['Aandeel beschikkingen op tijd', r.beschikkingen.opTijdAandeel],
    ...monitoringRegels(r.monitoring),
  ];
  return '\uFEFF' + [['Kengetal', 'Waarde'], ...regels].map((regel) => regel.map(veld).join(';')).join('\r\n') + '\r\n';
}

function veld(waarde: string | number | null): string {
  if (waarde === null) return '';
  const tekst = typeof waarde === 'number' ? String(waarde).replace('.', ',') : waarde;
  return /[;"\r\n]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
}
