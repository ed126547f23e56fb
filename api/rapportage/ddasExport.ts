import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import {
  DDAS_SIGNAALSTATUSSEN,
  SIGNAALPARTNER,
  type DdasAfzender,
  type DdasContactsoort,
  type DdasDagdeel,
  type DdasEindresultaat,
  type DdasSignaalpartner,
  type DdasSignaalstatus,
} from '../../common/ddas';
import { metParallel } from '../../common/metParallel';
import { BUURTTEAM } from '../../common/searchAttributes';
import type { Melding } from '../../common/schemas';
import { meldingStatusQuery } from '../../workflows/messages';
import type { Contactpoging, MeldingStatus, VroegEropafInput } from '../../workflows/types';
import { eindresultaatVanStatus } from './meldingKengetallen';
import { meldingenInPeriode, type Periode } from './rapportageBron';

interface Vroegsignaal {
  ID: string;
  crisissignaal: boolean;
  warmeOverdracht: boolean;
  bedrag: number;
  signaaldatum: string;
  status?: DdasSignaalstatus;
  signaalpartner: { type: DdasSignaalpartner };
  client: Record<string, string>;
}

interface Vroegsignaalzaak {
  resultaat?: DdasEindresultaat;
  datum_opgepakt?: string;
  vroegsignalen: { ID: string }[];
  contactpogingen: { soort: DdasContactsoort; bereikt: boolean; datum: string; dagdeel: DdasDagdeel }[];
}

/** The DDAS uitwisselmodel v0.9: one levering (this gemeente) over one period. */
export interface DdasUitwisselmodel {
  codeGegevensleverancier: string;
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  leveringen: {
    teller: number;
    gemeentecode: string;
    aanleverende_organisatie: { naam: string; 'kvk-nummer'?: string };
    vroegsignalen: Vroegsignaal[];
    vroegsignaalzaken: Vroegsignaalzaak[];
  }[];
}

/** Calls to Temporal at a time; a closed melding's query replays its history on a worker. */
const GELIJKTIJDIG = 8;

/**
 * The address as DDAS splits it. The melding has no BSN and its name is one free-text field that
 * cannot be split into initials and surname reliably, so the export gives the address only.
 */
function ddasClient(c: Melding['client']): Record<string, string> {
  const [, nummer, toevoeging] = /^(\d+)\s*[-\s]?\s*(.*)$/.exec(c.adres.huisnummer.trim()) ?? [];
  return {
    Straatnaam: c.adres.straat,
    Huisnummer: nummer ?? c.adres.huisnummer,
    ...(toevoeging ? { Huisnummertoevoeging: toevoeging } : {}),
    Postcode: c.adres.postcode.replace(/\s/g, ''),
    Plaatsnaam: 'Amsterdam',
  };
}

/**
 * The melding as it came in, from the first event of its latest run (a continued run carries the
 * melding as its input too): the client's address is in no query of a closed melding, by design.
 */
async function meldingInvoer(client: Client, workflowId: string): Promise<VroegEropafInput> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId },
    maximumPageSize: 1,
  });
  const payloads = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  return decodeFromPayloadsAtIndex<VroegEropafInput>(client.options.loadedDataConverter, 0, payloads);
}

/** DDAS names of the contact kinds and dagdelen teams record. */
const CONTACTSOORT: Record<Contactpoging['soort'], DdasContactsoort> = {
  huisbezoek: 'Huisbezoek',
  telefoon: 'Telefoon',
  brief: 'Brief',
  'e-mail': 'Mail',
};
const DAGDEEL: Record<Contactpoging['dagdeel'], DdasDagdeel> = { ochtend: 'Ochtend', middag: 'Middag', avond: 'Avond' };

function signalenEnZaak(invoer: VroegEropafInput, s: MeldingStatus, open: boolean): { signalen: Vroegsignaal[]; zaak: Vroegsignaalzaak } {
  const resultaat = open ? undefined : eindresultaatVanStatus(s);
  const contactpogingen = [...s.contactpogingen]
    .sort((a, b) => a.datum.localeCompare(b.datum))
    .map((p) => ({ soort: CONTACTSOORT[p.soort], bereikt: p.bereikt, datum: p.datum, dagdeel: DAGDEEL[p.dagdeel] }));
  // What became of the signals the case took up: a "niet opgepakt" end result, or not yet tried.
  const zaakStatus: DdasSignaalstatus | undefined = (DDAS_SIGNAALSTATUSSEN as readonly string[]).includes(resultaat ?? '')
    ? (resultaat as DdasSignaalstatus)
    : contactpogingen.length === 0 && open
      ? 'Nog niet opgepakt'
      : undefined;
  const signalen = s.signalen.map((signaal): Vroegsignaal => ({
    ID: signaal.signaalId,
    crisissignaal: signaal.crisis,
    warmeOverdracht: false,
    bedrag: Math.round(signaal.achterstand.bedragCent / 100),
    signaaldatum: signaal.meldDatum,
    ...(!signaal.opgepakt ? { status: 'Niet opgepakt: herhaalde melding' as const } : zaakStatus ? { status: zaakStatus } : {}),
    signaalpartner: { type: SIGNAALPARTNER[signaal.schuldeiser.type] },
    client: ddasClient(invoer.client),
  }));
  return {
    signalen,
    zaak: {
      ...(resultaat ? { resultaat } : {}),
      ...(contactpogingen[0] ? { datum_opgepakt: contactpogingen[0].datum } : {}),
      vroegsignalen: signalen.map(({ ID }) => ({ ID })),
      contactpogingen,
    },
  };
}

/**
 * The period's meldingen of the gemeente (or one team) in the DDAS uitwisselmodel, for the CBS
 * delivery. It carries personal data by design: its callers must restrict and protocol it, and it
 * must never be logged. Only cases whose history the namespace still retains can be delivered.
 */
export async function ddasExport(
  client: Client,
  afzender: DdasAfzender,
  p: Periode,
  team?: string,
  nu = new Date(),
): Promise<{ model: DdasUitwisselmodel; zaken: { zaakId: string; buurtteam?: string }[] }> {
  const zaken: WorkflowExecutionInfo[] = await meldingenInPeriode(client, team, p);
  zaken.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  const delen: ReturnType<typeof signalenEnZaak>[] = new Array(zaken.length);
  await metParallel(zaken.length, GELIJKTIJDIG, async (i) => {
    const wf = zaken[i]!;
    const [invoer, status] = await Promise.all([
      meldingInvoer(client, wf.workflowId),
      client.workflow.getHandle(wf.workflowId).query(meldingStatusQuery),
    ]);
    delen[i] = signalenEnZaak(invoer, status, wf.status.name === 'RUNNING');
  });
  return {
    zaken: zaken.map((z) => ({ zaakId: z.workflowId, buurtteam: z.typedSearchAttributes.get(BUURTTEAM) })),
    model: {
      codeGegevensleverancier: afzender.leverancierscode,
      startdatumLevering: p.van,
      einddatumLevering: p.tot,
      aanleverdatumEnTijd: nu.toISOString(),
      leveringen: [
        {
          teller: 1,
          gemeentecode: afzender.gemeentecode,
          aanleverende_organisatie: { naam: afzender.organisatie, ...(afzender.kvkNummer ? { 'kvk-nummer': afzender.kvkNummer } : {}) },
          vroegsignalen: delen.flatMap((d) => d.signalen),
          vroegsignaalzaken: delen.map((d) => d.zaak),
        },
      ],
    },
  };
}
