/**
 * Prints the instants (one per line, ISO) at which scripts/test.sh runs the workflow tests once
 * more, through TEST_STARTMOMENT: days on which terms and visits behave differently, always the
 * next ones after now, so the suite does not pass only on the weekdays it was written on.
 * - the next Sunday at 10:00: werkdagen terms start after a weekend;
 * - 23:30 on the Saturday before the next switch of summer or winter time: a day that is 23 or
 *   25 hours long, and Amsterdam's midnight close;
 * - 17:30 on the next 24 December: Christmas and New Year lengthen every term that follows.
 */
import { amsterdamDatum, amsterdamMiddernacht, amsterdamOffsetMinuten, eindeVanDag, plusDagen, weekdag } from '../common/kalender';

const UUR_MS = 3600_000;

/** The first date from `datum` on (inclusive) for which `past` holds. */
function eersteVanaf(datum: string, past: (d: string) => boolean): string {
  let d = datum;
  while (!past(d)) d = plusDagen(d, 1);
  return d;
}

/** Whether Amsterdam's clocks change during `datum`, by the calendar's own summer-time rule. */
function isOmschakeldag(datum: string): boolean {
  return amsterdamOffsetMinuten(amsterdamMiddernacht(datum)) !== amsterdamOffsetMinuten(eindeVanDag(datum));
}

const morgen = plusDagen(amsterdamDatum(new Date()), 1);
const momenten = [
  new Date(amsterdamMiddernacht(eersteVanaf(morgen, (d) => weekdag(d) === 0)).getTime() + 10 * UUR_MS),
  new Date(amsterdamMiddernacht(plusDagen(eersteVanaf(plusDagen(morgen, 1), isOmschakeldag), -1)).getTime() + 23.5 * UUR_MS),
  new Date(amsterdamMiddernacht(eersteVanaf(morgen, (d) => d.slice(5) === '12-24')).getTime() + 17.5 * UUR_MS),
];
for (const moment of momenten) console.log(moment.toISOString());
