/**
 * Calendar arithmetic in Europe/Amsterdam without Intl or Node APIs, so workflows can use it
 * deterministically. Dates are 'YYYY-MM-DD' strings (a local Amsterdam calendar day); years outside
 * 0-9999 take ISO 8601's expanded form '±YYYYYY-MM-DD', as `Date#toISOString` writes them. Every
 * year gets today's rules (EU summer time, the holidays of the Algemene termijnenwet), on the
 * proleptic Gregorian calendar.
 */

const DAG_MS = 24 * 60 * 60 * 1000;

/** UTC midnight of a day given by numbers (month 1-12, may run over); `Date.UTC` would read years 0-99 as 1900-1999. */
function utcDag(jaar: number, maand: number, dag: number): number {
  const moment = new Date(0);
  moment.setUTCFullYear(jaar, maand - 1, dag);
  return moment.getTime();
}

/** Last Sunday of a month (month 1-12), as a UTC midnight timestamp. */
function laatsteZondag(jaar: number, maand: number): number {
  const laatsteDag = utcDag(jaar, maand + 1, 0);
  return laatsteDag - new Date(laatsteDag).getUTCDay() * DAG_MS;
}

/** UTC offset of Amsterdam in minutes: CEST (+120) between the EU switch moments at 01:00 UTC. */
export function amsterdamOffsetMinuten(moment: Date): number {
  const jaar = moment.getUTCFullYear();
  const zomerStart = laatsteZondag(jaar, 3) + 60 * 60 * 1000;
  const zomerEinde = laatsteZondag(jaar, 10) + 60 * 60 * 1000;
  const t = moment.getTime();
  return t >= zomerStart && t < zomerEinde ? 120 : 60;
}

function naarDatum(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

function utcMiddernacht(datum: string): number {
  const ms = Date.parse(`${datum}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`ongeldige datum: ${datum}`);
  return ms;
}

/** The year of a date, also before year 1000 or after 9999. */
export function jaarVan(datum: string): number {
  return new Date(utcMiddernacht(datum)).getUTCFullYear();
}

/** The Amsterdam calendar day an instant falls on. */
export function amsterdamDatum(moment: Date): string {
  return naarDatum(moment.getTime() + amsterdamOffsetMinuten(moment) * 60 * 1000);
}

/** Amsterdam local hour (0-23) of an instant. */
export function amsterdamUur(moment: Date): number {
  return new Date(moment.getTime() + amsterdamOffsetMinuten(moment) * 60 * 1000).getUTCHours();
}

/** The instant Amsterdam's day `datum` begins. Switches happen at 01:00 UTC, so 22:00 UTC the day before has the right offset. */
export function amsterdamMiddernacht(datum: string): Date {
  const utc = utcMiddernacht(datum);
  return new Date(utc - amsterdamOffsetMinuten(new Date(utc - 2 * 60 * 60 * 1000)) * 60 * 1000);
}

export function plusDagen(datum: string, dagen: number): string {
  return naarDatum(utcMiddernacht(datum) + dagen * DAG_MS);
}

/** Whole days from `van` to `tot` (negative when `tot` is earlier). */
export function dagenTussen(van: string, tot: string): number {
  return Math.round((utcMiddernacht(tot) - utcMiddernacht(van)) / DAG_MS);
}

/** Day of week, 0 = zondag ... 6 = zaterdag. */
export function weekdag(datum: string): number {
  return new Date(utcMiddernacht(datum)).getUTCDay();
}

/** Remainder that is never negative, so the computus also holds for years before 0. */
function rest(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Easter Sunday (anonymous Gregorian computus, with floored division for every year). */
function paaszondag(jaar: number): string {
  const a = rest(jaar, 19);
  const b = Math.floor(jaar / 100);
  const c = rest(jaar, 100);
  const d = Math.floor(b / 4);
  const e = rest(b, 4);
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = rest(19 * a + b - d - g + 15, 30);
  const i = Math.floor(c / 4);
  const k = rest(c, 4);
  const l = rest(32 + 2 * e + 2 * i - h - k, 7);
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const maand = Math.floor((h + l - 7 * m + 114) / 31);
  const dag = ((h + l - 7 * m + 114) % 31) + 1;
  return naarDatum(utcDag(jaar, maand, dag));
}

/** Public holidays that stop a term running, as in the Algemene termijnenwet (Goede Vrijdag is not one). */
export function feestdagen(jaar: number): Set<string> {
  const op = (maand: number, dag: number) => naarDatum(utcDag(jaar, maand, dag));
  const pasen = paaszondag(jaar);
  const koningsdag = op(4, 27);
  return new Set([
    op(1, 1),
    pasen,
    plusDagen(pasen, 1),
    weekdag(koningsdag) === 0 ? op(4, 26) : koningsdag,
    op(5, 5),
    plusDagen(pasen, 39),
    plusDagen(pasen, 49),
    plusDagen(pasen, 50),
    op(12, 25),
    op(12, 26),
  ]);
}

/** Per year, computed once: terms count werkdagen day by day. */
const feestdagenPerJaar = new Map<number, ReadonlySet<string>>();

export function isWerkdag(datum: string): boolean {
  const dag = weekdag(datum);
  if (dag === 0 || dag === 6) return false;
  const jaar = jaarVan(datum);
  let vrij = feestdagenPerJaar.get(jaar);
  if (!vrij) feestdagenPerJaar.set(jaar, (vrij = feestdagen(jaar)));
  return !vrij.has(datum);
}

/** The n-th werkdag after `datum` (the day itself does not count). */
export function werkdagenNa(datum: string, n: number): string {
  let huidig = datum;
  for (let geteld = 0; geteld < n;) {
    huidig = plusDagen(huidig, 1);
    if (isWerkdag(huidig)) geteld++;
  }
  return huidig;
}

/** The instant Amsterdam's day `datum` ends: a deadline "on day X" expires then. */
export function eindeVanDag(datum: string): Date {
  return amsterdamMiddernacht(plusDagen(datum, 1));
}

/** The next werkdag on or after `datum`. */
export function eersteWerkdagVanaf(datum: string): string {
  let huidig = datum;
  while (!isWerkdag(huidig)) huidig = plusDagen(huidig, 1);
  return huidig;
}

/** The same day `n` months later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb). */
export function plusMaanden(datum: string, n: number): string {
  const [maand, dag] = datum.slice(-5).split('-').map(Number) as [number, number];
  const doel = new Date(utcDag(jaarVan(datum), maand + n, 1));
  const laatste = new Date(utcDag(doel.getUTCFullYear(), doel.getUTCMonth() + 2, 0)).getUTCDate();
  doel.setUTCDate(Math.min(dag, laatste));
  return naarDatum(doel.getTime());
}
