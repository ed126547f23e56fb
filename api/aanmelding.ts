import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ANDER_VERZOEK } from '../common/idempotentie';
import { trajectMemo } from '../common/memo';
import type { Aanmelding } from '../common/schemas';
import type { TermijnStart } from '../common/termijnen';
import { TASK_QUEUE } from '../common/taskQueues';
import { trajectAanvragenUpdate } from '../workflows/messages';
import { persoonsslot } from '../workflows/persoonsslot';
import { HttpFout } from './fouten';
import { idempotentieSleutel, persoonSleutel, verzoekSleutel } from './sleutels';
import { persoonsslotId } from '../common/workflowIds';

/** The person already has an open traject: the caller decides what the user may learn of it. */
export class OpenTrajectElders extends Error {
  constructor(
    readonly trajectId: string,
    /** The traject's team as its person's lock knows it (the traject itself may not have run yet). */
    readonly buurtteam?: string,
  ) {
    super('deze persoon heeft al een open schuldhulptraject');
  }
}

/**
 * The traject's id from the Idempotency-Key, keyed: a client may build its key from a BSN or a
 * case number, and the id shows in the Temporal UI, logs and mail subjects.
 */
export function trajectIdVoor(geheim: Buffer, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return `traject-${randomUUID()}`;
  return `traject-${idempotentieSleutel(geheim, idempotencyKey)}`;
}

/** The id a key gave before ids were keyed: a retry of a request from then finds its open traject. */
function trajectIdVanVoorheen(idempotencyKey: string): string {
  return `traject-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/**
 * Starts a traject for a person without an open one. The traject id comes from the Idempotency-Key
 * (a retry finds its traject, open or closed, and must carry the same body); the person's lock
 * decides atomically whether a traject may start: update-with-start on a workflow id derived from
 * the person (a keyed hash of the BSN), so two concurrent aanmeldingen cannot both succeed.
 */
export async function meldAan(
  client: Client,
  geheim: Buffer,
  aanmelding: Aanmelding,
  idempotencyKey: string | undefined,
  termijnStart: TermijnStart,
  /** When and by whom the consent was recorded; not part of the request, so a retry matches. */
  vastgelegd: { datum: string; door: string },
  {
    vanAdvies,
    evaluatieAlertDagen,
  }: {
    /** A step up from an advies: the traject has the id derived from it (a repeat finds it) and names it. */
    vanAdvies?: { adviesId: string; trajectId: string };
    /** EVALUATIE_ALERT_DAGEN; absent: the workflow's default. */
    evaluatieAlertDagen?: number;
  } = {},
): Promise<{ id: string; bestaand: boolean }> {
  const trajectId = vanAdvies?.trajectId ?? trajectIdVoor(geheim, idempotencyKey);
  const verzoek = verzoekSleutel(geheim, aanmelding);
  const herhaling = (eerderVerzoek: unknown) => {
    if (eerderVerzoek !== verzoek) throw new HttpFout(422, ANDER_VERZOEK);
    return { id: trajectId, bestaand: true };
  };

  /** The request fingerprint in the memo of the traject under this key, if it exists. */
  const bestaandTraject = () =>
    client.workflow
      .getHandle(trajectId)
      .describe()
      .then(
        (b) => ({ verzoek: b.memo?.verzoek }),
        (fout: unknown) => {
          if (fout instanceof WorkflowNotFoundError) return undefined;
          throw fout;
        },
      );

  if (idempotencyKey || vanAdvies) {
    const eerder = await bestaandTraject();
    if (eerder) return herhaling(eerder.verzoek);
  }

  const toewijzing = await client.workflow.executeUpdateWithStart(trajectAanvragenUpdate, {
    args: [
      {
        trajectId,
        invoer: {
          ...aanmelding,
          toestemming: { ...aanmelding.toestemming, ...vastgelegd },
          trajectId,
          termijnStart,
          ...(vanAdvies ? { vanAdvies: vanAdvies.adviesId } : {}),
          ...(evaluatieAlertDagen ? { evaluatieAlertDagen } : {}),
        },
        memo: { ...trajectMemo(aanmelding), ...(vanAdvies ? { vanAdvies: vanAdvies.adviesId } : {}), verzoek },
        verzoek,
      },
    ],
    startWorkflowOperation: new WithStartWorkflowOperation(persoonsslot, {
      workflowId: persoonsslotId(persoonSleutel(geheim, aanmelding.client.bsn)),
      taskQueue: TASK_QUEUE,
      args: [{}],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  if (toewijzing.nieuw) return { id: trajectId, bestaand: false };
  // The same key raced with itself, or its traject closed after the check above.
  if (toewijzing.trajectId === trajectId) return herhaling(toewijzing.verzoek ?? (await bestaandTraject())?.verzoek);
  if (idempotencyKey && toewijzing.trajectId === trajectIdVanVoorheen(idempotencyKey)) {
    if (toewijzing.verzoek !== verzoek) throw new HttpFout(422, ANDER_VERZOEK);
    return { id: toewijzing.trajectId, bestaand: true };
  }
  throw new OpenTrajectElders(toewijzing.trajectId, toewijzing.buurtteam);
}
