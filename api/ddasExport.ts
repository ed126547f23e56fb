import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import {
  dagdeelVan,
  DDAS_SIGNAALSTATUSSEN,
  eindresultaatVan,
  SIGNAALPARTNER,
  type DdasAfzender,
  type DdasContactsoort,
  type DdasDagdeel,
  type DdasEindresultaat,
  type DdasSignaalpartner,
  type DdasSignaalstatus,
} from '../common/ddas';
import { amsterdamDatum, amsterdamUur } from '../common/kalender';
import { metParallel } from '../common/metParallel';
import { BUURTTEAM } from '../common/searchAttributes';
import type { Melding } from '../common/schemas';
import { meldingStatusQuery } from '../workflows/messages';
import type { MeldingStatus, VroegEropafInput } from '../workflows/types';
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

function signalenEnZaak(invoer: VroegEropafInput, s: MeldingStatus, open: boolean): { signalen: Vroegsignaal[]; zaak: Vroegsignaalzaak } {
  const resultaat = open ? undefined : eindresultaatVan({ fase: s.fase, reden: s.afsluiting?.reden });
  const contactpogingen = [...s.bezoeken]
    .sort((a, b) => a.tijdstip.localeCompare(b.tijdstip))
    .map((b) => ({
      soort: 'Huisbezoek' as const,
      bereikt: b.uitkomst !== 'niet-thuis',
      datum: amsterdamDatum(new Date(b.tijdstip)),
      dagdeel: dagdeelVan(amsterdamUur(new Date(b.tijdstip))),
    }));
  const status: DdasSignaalstatus | undefined = (DDAS_SIGNAALSTATUSSEN as readonly string[]).includes(resultaat ?? '')
    ? (resultaat as DdasSignaalstatus)
    : contactpogingen.length === 0 && open
      ? 'Nog niet opgepakt'
      : undefined;
  const signaal = (ID: string, bedragCent: number, signaaldatum: string): Vroegsignaal => ({
    ID,
    crisissignaal: false,
    warmeOverdracht: false,
    bedrag: Math.round(bedragCent / 100),
    signaaldatum,
    ...(status ? { status } : {}),
    signaalpartner: { type: SIGNAALPARTNER[invoer.schuldeiser.type] },
    client: ddasClient(invoer.client),
  });
  // Repeats with a higher achterstand were taken up: each is a signal of its own in this case.
  const signalen = [
    signaal(s.meldingId, invoer.achterstand.bedragCent, invoer.meldDatum),
    ...(s.herhaalmeldingen ?? []).map((h, i) => signaal(`${s.meldingId}-herhaling-${i + 1}`, h.achterstand.bedragCent, h.meldDatum)),
  ];
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
