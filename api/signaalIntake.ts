import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { meldingMemo } from '../common/memo';
import type { Melding } from '../common/schemas';
import { TASK_QUEUE } from '../common/taskQueues';
import { herhaalmeldingUpdate, huishoudSignaalUpdate, signaalAanmeldenUpdate, signaalBekendQuery } from '../workflows/messages';
import { huishoudslot } from '../workflows/huishoudslot';
import { vroegEropaf } from '../workflows/vroegEropaf';
import type { Herhaalmelding, HuishoudToewijzing, MeldingToewijzing, SignaalOntvangst, VroegEropafInput } from '../workflows/types';
import { HttpFout } from './fouten';
import { huishoudSleutel, meldingSleutel } from './sleutels';
import { huishoudmeldingId, huishoudslotId } from '../common/workflowIds';

/**
 * A signal meets a closed melding only when that melding closed between the lock's answer and the
 * signal; each further round needs yet another melding to open and close meanwhile. Past this
 * many rounds the request fails (503) rather than answer without recording the signal.
 */
const RONDEN = 5;

export interface SignaalAntwoord extends Partial<SignaalOntvangst> {
  id: string;
  bestaand: boolean;
}

/** The signal as the open melding takes it in: the melding without person, team and regievoerder. */
export function signaalVan({
  client: _c,
  buurtteam: _b,
  regievoerder: _r,
  ...signaal
}: Melding): Herhaalmelding & Pick<Melding, 'schuldeiser' | 'referentie'> {
  return signaal;
}

/**
 * The melding id of a signal: a keyed hash (PERSOON_SLEUTEL, as for BSN and address) of its
 * creditor, referentie and content, without person or team. The same signal again (a retried
 * POST) has the same id and so finds its case; a new signal of the creditor (another kind, another
 * amount or date) has an id of its own, and opens a melding of its own once the household's
 * melding closed (recidive), with its own notification keys.
 */
export function meldingIdVoor(geheim: Buffer, m: Melding): string {
  return `melding-${meldingSleutel(geheim, signaalVan(m))}`;
}

/** Another team's case takes no signal and is not given away. */
export function zaakVanAnderTeam(): HttpFout {
  return new HttpFout(409, 'deze zaak is al bij een ander buurtteam geregistreerd');
}

/**
 * Brings a creditor's signal to its household's open melding, or opens the household's melding.
 * The household's melding has the household's id (a keyed hash of the address): a signal is one
 * update-with-start on it, so signals of several creditors that arrive together meet in one case
 * and no lock has to be told anything. The melding itself answers: the signal that started it
 * (also a retry), a further signal taken in, another team's case (409), or closed. A closed
 * household's melding stays under that id for the namespace's retention; the household's next
 * melding (recidive) goes through the household's lock (`viaSlot`), which is rare and keeps the
 * shape of the meldingen opened before this one. While that lock runs its melding is the open one.
 */
export async function meldSignaal(
  client: Client,
  geheim: Buffer,
  invoer: VroegEropafInput,
  magBijdragen: (meldingId: string) => Promise<void>,
): Promise<SignaalAntwoord> {
  const huishouden = huishoudSleutel(geheim, invoer.client.adres);
  const eigen = huishoudmeldingId(huishouden);
  if (!(await slotLoopt(client, huishoudslotId(huishouden)))) {
    const antwoord = await viaHuishoudmelding(client, eigen, invoer);
    if (antwoord) return antwoord;
  } else if (await kentSignaal(client, eigen, invoer)) {
    return { id: eigen, bestaand: true, bijgewerkt: false };
  }
  return viaSlot(client, huishouden, invoer, magBijdragen);
}

/** What a call on a workflow that is not there (never started, or removed by the retention) stands for. */
function zonderWorkflow<T>(belofte: Promise<T>, anders: T): Promise<T> {
  return belofte.catch((f: unknown) => {
    if (f instanceof WorkflowNotFoundError) return anders;
    throw f;
  });
}

async function slotLoopt(client: Client, slotId: string): Promise<boolean> {
  const status = await zonderWorkflow(
    client.workflow
      .getHandle(slotId)
      .describe()
      .then((d) => d.status.name),
    undefined,
  );
  return status === 'RUNNING';
}

