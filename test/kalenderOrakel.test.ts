import { describe, expect, it } from 'vitest';
import {
  amsterdamDatum,
  amsterdamMiddernacht,
  amsterdamOffsetMinuten,
  amsterdamUur,
  dagenTussen,
  eersteWerkdagVanaf,
  eindeVanDag,
  feestdagen,
  isWerkdag,
  jaarVan,
  plusDagen,
  plusMaanden,
  weekdag,
  werkdagenNa,
} from '../common/kalender';
import {
  BESCHIKKING_TERMIJN_WEKEN,
  beschikkingstermijnVan,
  beschikkingsTermijn,
  bezwaartermijn,
  eersteGesprekTermijn,
  termijnNa,
  waarschuwingsmoment,
  type Termijnwijziging,
} from '../common/termijnen';
import { dagenResterend, termijnStand } from '../common/termijnStand';

/**
 * The calendar and the legal terms checked for every day and every hour of 2025-2040 against an
 * oracle that shares no code with them: the platform's time-zone database (Intl, Europe/Amsterdam)
 * for clock times and offsets, and the holidays of the Algemene termijnenwet (art. 3: Nieuwjaarsdag,
 * tweede paas- en pinksterdag, Hemelvaartsdag, Koningsdag, 5 mei every year, beide Kerstdagen; not
 * Goede Vrijdag) written out by hand per year. This replaces running the workflow tests on other
 * start days: a term that ends a day early after a weekend, a holiday or a clock change fails here.
 */

const UUR_MS = 3600_000;
const DAG_MS = 24 * UUR_MS;
const VAN = Date.UTC(2025, 0, 1);
const TOT = Date.UTC(2041, 0, 1);

/** Per year: Pasen, tweede paasdag, Koningsdag (26 April when the 27th is a Sunday), Hemelvaart, Pinksteren, tweede pinksterdag. */
const BEWEEGLIJK: Record<number, string[]> = {
  2025: ['2025-04-20', '2025-04-21', '2025-04-26', '2025-05-29', '2025-06-08', '2025-06-09'],
  2026: ['2026-04-05', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-24', '2026-05-25'],
  2027: ['2027-03-28', '2027-03-29', '2027-04-27', '2027-05-06', '2027-05-16', '2027-05-17'],
  2028: ['2028-04-16', '2028-04-17', '2028-04-27', '2028-05-25', '2028-06-04', '2028-06-05'],
  2029: ['2029-04-01', '2029-04-02', '2029-04-27', '2029-05-10', '2029-05-20', '2029-05-21'],
  2030: ['2030-04-21', '2030-04-22', '2030-04-27', '2030-05-30', '2030-06-09', '2030-06-10'],
  2031: ['2031-04-13', '2031-04-14', '2031-04-26', '2031-05-22', '2031-06-01', '2031-06-02'],
  2032: ['2032-03-28', '2032-03-29', '2032-04-27', '2032-05-06', '2032-05-16', '2032-05-17'],
  2033: ['2033-04-17', '2033-04-18', '2033-04-27', '2033-05-26', '2033-06-05', '2033-06-06'],
  2034: ['2034-04-09', '2034-04-10', '2034-04-27', '2034-05-18', '2034-05-28', '2034-05-29'],
  2035: ['2035-03-25', '2035-03-26', '2035-04-27', '2035-05-03', '2035-05-13', '2035-05-14'],
  2036: ['2036-04-13', '2036-04-14', '2036-04-26', '2036-05-22', '2036-06-01', '2036-06-02'],
  2037: ['2037-04-05', '2037-04-06', '2037-04-27', '2037-05-14', '2037-05-24', '2037-05-25'],
  2038: ['2038-04-25', '2038-04-26', '2038-04-27', '2038-06-03', '2038-06-13', '2038-06-14'],
  2039: ['2039-04-10', '2039-04-11', '2039-04-27', '2039-05-19', '2039-05-29', '2039-05-30'],
  2040: ['2040-04-01', '2040-04-02', '2040-04-27', '2040-05-10', '2040-05-20', '2040-05-21'],
  // Terms from late 2040 end in 2041.
  2041: ['2041-04-21', '2041-04-22', '2041-04-27', '2041-05-30', '2041-06-09', '2041-06-10'],
};
const VAST = ['01-01', '05-05', '12-25', '12-26'];
const FEESTDAGEN = new Set(Object.entries(BEWEEGLIJK).flatMap(([jaar, dagen]) => [...dagen, ...VAST.map((d) => `${jaar}-${d}`)]));

const inAmsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});
const inUtc = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });

