/** Dates and times as a Dutch reader expects them, always in Amsterdam time. */
const ZONE = 'Europe/Amsterdam';

export const datumTijd = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(new Date(iso));

export const datum = (isoOfDag: string) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: ZONE }).format(
    new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoOfDag) ? `${isoOfDag}T12:00:00Z` : isoOfDag),
  );

export const bedrag = (cent: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cent / 100);

/** Today in Amsterdam as JJJJ-MM-DD, the default for date fields. */
export const vandaag = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

/** The value of a datetime-local field (Amsterdam wall time) as an ISO instant with offset. */
export function alsTijdstip(lokaal: string): string {
  if (!lokaal) return '';
  const alsUtc = new Date(`${lokaal}:00Z`);
  const inAmsterdam = new Date(alsUtc.toLocaleString('en-US', { timeZone: ZONE }));
  const inUtc = new Date(alsUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  const minuten = Math.round((inAmsterdam.getTime() - inUtc.getTime()) / 60000);
  const teken = minuten >= 0 ? '+' : '-';
  const uu = String(Math.floor(Math.abs(minuten) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minuten) % 60).padStart(2, '0');
  return `${lokaal}:00${teken}${uu}:${mm}`;
}

/** Now in Amsterdam wall time, for a datetime-local field. */
export function nuLokaal(): string {
  const delen = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const d = Object.fromEntries(delen.map((p) => [p.type, p.value]));
  return `${d.year}-${d.month}-${d.day}T${d.hour}:${d.minute}`;
}

/** Slugs as words: "vroeg-eropaf-bereiken" → "vroeg eropaf bereiken". */
export const woorden = (sleutel: string) => sleutel.replace(/-/g, ' ');
