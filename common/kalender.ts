/**
 * Calendar arithmetic in Europe/Amsterdam without Intl or Node APIs, so workflows can use it
 * deterministically. Dates are 'YYYY-MM-DD' strings (a local Amsterdam calendar day).
 */

const DAG_MS = 24 * 60 * 60 * 1000;

/** Last Sunday of a month (month 1-12), as a UTC midnight timestamp. */
function laatsteZondag(jaar: number, maand: number): number {
  const laatsteDag = new Date(Date.UTC(jaar, maand, 0));
  return laatsteDag.getTime() - laatsteDag.getUTCDay() * DAG_MS;
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
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMiddernacht(datum: string): number {
  const ms = Date.parse(`${datum}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`ongeldige datum: ${datum}`);
  return ms;
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

/** Easter Sunday (anonymous Gregorian computus). */
function paaszondag(jaar: number): string {
  const a = jaar % 19;
  const b = Math.floor(jaar / 100);
  const c = jaar % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const maand = Math.floor((h + l - 7 * m + 114) / 31);
  const dag = ((h + l - 7 * m + 114) % 31) + 1;
  return `${jaar}-${String(maand).padStart(2, '0')}-${String(dag).padStart(2, '0')}`;
}

/** Public holidays that stop a term running, as in the Algemene termijnenwet (Goede Vrijdag is not one). */
export function feestdagen(jaar: number): Set<string> {
  const pasen = paaszondag(jaar);
  const koningsdag = `${jaar}-04-27`;
  return new Set([
    `${jaar}-01-01`,
    pasen,
    plusDagen(pasen, 1),
    weekdag(koningsdag) === 0 ? `${jaar}-04-26` : koningsdag,
    `${jaar}-05-05`,
    plusDagen(pasen, 39),
    plusDagen(pasen, 49),
    plusDagen(pasen, 50),
    `${jaar}-12-25`,
    `${jaar}-12-26`,
  ]);
}

export function isWerkdag(datum: string): boolean {
  const dag = weekdag(datum);
  return dag !== 0 && dag !== 6 && !feestdagen(Number(datum.slice(0, 4))).has(datum);
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
  const [jaar, maand, dag] = datum.split('-').map(Number) as [number, number, number];
  const doel = new Date(Date.UTC(jaar, maand - 1 + n, 1));
  const laatste = new Date(Date.UTC(doel.getUTCFullYear(), doel.getUTCMonth() + 1, 0)).getUTCDate();
  doel.setUTCDate(Math.min(dag, laatste));
  return naarDatum(doel.getTime());
}
