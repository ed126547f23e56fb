import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes on every case, used by the werkvoorraad query and by operators filtering in the
 * Temporal UI. Only organisational facts belong here, never personal data (no BSN, name, address).
 * docker-compose.yml registers these from here (workers/namespaceInrichting.ts); test/compose.test.ts
 * checks the list in scripts/lib.sh against them.
 */
export const BUURTTEAM = defineSearchAttributeKey('Buurtteam', SearchAttributeType.KEYWORD);
export const FASE = defineSearchAttributeKey('Fase', SearchAttributeType.KEYWORD);
export const REGIEVOERDER = defineSearchAttributeKey('Regievoerder', SearchAttributeType.KEYWORD);
/** The next hard date in the case: beschikking term for a traject, next huisbezoek for a melding. */
export const TERMIJN_DATUM = defineSearchAttributeKey('TermijnDatum', SearchAttributeType.DATETIME);
/** Open tasks for the team; empty when nobody needs to act. */
export const OPEN_TAAK = defineSearchAttributeKey('OpenTaak', SearchAttributeType.KEYWORD_LIST);

/** When the case last changed its search attributes; the werkvoorraad read model polls on it. */
export const BIJGEWERKT = defineSearchAttributeKey('Bijgewerkt', SearchAttributeType.DATETIME);

/**
 * Operator signal: kinds of delivery (`notificatie`, `registratie`) the receiver refused and the case
 * is retrying; absent when everything was delivered. Filter `Storing IS NOT NULL` in the UI.
 */
export const STORING = defineSearchAttributeKey('Storing', SearchAttributeType.KEYWORD_LIST);

/**
 * Werkvoorraad weight of a melding: 100 for a crisis signal, plus one per further signal taken up
 * (a household with several creditors). Absent means 0; the werkvoorraad shows heavier cases first.
 */
export const PRIORITEIT = defineSearchAttributeKey('Prioriteit', SearchAttributeType.INT);

export const ALL_SEARCH_ATTRIBUTES = [BUURTTEAM, FASE, REGIEVOERDER, TERMIJN_DATUM, OPEN_TAAK, BIJGEWERKT, STORING, PRIORITEIT];