/** Amsterdam's wall clock at an instant, by the platform's time-zone database. */
function klok(ms: number): { datum: string; uur: number; minuut: number; offset: number; tijd: string } {
  const d = Object.fromEntries(inAmsterdam.formatToParts(ms).map((p) => [p.type, p.value]));
  const [, teken, uren, minuten] = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(d.timeZoneName!)!;
  const offset = teken ? (teken === '-' ? -1 : 1) * (Number(uren) * 60 + Number(minuten)) : 0;
  const datum = `${d.year}-${d.month}-${d.day}`;
  return { datum, uur: Number(d.hour), minuut: Number(d.minute), offset, tijd: `${datum} ${d.hour}:${d.minute}` };
}

/**
 * Collects differences instead of calling expect() a million times (which alone takes tens of
 * seconds); each test ends by expecting none, showing the first few.
 */
class Afwijkingen {
  private readonly lijst: string[] = [];
  zelfde(wat: string, gekregen: unknown, verwacht: unknown): void {
    if (gekregen !== verwacht) this.lijst.push(`${wat}: ${String(gekregen)}, verwacht ${String(verwacht)}`);
  }
  geen(): void {
    expect(this.lijst.slice(0, 5), `${this.lijst.length} afwijkingen`).toEqual([]);
  }
}

/** Every calendar day from a month before 2025 to well after 2040 (terms run past the year's end), with its weekday. */
const DAGEN: { datum: string; weekdag: string }[] = [];
for (let ms = Date.UTC(2024, 11, 1); ms < Date.UTC(2041, 6, 1); ms += DAG_MS) {
  const d = Object.fromEntries(inUtc.formatToParts(ms).map((p) => [p.type, p.value]));
  DAGEN.push({ datum: `${d.year}-${d.month}-${d.day}`, weekdag: d.weekday! });
}
const INDEX = new Map(DAGEN.map((d, i) => [d.datum, i]));
const index = (datum: string) => INDEX.get(datum)!;
const TE_TOETSEN = DAGEN.filter((d) => d.datum >= '2025-01-01' && d.datum <= '2040-12-31').map((d) => d.datum);
const werkdagOrakel = (i: number) => !['Sat', 'Sun'].includes(DAGEN[i]!.weekdag) && !FEESTDAGEN.has(DAGEN[i]!.datum);
/** The first werkdag at or after day i (Algemene termijnenwet art. 1), counted in the oracle's own day list. */
function werkdagVanaf(i: number): string {
  let j = i;
  while (!werkdagOrakel(j)) j++;
  return DAGEN[j]!.datum;
}

/** A term's end instant is the start of the next Amsterdam day: 23:59 of `einddatum` one minute before. */
function verwachtEinde(a: Afwijkingen, wat: string, verloopt: string | Date, einddatum: string): void {
  const ms = new Date(verloopt).getTime();
  a.zelfde(`${wat} verloopt`, klok(ms).tijd, `${DAGEN[index(einddatum) + 1]!.datum} 00:00`);
  a.zelfde(`${wat} minuut ervoor`, klok(ms - 60_000).tijd, `${einddatum} 23:59`);
}

