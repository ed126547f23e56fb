import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { isGeldigBsn } from '../../common/bsn';

/** Fields that hold personal data wherever a payload carries them, with their stand-ins. */
const VERVANGINGEN: Record<string, string> = {
  bsn: '[bsn]',
  naam: '[naam]',
  straat: '[straat]',
  huisnummer: '[huisnummer]',
  postcode: '[postcode]',
};
/**
 * `naam` is personal under `client` and at the top of a traject's status (shown while consent to
 * record holds); a schuldeiser's name is a company's.
 */
const persoonlijk = (sleutel: string, ouder: string | undefined) =>
  sleutel in VERVANGINGEN && (sleutel !== 'naam' || ouder === 'client' || ouder === undefined);

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}
const isPayload = (x: unknown): x is JsonPayload =>
  typeof x === 'object' && x !== null && typeof (x as JsonPayload).data === 'string' && typeof (x as JsonPayload).metadata === 'object';
const encoding = (p: JsonPayload) => Buffer.from(p.metadata?.encoding ?? '', 'base64').toString();

/** Visits every payload of a history in proto JSON (historyToJSON, `temporal workflow show -o json`). */
function elkePayload(knoop: unknown, bezoek: (p: JsonPayload) => void): void {
  if (isPayload(knoop)) bezoek(knoop);
  else if (Array.isArray(knoop)) knoop.forEach((k) => elkePayload(k, bezoek));
  else if (typeof knoop === 'object' && knoop !== null) Object.values(knoop).forEach((k) => elkePayload(k, bezoek));
}

function vervang(waarde: unknown, ouder?: string): unknown {
  if (Array.isArray(waarde)) return waarde.map((w) => vervang(w, ouder));
  if (typeof waarde !== 'object' || waarde === null) return waarde;
  return Object.fromEntries(
    Object.entries(waarde).map(([k, v]) => [k, persoonlijk(k, ouder) && typeof v === 'string' ? VERVANGINGEN[k] : vervang(v, k)]),
  );
}

/** Replaces personal values in every JSON payload by stand-ins; events and their order stay as they are. */
export function anonimiseer<T>(history: T): T {
  const kopie = structuredClone(history);
  elkePayload(kopie, (p) => {
    if (encoding(p) !== 'json/plain') return;
    const waarde = JSON.parse(Buffer.from(p.data!, 'base64').toString('utf8'));
    p.data = Buffer.from(JSON.stringify(vervang(waarde))).toString('base64');
  });
  return kopie;
}

/** The bytes of every payload (data and metadata) as text: what a reader without a key can decode. */
function payloadTekst(history: unknown): string {
  const delen: string[] = [];
  elkePayload(history, (p) => {
    delen.push(Buffer.from(p.data ?? '', 'base64').toString('utf8'));
    for (const v of Object.values(p.metadata ?? {})) delen.push(Buffer.from(v, 'base64').toString('utf8'));
  });
  return delen.join('\n');
}

/**
 * Personal data readable in a history without a key: BSNs (nine digits passing the elfproef, on
 * their own: not a run of digits inside a hex id or a run id, one in eleven of which passes too)
 * inside payloads, and the `bekend` values (names, streets, postcodes) anywhere, also in base64.
 */
export function gevondenPersoonsgegevens(history: unknown, bekend: string[]): string[] {
  const payloads = payloadTekst(history);
  const alles = `${JSON.stringify(history)}\n${payloads}`;
  const bsns = [...payloads.matchAll(/(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])/g)].map((m) => m[0]).filter(isGeldigBsn);
  return [...new Set([...bsns, ...bekend.filter((b) => alles.includes(b))])];
}

const alsPayload = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const POSTCODE = /^[1-9]\d{3} ?[A-Z]{2}$/;

/**
 * Where a stored history holds personal data instead of a stand-in: every payload decoded (codec,
 * then payload converter), and in its value every personal field (as `anonimiseer` names them)
 * must hold exactly its stand-in; a BSN or postcode elsewhere counts too. Gives the JSON paths
 * found and how many personal fields held their stand-in.
 */
export async function nietVervangen(history: unknown, codec: PayloadCodec): Promise<{ fouten: string[]; vervangen: number }> {
  const payloads: [string, JsonPayload][] = [];
  const verzamel = (knoop: unknown, pad: string): void => {
    if (isPayload(knoop)) payloads.push([pad, knoop]);
    else if (Array.isArray(knoop)) knoop.forEach((k, i) => verzamel(k, `${pad}[${i}]`));
    else if (typeof knoop === 'object' && knoop !== null) Object.entries(knoop).forEach(([k, v]) => verzamel(v, `${pad}.${k}`));
  };
  verzamel(history, '$');
  const fouten: string[] = [];
  let vervangen = 0;
  const controleer = (waarde: unknown, pad: string, ouder?: string): void => {
    if (Array.isArray(waarde)) return waarde.forEach((w, i) => controleer(w, `${pad}[${i}]`, ouder));
    if (typeof waarde === 'string' && ((/^\d{9}$/.test(waarde) && isGeldigBsn(waarde)) || POSTCODE.test(waarde))) fouten.push(pad);
    if (typeof waarde !== 'object' || waarde === null) return;
    for (const [k, v] of Object.entries(waarde)) {
      if (!persoonlijk(k, ouder)) controleer(v, `${pad}.${k}`, k);
      else if (v === VERVANGINGEN[k]) vervangen++;
      else fouten.push(`${pad}.${k}`);
    }
  };
  for (const [pad, p] of payloads) {
    const [klaar] = await codec.decode([alsPayload(p)]);
    controleer(defaultPayloadConverter.fromPayload(klaar!), pad);
  }
  return { fouten, vervangen };
}

/** Decrypts every payload of a history in place (for storing a recorded run as a replay fixture). */
export async function ontsleutel(history: unknown, codec: PayloadCodec): Promise<void> {
  const versleuteld: JsonPayload[] = [];
  elkePayload(history, (p) => versleuteld.push(p));
  for (const p of versleuteld) {
    const [klaar] = await codec.decode([alsPayload(p)]);
    p.metadata = Object.fromEntries(Object.entries(klaar!.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]));
    p.data = Buffer.from(klaar!.data ?? []).toString('base64');
  }
}