/** Whether the household's melding (closed, or removed by the retention) took this team's signal: a retried request. */
async function kentSignaal(client: Client, meldingId: string, invoer: VroegEropafInput): Promise<boolean> {
  return zonderWorkflow(client.workflow.getHandle(meldingId).query(signaalBekendQuery, invoer.meldingId, invoer.buurtteam), false);
}

/** The signal to the household's melding, started with it when none runs; undefined when it is closed. */
async function viaHuishoudmelding(client: Client, meldingId: string, invoer: VroegEropafInput): Promise<SignaalAntwoord | undefined> {
  const sleutel = invoer.meldingId;
  let toewijzing: HuishoudToewijzing;
  try {
    toewijzing = await client.workflow.executeUpdateWithStart(huishoudSignaalUpdate, {
      // No update id of the signal's own: the melding knows its signals' keys, and answers a retry
      // as the same signal again (200), also after continue-as-new.
      args: [{ sleutel, buurtteam: invoer.buurtteam, signaal: signaalVan(invoer) }],
      startWorkflowOperation: new WithStartWorkflowOperation(vroegEropaf, {
        workflowId: meldingId,
        taskQueue: TASK_QUEUE,
        args: [{ ...invoer, meldingId, huishoudmelding: { signaalSleutel: sleutel } }],
        memo: meldingMemo(invoer),
        workflowIdConflictPolicy: 'USE_EXISTING',
        // Closed, it stays closed: the next melding is the lock's, until the retention removes this one.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });
  } catch (fout) {
    if (!(fout instanceof WorkflowExecutionAlreadyStartedError)) throw fout;
    return (await kentSignaal(client, meldingId, invoer)) ? { id: meldingId, bestaand: true, bijgewerkt: false } : undefined;
  }
  if ('anderTeam' in toewijzing) throw zaakVanAnderTeam();
  if ('gesloten' in toewijzing) return undefined;
  const { meldingId: id, nieuw, ...ontvangst } = toewijzing;
  return nieuw ? { id, bestaand: false } : { id, bestaand: true, ...ontvangst };
}

/**
 * The household's lock (update-with-start on an id derived from the address) decides atomically
 * which melding takes the signal, and starts one under the signal's own id when none is open.
 * `magBijdragen` checks the open melding the lock names (another team's case is refused) before
 * the signal is passed to it. A melding that closed between the lock's answer and the signal
 * answers `gesloten`; the signal goes back to the lock saying so, and the lock, whose state
 * decides, forgets that melding and starts a new one in the same update (see huishoudslot.ts).
 */
async function viaSlot(
  client: Client,
  huishouden: string,
  invoer: VroegEropafInput,
  magBijdragen: (meldingId: string) => Promise<void>,
): Promise<SignaalAntwoord> {
  const { meldingId } = invoer;
  let gesloten: string | undefined;
  for (let ronde = 1; ronde <= RONDEN; ronde++) {
    const toewijzing: MeldingToewijzing = await client.workflow.executeUpdateWithStart(signaalAanmeldenUpdate, {
      args: [{ meldingId, invoer, memo: meldingMemo(invoer), ...(gesloten ? { gesloten } : {}) }],
      startWorkflowOperation: new WithStartWorkflowOperation(huishoudslot, {
        workflowId: huishoudslotId(huishouden),
        taskQueue: TASK_QUEUE,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    if (toewijzing.nieuw) return { id: meldingId, bestaand: false };
    await magBijdragen(toewijzing.meldingId);
    // This very signal started that melding (a retry, also after it closed): its case, unchanged.
    if (toewijzing.meldingId === meldingId) return { id: meldingId, bestaand: true, bijgewerkt: false };
    const ontvangst = await zonderWorkflow<SignaalOntvangst>(
      client.workflow
        .getHandle(toewijzing.meldingId)
        // The signal's id as update id: a retried request is answered as the first, not recorded twice.
        .executeUpdate(herhaalmeldingUpdate, { args: [signaalVan(invoer)], updateId: `signaal:${meldingId}` }),
      { bijgewerkt: false, gesloten: true },
    );
    if (!ontvangst.gesloten) return { id: toewijzing.meldingId, bestaand: true, ...ontvangst };
    gesloten = toewijzing.meldingId;
  }
  throw new HttpFout(503, 'het signaal kon niet worden vastgelegd: de meldingen van dit huishouden wisselden te snel; probeer het opnieuw');
}