describe('calendar against Intl (Europe/Amsterdam) and a holiday table, 2025-2040', () => {
  it('has the offset, day and hour of every hour, and every minute of the days the clocks change', () => {
    const a = new Afwijkingen();
    const toets = (ms: number) => {
      const { offset, datum, uur } = klok(ms);
      const moment = new Date(ms);
      const gekregen = `${amsterdamOffsetMinuten(moment)} ${amsterdamDatum(moment)} ${amsterdamUur(moment)}`;
      a.zelfde(moment.toISOString(), gekregen, `${offset} ${datum} ${uur}`);
    };
    let omschakelingen = 0;
    for (let ms = VAN; ms < TOT; ms += UUR_MS) toets(ms);
    for (let ms = VAN; ms < TOT; ms += DAG_MS) {
      if (klok(ms).offset === klok(ms + DAG_MS - 1).offset) continue;
      omschakelingen++;
      for (let m = ms; m < ms + DAG_MS; m += 60_000) toets(m);
    }
    a.geen();
    expect(omschakelingen).toBe(2 * 16);
  });

  it('begins and ends every day at Amsterdam midnight, also the 23- and 25-hour days', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const begin = amsterdamMiddernacht(datum).getTime();
      a.zelfde(`begin ${datum}`, klok(begin).tijd, `${datum} 00:00`);
      a.zelfde(`voor ${datum}`, klok(begin - 60_000).datum, DAGEN[index(datum) - 1]!.datum);
      verwachtEinde(a, datum, eindeVanDag(datum), datum);
    }
    a.geen();
  });

  it('counts days, weekdays and months like the day list', () => {
    const a = new Afwijkingen();
    const WEEK = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const laatsteDag = new Map<string, number>();
    for (const { datum } of DAGEN) laatsteDag.set(datum.slice(0, 7), Number(datum.slice(8)));
    for (const datum of TE_TOETSEN) {
      const i = index(datum);
      a.zelfde(`weekdag ${datum}`, WEEK[weekdag(datum)], DAGEN[i]!.weekdag);
      a.zelfde(`jaar ${datum}`, jaarVan(datum), Number(datum.slice(0, 4)));
      for (const n of [-30, -1, 1, 14, 28, 41, 42, 56, 120]) {
        a.zelfde(`${datum} + ${n}`, plusDagen(datum, n), DAGEN[i + n]!.datum);
        a.zelfde(`${datum} tot + ${n}`, dagenTussen(datum, DAGEN[i + n]!.datum), n);
      }
      for (const n of [-1, 1, 3, 6]) {
        const m = Number(datum.slice(0, 4)) * 12 + Number(datum.slice(5, 7)) - 1 + n;
        const maand = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        const dag = Math.min(Number(datum.slice(8)), laatsteDag.get(maand)!);
        a.zelfde(`${datum} + ${n} maanden`, plusMaanden(datum, n), `${maand}-${String(dag).padStart(2, '0')}`);
      }
    }
    a.geen();
  });

  it('knows the holidays of the Algemene termijnenwet of every year, and not Goede Vrijdag', () => {
    for (const [jaar, [pasen]] of Object.entries(BEWEEGLIJK)) {
      expect([...feestdagen(Number(jaar))].sort()).toEqual([...FEESTDAGEN].filter((d) => d.startsWith(jaar)).sort());
      expect(isWerkdag(plusDagen(pasen!, -2))).toBe(true);
    }
  });

  it('tells werkdagen and counts them past weekends and holidays from every day', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const i = index(datum);
      a.zelfde(`werkdag ${datum}`, isWerkdag(datum), werkdagOrakel(i));
      a.zelfde(`werkdag vanaf ${datum}`, eersteWerkdagVanaf(datum), werkdagVanaf(i));
      let j = i;
      for (let n = 1; n <= 15; n++) {
        do j++;
        while (!werkdagOrakel(j));
        if ([1, 2, 5, 15].includes(n)) a.zelfde(`${datum} + ${n} werkdagen`, werkdagenNa(datum, n), DAGEN[j]!.datum);
      }
    }
    a.geen();
  });
});

