import { CONTACTPOGING_NORM_DAGEN } from '../../common/normen';
import type { Rapportage } from './rapportageCijfers';

/**
 * The figures as CSV the way Dutch Excel opens it by double-click: `;` between fields, a decimal
 * comma, CRLF line ends and a byte order mark (otherwise Excel reads UTF-8 as Windows-1252).
 * One row per figure (Kengetal;Waarde), so new figures add rows and never shift columns.
 */
export function rapportageCsv(r: Rapportage): string {
  const m = r.meldingen;
  const d = m.dagenTotEersteContactpoging;
  const regels: [string, string | number | null][] = [
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
    ['Beschikkingen afgegeven', r.beschikkingen.afgegeven],
    ['Beschikkingen op tijd', r.beschikkingen.opTijd],
    ['Beschikkingen te laat', r.beschikkingen.teLaat],
    ['Aandeel beschikkingen op tijd', r.beschikkingen.opTijdAandeel],
  ];
  return '\uFEFF' + [['Kengetal', 'Waarde'], ...regels].map((regel) => regel.map(veld).join(';')).join('\r\n') + '\r\n';
}

function veld(waarde: string | number | null): string {
  if (waarde === null) return '';
  const tekst = typeof waarde === 'number' ? String(waarde).replace('.', ',') : waarde;
  return /[;"\r\n]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
}