describe('legal terms against the same oracle, from every day of 2025-2040', () => {
  it('runs the beschikking, first-conversation and bezwaar terms to the end of a werkdag', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const i = index(datum);
      for (const [naam, termijn, dagen] of [
        ['beschikking', beschikkingsTermijn(datum), 56],
        ['eerste gesprek', eersteGesprekTermijn(datum), 28],
        ['bezwaar', bezwaartermijn(datum), 42],
        ['10 dagen', termijnNa(datum, 10), 10],
      ] as const) {
        a.zelfde(`${naam} vanaf ${datum}`, termijn.einddatum, werkdagVanaf(i + dagen));
        verwachtEinde(a, `${naam} vanaf ${datum}`, termijn.verloopt, termijn.einddatum);
      }
    }
    a.geen();
  });

  it('warns at the start of the Amsterdam day 6 and 7 weeks in, also across a clock change or a moved end', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const i = index(datum);
      const termijn = beschikkingstermijnVan({ start: 'aanmelding', startDatum: datum, wijzigingen: [] })!;
      a.zelfde(`kaal vanaf ${datum}`, termijn.kaleEinddatum, DAGEN[i + 56]!.datum);
      a.zelfde(`einde vanaf ${datum}`, termijn.einddatum, werkdagVanaf(i + 56));
      for (const weken of [6, 7]) {
        const op = waarschuwingsmoment(termijn, weken).getTime();
        a.zelfde(`week ${weken} vanaf ${datum}`, klok(op).tijd, `${DAGEN[i + weken * 7]!.datum} 00:00`);
        // The day before (e.g. a test that sleeps to noon of day 41) is still before the warning.
        a.zelfde(`voor week ${weken} vanaf ${datum}`, klok(op - 1).datum, DAGEN[i + weken * 7 - 1]!.datum);
      }
    }
    a.geen();
  });

  it('moves the end by an opschorting and to a verdaging’s chosen date, then to a werkdag (Awb 4:14, 4:15)', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const i = index(datum);
      const geschorst = 1 + (i % 23);
      const opschorting: Termijnwijziging = { soort: 'opschorting', vanaf: DAGEN[i + 5]!.datum, tot: DAGEN[i + 5 + geschorst]!.datum };
      const verdaagdTot = DAGEN[i + 56 + 28 + (i % 5)]!.datum;
      const verdaging: Termijnwijziging = {
        soort: 'verdaging',
        nieuweEinddatum: verdaagdTot,
        reden: 'advies',
        datum: DAGEN[i + 30]!.datum,
      };
      const van = (wijzigingen: Termijnwijziging[]) => beschikkingstermijnVan({ start: 'eerste-gesprek', startDatum: datum, wijzigingen })!;

      const na = van([opschorting]);
      a.zelfde(`kaal na opschorting ${datum}`, na.kaleEinddatum, DAGEN[i + 56 + geschorst]!.datum);
      a.zelfde(`einde na opschorting ${datum}`, na.einddatum, werkdagVanaf(i + 56 + geschorst));
      verwachtEinde(a, `na opschorting ${datum}`, na.verloopt, na.einddatum);
      a.zelfde(`week 6 na opschorting ${datum}`, klok(waarschuwingsmoment(na, 6).getTime()).datum, DAGEN[i + 42 + geschorst]!.datum);
      // A verdaging sets the date as chosen: not 8 weeks from anywhere, whatever holiday moved the old end.
      const verdaagd = van([opschorting, verdaging]);
      a.zelfde(`kaal verdaagd ${datum}`, verdaagd.kaleEinddatum, verdaagdTot);
      a.zelfde(`einde verdaagd ${datum}`, verdaagd.einddatum, werkdagVanaf(index(verdaagdTot)));
      a.zelfde(`opschorting na verdaging ${datum}`, van([verdaging, opschorting]).einddatum, werkdagVanaf(index(verdaagdTot) + geschorst));
      a.zelfde(
        `lopende opschorting ${datum}`,
        van([{ soort: 'opschorting', vanaf: DAGEN[i + 5]!.datum }]).opgeschortSinds,
        DAGEN[i + 5]!.datum,
      );
    }
    a.geen();
    expect(BESCHIKKING_TERMIJN_WEKEN).toBe(8);
  });

  it('shows a term overdue from its end instant on, and counts the days left in started days', () => {
    const a = new Afwijkingen();
    for (const datum of TE_TOETSEN) {
      const { verloopt, einddatum } = beschikkingsTermijn(datum);
      const einde = Date.parse(verloopt);
      a.zelfde(
        `${datum} twee weken en een uur voor het einde`,
        termijnStand(verloopt, 'traject', new Date(einde - 14 * DAG_MS - UUR_MS)),
        'op-tijd',
      );
      a.zelfde(`${datum} laatste ms`, termijnStand(verloopt, 'traject', new Date(einde - 1)), 'in-gevaar');
      a.zelfde(`${datum} na het einde`, termijnStand(verloopt, 'traject', new Date(einde + 1)), 'overschreden');
      a.zelfde(`${datum} melding laatste dag`, termijnStand(verloopt, 'melding', new Date(einde - DAG_MS + 1)), 'in-gevaar');
      // At noon of the last day the rest of that day is left: one started day.
      a.zelfde(
        `${datum} middag laatste dag`,
        dagenResterend(verloopt, new Date(amsterdamMiddernacht(einddatum).getTime() + 12 * UUR_MS)),
        1,
      );
      a.zelfde(`${datum} erna`, dagenResterend(verloopt, new Date(einde + 1)), -1);
    }
    a.geen();
  });
});

describe('calendar outside the years of four digits', () => {
  it('gives the holidays of any year, e.g. 26, 999 and 10000, and counts werkdagen there', () => {
    // Easter 26, 999 and 10000 on the proleptic Gregorian calendar (Meeus); 27 April 26 was a Saturday.
    expect([...feestdagen(26)]).toEqual(expect.arrayContaining(['0026-01-01', '0026-04-19', '0026-04-20', '0026-04-27', '0026-12-26']));
    expect(feestdagen(999).has('0999-04-15')).toBe(true);
    expect(feestdagen(10000).has('+010000-04-17')).toBe(true);
    expect(werkdagenNa('0026-11-26', 10)).toBe('0026-12-10');
    expect(werkdagenNa('0026-12-24', 1)).toBe('0026-12-28'); // 27 December 26 was a Sunday
    expect(beschikkingsTermijn('0026-11-26')).toEqual({ einddatum: '0027-01-21', verloopt: '0027-01-21T23:00:00.000Z' });
    expect(plusMaanden('0026-01-31', 1)).toBe('0026-02-28');
    expect(plusMaanden('9999-12-31', 2)).toBe('+010000-02-29');
    expect(jaarVan('+010000-02-29')).toBe(10000);
    expect(isWerkdag('-000001-01-01')).toBe(false);
    // Summer time by today's EU rule in year 26 as well, not 1926's.
    expect(amsterdamMiddernacht('0026-07-01').toISOString()).toBe('0026-06-30T22:00:00.000Z');
    expect(amsterdamMiddernacht('0026-03-29').toISOString()).toBe('0026-03-28T23:00:00.000Z');
  });
});
