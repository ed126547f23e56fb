/**
 * Records workflow histories for the replay tests: `npx tsx test/histories/record.ts [scenario…]`
 * (all scenarios without arguments; name the new one to leave the stored files untouched).
 * Run it when adding a scenario, never to "fix" a failing replay test: a replay failure means
 * the workflow change needs patched() for cases already running in production.
 * Stored histories are decrypted (the test keyring lives only for this run) and carry stand-ins
 * instead of personal data.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { amsterdamMiddernacht, isWerkdag, plusDagen, werkdagenNa } from '../../common/kalender';
import type { Melding } from '../../common/schemas';
import { TASK_QUEUE } from '../../common/taskQueues';
import * as berichten from '../../workflows/messages';
import { schuldhulpTraject } from '../../workflows/schuldhulpTraject';
import { meldingIdVoor, meldSignaal, signaalVan } from '../../api/signaalIntake';
import { huishoudslot } from '../../workflows/huishoudslot';
import { informatieAdvies } from '../../workflows/informatieAdvies';
import { minimaatwerkbudget } from '../../workflows/minimaatwerkbudget';
import { klachtenregistratie } from '../../workflows/klachtenregistratie';
import { klachtenWorkflowId, laatsteRegistratiedag } from '../../common/klachten';
import { persoonsslot } from '../../workflows/persoonsslot';
import { budgetWorkflowId, MINIMAATWERK_HUISHOUDEN_CENT, MINIMAATWERK_TEAM_JAAR_CENT } from '../../common/minimaatwerk';
import type { TrajectInput } from '../../workflows/types';
import { vroegEropaf } from '../../workflows/vroegEropaf';
import { AesGcmCodec } from '../../common/versleuteling';
import { opnemendeAdapters } from '../helpers/fakes';
import { anonimiseer, ontsleutel } from '../helpers/persoonsgegevens';
import { testSleutelring } from '../helpers/sleutels';
import { aanmelding, advies, GELDIG_BSN, melding, planVersie, vandaag } from '../helpers/invoer';
import { devServerOmgeving, tijdreisOmgeving } from '../helpers/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../common/dataConverter';
import { meldViaSlot } from '../helpers/huishoudslot';
import { besteedViaBudget } from '../helpers/minimaatwerk';
import { patchSporen } from '../helpers/patchSporen';
import { metWorker } from '../helpers/werkers';
import { huishoudslotId, persoonsslotId, termijnWorkflowId } from '../../common/workflowIds';

const DAG_MS = 24 * 3600 * 1000;
/** The dev server suggests continue-as-new from this history length on (its default is 4K events). */
const DOORSTARTEN_NA = 40;
/** Every scenario's receivers; a scenario may make one refuse for a while. */
const adapters = opnemendeAdapters();

async function bewaar(naam: string, handle: WorkflowHandle): Promise<void> {
  const history: unknown = JSON.parse(historyToJSON(await handle.fetchHistory()));
  await ontsleutel(history, new AesGcmCodec(testSleutelring));
  await writeFile(join(__dirname, `${naam}.json`), JSON.stringify(anonimiseer(history), null, 2));
  console.log(`opgeslagen: ${naam}.json`);
}

type Scenario = (env: TestWorkflowEnvironment) => Promise<void>;

/** The first scenarios, recorded together: Route 020 with its term child, and two Vroeg Eropaf runs. */
const basis: Scenario = async (env) => {
  // Route 020 from aanmelding to afgesloten, with a late intake alert and the term child.
  const dag = await vandaag(env);
  const traject = await env.client.workflow.start(schuldhulpTraject, {
    taskQueue: TASK_QUEUE,
    workflowId: 'traject-replay',
    args: [aanmelding('traject-replay', dag)],
  });
  await env.sleep(8 * DAG_MS);
  const nu = async (delta = 0) => new Date((await env.currentTimeMs()) + delta).toISOString();
  await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gepland', tijdstip: await nu(DAG_MS) }] });
  await env.sleep(2 * DAG_MS);
  await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nu(-DAG_MS) }] });
  await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
  await traject.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: true }] });
  await traject.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] });
  await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'schuldregeling', route: 'minnelijk' }] });
  await traject.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: true, delen: false, datum: await vandaag(env) }] });
  await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] });
  await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'nazorg afgerond' }] });
  await traject.result();
  await bewaar('schuldhulpTraject-route020', traject);
  await bewaar('beschikkingTermijn-afgegeven', env.client.workflow.getHandle(termijnWorkflowId('traject-replay')));

  // Vroeg Eropaf: a late visit alert, two visits, reached, steps, hand-over.
  let werkdag = plusDagen(await vandaag(env), -1);
  while (!isWerkdag(werkdag)) werkdag = plusDagen(werkdag, -1);
  const om = (uur: number) => new Date(amsterdamMiddernacht(werkdag).getTime() + uur * 3600_000).toISOString();
  const meldingH = await env.client.workflow.start(vroegEropaf, {
    taskQueue: TASK_QUEUE,
    workflowId: 'melding-replay',
    args: [{ ...melding('replay-1', plusDagen(await vandaag(env), -10)), meldingId: 'melding-replay' }],
  });
  await meldingH.executeUpdate(berichten.huisbezoekUpdate, {
    args: [{ tijdstip: om(10), uitkomst: 'niet-thuis', medewerker: 'mdw-1' }],
  });
  await env.sleep(7 * DAG_MS);
  await meldingH.executeUpdate(berichten.huisbezoekUpdate, {
    args: [{ tijdstip: await nu(-3600_000), uitkomst: 'bereikt', medewerker: 'mdw-1' }],
  });
  await meldingH.executeUpdate(berichten.stapUpdate, {
    args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: await vandaag(env) }],
  });
  await meldingH.executeUpdate(berichten.overdrachtUpdate, {
    args: [
      {
        aanmeldDatum: await vandaag(env),
        client: { bsn: GELDIG_BSN, naam: 'B. Bakker' },
        crisis: false,
        toestemming: { vastleggen: true, delen: true },
        waarschuwingWeken: [6, 7],
      },
    ],
  });
  await meldingH.result();
  await bewaar('vroegEropaf-overdracht', meldingH);

  // A long search that continued as new: the stored run starts from the carried-over state.
  const lang = await env.client.workflow.start(vroegEropaf, {
    taskQueue: TASK_QUEUE,
    workflowId: 'melding-replay-lang',
    args: [{ ...melding('replay-2', plusDagen(await vandaag(env), -10)), meldingId: 'melding-replay-lang', maxHistorie: 40 }],
  });
  for (let i = 0; i < 8; i++) {
    await lang.executeUpdate(berichten.huisbezoekUpdate, {
      args: [{ tijdstip: om(9 + i / 10), uitkomst: 'niet-thuis', medewerker: 'mdw-2' }],
    });
  }
  await lang.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
  await lang.result();
  await bewaar('vroegEropaf-doorgestart', lang);
};

/** A household's melding from a first unanswered call to the hand-over: visit, budget talk, traject; until it ends. */
async function bereikEnDraagOver(env: TestWorkflowEnvironment, h: WorkflowHandle, dag: string): Promise<void> {
  await h.executeUpdate(berichten.contactpogingUpdate, { args: [{ soort: 'telefoon', datum: dag, dagdeel: 'middag', bereikt: false }] });
  await env.sleep(5 * DAG_MS);
  await h.executeUpdate(berichten.huisbezoekUpdate, {
    args: [{ tijdstip: await nuIn(env, -3600_000), uitkomst: 'bereikt', medewerker: 'mdw-3' }],
  });
  await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: await vandaag(env) }] });
  await h.executeUpdate(berichten.overdrachtUpdate, {
    args: [
      {
        aanmeldDatum: await vandaag(env),
        client: { bsn: GELDIG_BSN, naam: 'C. Yilmaz' },
        crisis: false,
        toestemming: { vastleggen: true, delen: false },
        waarschuwingWeken: [6, 7],
      },
    ],
  });
  await h.result();
}

/**
 * A household's melding as the API opens it (update-with-start on the household's id): signals of
 * two more creditors, a retried one and another team's join it or are refused, then visit, budget
 * talk and hand-over to the traject whose id carries the melding's run.
 */
const huishoudmelding: Scenario = async (env) => {
  const dag = await vandaag(env);
  const geheim = Buffer.alloc(32, 7);
  const client = { naam: 'C. Yilmaz', adres: { straat: 'Dapperstraat', huisnummer: '40-3', postcode: '1094 KL' } };
  const meld = (m: Melding) => meldSignaal(env.client, geheim, { ...m, meldingId: meldingIdVoor(geheim, m) }, async () => {});
  const eerste = melding('replay-huismelding-1', plusDagen(dag, -3), { client });
  const { id } = await meld(eerste);
  await meld({
    ...melding('replay-huismelding-2', dag, { client }),
    schuldeiser: { type: 'energieleverancier', naam: 'Vattenfall' },
    soort: 'energieafsluiting',
    afsluitDatum: werkdagenNa(dag, 25),
  });
  await meld(eerste);
  await meld({
    ...melding('replay-huismelding-3', dag, { client, buurtteam: 'west' }),
    schuldeiser: { type: 'waternet', naam: 'Waternet' },
  }).catch(() => undefined);
  const h = env.client.workflow.getHandle(id);
  await bereikEnDraagOver(env, h, dag);
  await bewaar('vroegEropaf-huishoudmelding', h);
};

const nuIn = async (env: TestWorkflowEnvironment, delta = 0) => new Date((await env.currentTimeMs()) + delta).toISOString();
const startTraject = async (env: TestWorkflowEnvironment, trajectId: string, extra: Partial<TrajectInput> = {}) =>
  env.client.workflow.start(schuldhulpTraject, {
    taskQueue: TASK_QUEUE,
    workflowId: trajectId,
    args: [aanmelding(trajectId, await vandaag(env), extra)],
  });

/** A household: signals of three creditors, a repeat and a crisis signal join one melding through the household's lock. */
const huishouden =
  (naam: string, meldingId: string, slot: string): Scenario =>
  async (env) => {
    const dag = await vandaag(env);
    const client = { naam: 'C. Yilmaz', adres: { straat: 'Dapperstraat', huisnummer: '40-2', postcode: '1094 KL' } };
    const eerste = { ...melding('replay-huis-1', plusDagen(dag, -3), { client }), meldingId };
    await meldViaSlot(env.client, slot, eerste);
    const h = env.client.workflow.getHandle(eerste.meldingId);
    const energie: Melding = {
      ...melding('replay-huis-2', dag, { client }),
      schuldeiser: { type: 'energieleverancier', naam: 'Vattenfall' },
      soort: 'energieafsluiting',
      afsluitDatum: werkdagenNa(dag, 25),
    };
    await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [signaalVan(energie)] });
    await h.executeUpdate(berichten.herhaalmeldingUpdate, { args: [signaalVan({ ...eerste, meldDatum: dag })] });
    await h.executeUpdate(berichten.herhaalmeldingUpdate, {
      args: [signaalVan({ ...melding('replay-huis-3', dag, { client }), schuldeiser: { type: 'waternet', naam: 'Waternet' } })],
    });
    await bereikEnDraagOver(env, h, dag);
    await bewaar(naam, h);
  };

/**
 * Consent withdrawn while registrations wait for a registration system that is down: the queue
 * is dropped and the name hidden; consent given again later shares from then on.
 */
const toestemming =
  (naam: string, trajectId: string): Scenario =>
  async (env) => {
    adapters.registratie.storing = 'plat';
    const traject = await startTraject(env, trajectId);
    await traject.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'sociaaljuridisch-advies', actief: true }] });
    await env.sleep(DAG_MS);
    await traject.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: false, delen: false, datum: await vandaag(env) }] });
    adapters.registratie.storing = undefined;
    await env.sleep(DAG_MS);
    await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -3600_000) }] });
    await traject.executeUpdate(berichten.toestemmingUpdate, { args: [{ vastleggen: true, delen: true, datum: await vandaag(env) }] });
    await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'doorverwezen' }] });
    await traject.result();
    await bewaar(naam, traject);
  };

/** An aanmelding through the person's lock, as the API sends it (update-with-start). */
const vraagAanViaSlot = async (env: TestWorkflowEnvironment, persoon: string, trajectId: string, extra: Partial<TrajectInput> = {}) =>
  env.client.workflow.executeUpdateWithStart(berichten.trajectAanvragenUpdate, {
    args: [{ trajectId, invoer: aanmelding(trajectId, await vandaag(env), extra), memo: {} }],
    startWorkflowOperation: new WithStartWorkflowOperation(persoonsslot, {
      workflowId: persoonsslotId(persoon),
      taskQueue: TASK_QUEUE,
      args: [{}],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });

/** Two aanmeldingen of one person through their lock: one traject, closed, then the lock ends. */
const persoonslotScenario: Scenario = async (env) => {
  const eerste = await vraagAanViaSlot(env, 'replay', 'traject-replay-persoon');
  const tweede = await vraagAanViaSlot(env, 'replay', 'traject-replay-persoon-2');
  if (!eerste.nieuw || tweede.nieuw || tweede.trajectId !== eerste.trajectId)
    throw new Error(`onverwachte toewijzing: ${JSON.stringify([eerste, tweede])}`);
  const traject = env.client.workflow.getHandle(eerste.trajectId);
  await traject.executeUpdate(berichten.faseUpdate, {
    args: [{ naar: 'afgesloten', reden: 'client trekt aanmelding in', uitstroom: 'client-stopt' }],
  });
  await traject.result();
  const slot = env.client.workflow.getHandle(persoonsslotId('replay'));
  await slot.result();
  await bewaar('persoonsslot-aanmelding', slot);
};

/**
 * A person's lock freed by its traject's signal when the traject is afgesloten, while the traject
 * still waits for the registration system (down) to take its close; then the traject ends.
 */
const persoonVrijScenario: Scenario = async (env) => {
  const trajectId = 'traject-replay-persoon-vrij';
  await vraagAanViaSlot(env, 'replay-vrij', trajectId, { toestemming: { vastleggen: true, delen: true } });
  const slot = env.client.workflow.getHandle(persoonsslotId('replay-vrij'));
  const traject = env.client.workflow.getHandle(trajectId);
  while (adapters.registratie.voor(trajectId).length === 0) await new Promise((r) => setTimeout(r, 100));
  adapters.registratie.storing = 'plat';
  await traject.executeUpdate(berichten.faseUpdate, {
    args: [{ naar: 'afgesloten', reden: 'client trekt aanmelding in', uitstroom: 'client-stopt' }],
  });
  await slot.result();
  adapters.registratie.storing = undefined;
  await traject.result();
  await bewaar('persoonsslot-vrijgegeven', slot);
  await bewaar('schuldhulpTraject-persoon-vrij', traject);
};

/** Spends of one team through its year's budget (update-with-start as the API does), a retried spend, and the year's close in February. */
const minimaatwerkScenario: Scenario = async (env) => {
  const dag = await vandaag(env);
  const jaar = Number(dag.slice(0, 4));
  const besteed = (uitgaveId: string, trajectId: string, bedragCent: number) =>
    besteedViaBudget(env.client, 'replay', { uitgaveId, trajectId, bedragCent, datum: dag, door: 'mdw-5' });
  await besteed('uitgave-replay-1', 'traject-replay-budget-1', 12_500);
  await besteed('uitgave-replay-2', 'traject-replay-budget-2', 30_000);
  const budget = env.client.workflow.getHandle(budgetWorkflowId('replay', jaar));
  // A retry under another update id: the spend is recorded once.
  await budget.executeUpdate(berichten.bestedingUpdate, {
    args: [{ uitgaveId: 'uitgave-replay-1', trajectId: 'traject-replay-budget-1', bedragCent: 12_500, datum: dag, door: 'mdw-5' }],
  });
  await env.sleep(amsterdamMiddernacht(`${jaar + 1}-02-02`).getTime() - (await env.currentTimeMs()));
  await budget.result();
  await bewaar('minimaatwerkbudget-jaar', budget);
};

/** Complaints of one team and year (update-with-start as the API does): a retry, settlements before and after the registration period. */
const klachtenScenario: Scenario = async (env) => {
  const dag = await vandaag(env);
  const jaar = Number(dag.slice(0, 4));
  const workflowId = klachtenWorkflowId('replay', jaar);
  const registreer = (klachtId: string, aard: 'bejegening' | 'bereikbaarheid') =>
    env.client.workflow.executeUpdateWithStart(berichten.klachtUpdate, {
      args: [{ klachtId, aard, ontvangen: dag, door: 'tl-5' }],
      startWorkflowOperation: new WithStartWorkflowOperation(klachtenregistratie, {
        workflowId,
        taskQueue: TASK_QUEUE,
        args: [{ buurtteam: 'replay', jaar }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
  await registreer(`${jaar}-aaaaaaaa`, 'bejegening');
  await registreer(`${jaar}-bbbbbbbb`, 'bereikbaarheid');
  // A retry under another update id: registered once.
  await registreer(`${jaar}-aaaaaaaa`, 'bejegening');
  const h = env.client.workflow.getHandle(workflowId);
  await h.executeUpdate(berichten.klachtAfdoeningUpdate, {
    args: [{ klachtId: `${jaar}-aaaaaaaa`, wijze: 'opgelost-in-gesprek', datum: dag, door: 'tl-5' }],
  });
  await env.sleep(amsterdamMiddernacht(plusDagen(laatsteRegistratiedag(jaar), 2)).getTime() - (await env.currentTimeMs()));
  // The year waits for its last complaint to be settled.
  await h.executeUpdate(berichten.klachtAfdoeningUpdate, {
    args: [
      { klachtId: `${jaar}-bbbbbbbb`, wijze: 'doorverwezen-klachtenregeling-sociaal-domein', datum: await vandaag(env), door: 'tl-5' },
    ],
  });
  await h.result();
  await bewaar('klachtenregistratie-jaar', h);
};

/**
 * A hand-over that an aanmelding for the same person beat by a moment: the aanmelding's update
 * reached the person's lock before the lock's first task, so the melding hears of that traject,
 * refuses the hand-over (TrajectBestaat, patch 'overdracht-aan-lopend-traject') and stays open
 * until the team closes it. Tried until the aanmelding wins (timing decides).
 */
const overdrachtGeweigerd: Scenario = async (env) => {
  const dag = await vandaag(env);
  for (let poging = 1; poging <= 50; poging++) {
    const meldingId = `melding-replay-geweigerd-${poging}`;
    const h = await env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding(`replay-geweigerd-${poging}`, dag), meldingId }],
    });
    await h.executeUpdate(berichten.contactpogingUpdate, { args: [{ soort: 'telefoon', datum: dag, dagdeel: 'middag', bereikt: true }] });
    await h.executeUpdate(berichten.stapUpdate, { args: [{ stap: 'budgetgesprek', status: 'afgerond', datum: dag }] });
    const persoonSleutel = `replay-geweigerd-${poging}`;
    const traject = {
      aanmeldDatum: dag,
      client: { bsn: GELDIG_BSN, naam: 'E. Evers' },
      crisis: false,
      toestemming: { vastleggen: true, delen: false },
      waarschuwingWeken: [6, 7],
    };
    const overdracht = h.executeUpdate(berichten.overdrachtUpdate, { args: [{ ...traject, persoonSleutel }] }).then(
      () => false,
      () => true,
    );
    const slot = env.client.workflow.getHandle(persoonsslotId(persoonSleutel));
    while (
      !(await slot.describe().then(
        () => true,
        () => false,
      ))
    );
    const trajectId = `traject-replay-geweigerd-${poging}`;
    await slot.executeUpdate(berichten.trajectAanvragenUpdate, {
      args: [{ trajectId, invoer: { ...traject, buurtteam: 'nieuw-west', trajectId }, memo: {} }],
    });
    if (!(await overdracht)) continue;
    await env.client.workflow.getHandle(trajectId).executeUpdate(berichten.faseUpdate, {
      args: [{ naar: 'afgesloten', reden: 'doorverwezen' }],
    });
    await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
      args: [{ eindresultaat: 'Inwoner hoeft geen hulp vanuit vroegsignalering' }],
    });
    await h.result();
    return bewaar('vroegEropaf-overdracht-geweigerd', h);
  }
  throw new Error('de aanmelding won de persoon niet in 50 pogingen');
};

/** Informatie en advies: a conversation, advice with a partner, the period's task and alert, then afgerond. */
const adviesScenario: Scenario = async (env) => {
  const dag = await vandaag(env);
  const h = await env.client.workflow.start(informatieAdvies, {
    taskQueue: TASK_QUEUE,
    workflowId: 'advies-replay',
    args: [advies('advies-replay', dag)],
  });
  await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: dag, vorm: 'inloop' }] });
  await h.executeUpdate(berichten.gegevenAdviesUpdate, {
    args: [{ datum: dag, soort: 'betalingsregeling', partner: 'sociaal-raadslieden' }],
  });
  await env.sleep(95 * DAG_MS);
  await h.executeUpdate(berichten.adviesGesprekUpdate, { args: [{ datum: await vandaag(env), vorm: 'telefoon' }] });
  await h.executeUpdate(berichten.adviesAfsluitingUpdate, { args: [{ uitkomst: 'afgerond', datum: await vandaag(env) }] });
  await h.result();
  await bewaar('informatieAdvies-afgerond', h);
};

const scenarios: Record<string, Scenario> = {
  'informatieAdvies-afgerond': adviesScenario,
  basis,
  'persoonsslot-aanmelding': persoonslotScenario,
  'persoonsslot-vrijgegeven': persoonVrijScenario,
  'minimaatwerkbudget-jaar': minimaatwerkScenario,
  'klachtenregistratie-jaar': klachtenScenario,
  'vroegEropaf-huishoudmelding': huishoudmelding,
  'vroegEropaf-huishouden': huishouden('vroegEropaf-huishouden', 'melding-replay-huishouden', 'replay'),
  // The same with the patches bundled (workflows/patches.ts): one marker instead of one per change.
  'vroegEropaf-patchbundel': huishouden('vroegEropaf-patchbundel', 'melding-replay-patchbundel', 'replay-patchbundel'),

  /** A crisis aanmelding (first conversation late), and a crisis declared during the intake. */
  'schuldhulpTraject-crisis': async (env) => {
    const crisis = await startTraject(env, 'traject-replay-crisis', { crisis: true });
    await env.sleep(6 * DAG_MS);
    await crisis.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -DAG_MS) }] });
    await crisis.executeUpdate(berichten.crisisinterventieUpdate, { args: [{ actief: false }] });
    await crisis.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
    await crisis.executeUpdate(berichten.faseUpdate, {
      args: [{ naar: 'afgesloten', reden: 'crisis afgewend, client trekt aanmelding in' }],
    });
    await crisis.result();
    await bewaar('schuldhulpTraject-crisis', crisis);

    const later = await startTraject(env, 'traject-replay-crisis-later');
    await env.sleep(DAG_MS);
    await later.executeUpdate(berichten.crisisinterventieUpdate, { args: [{ actief: true }] });
    await env.sleep(6 * DAG_MS);
    await later.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -DAG_MS) }] });
    await later.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'doorverwezen' }] });
    await later.result();
    await bewaar('schuldhulpTraject-crisis-later', later);
  },

  /**
   * Werkkader §2.8.5 and §2.4: a no-show with outreach holds the intake norms, the regie moves warmly
   * to another team (the term child follows), the person is reached at home and the norm counts again.
   */
  'schuldhulpTraject-regie-contactlog': async (env) => {
    const traject = await startTraject(env, 'traject-replay-regie');
    const contact = async (soort: string, uitkomst: string) =>
      traject.executeUpdate(berichten.contactUpdate, { args: [{ soort, uitkomst, tijdstip: await nuIn(env, -3600_000) } as never] });
    await env.sleep(DAG_MS);
    await contact('afspraak', 'niet-verschenen');
    await env.sleep(15 * DAG_MS);
    await contact('telefoon', 'niet-bereikt');
    const vandaagNu = (await nuIn(env)).slice(0, 10);
    await traject.executeUpdate(berichten.regieUpdate, {
      args: [{ regievoerder: 'shv-7', rol: 'schuldhulpverlener', reden: 'verhuizing', buurtteam: 'oost', overdrachtsgesprek: vandaagNu }],
    });
    await env.sleep(14 * DAG_MS);
    await contact('huisbezoek', 'bereikt');
    await env.sleep(8 * DAG_MS);
    await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -3600_000) }] });
    await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'doorverwezen' }] });
    await traject.result();
    await bewaar('schuldhulpTraject-regie-contactlog', traject);
    await bewaar('beschikkingTermijn-teamwissel', env.client.workflow.getHandle(termijnWorkflowId('traject-replay-regie')));
  },

  /**
   * A traject with an ondersteuningsplan (patch 'ondersteuningsplan'): plan before the beschikking,
   * an evaluation late (task and teamleider alert), adjusted, nazorg contact, closed with an uitstroom.
   */
  'schuldhulpTraject-ondersteuningsplan': async (env) => {
    const h = await startTraject(env, 'traject-replay-plan');
    await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -3600_000) }] });
    const dag = await vandaag(env);
    await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(dag, plusDagen(dag, 10))] });
    await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: dag, besluit: 'toegekend' }] });
    await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
    await env.sleep(26 * DAG_MS);
    const evaluatie = await vandaag(env);
    await h.executeUpdate(berichten.evaluatieUpdate, { args: [{ datum: evaluatie, uitkomst: 'bijstellen' }] });
    await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [planVersie(evaluatie, plusDagen(evaluatie, 30), 2)] });
    await h.executeUpdate(berichten.evaluatieUpdate, { args: [{ datum: evaluatie, uitkomst: 'afronden' }] });
    await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'nazorg' }] });
    await h.executeUpdate(berichten.nazorgContactUpdate, { args: [{ datum: evaluatie, soort: 'telefoon' }] });
    await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'schuldenrust', uitstroom: 'doelen-bereikt' }] });
    await h.result();
    await bewaar('schuldhulpTraject-ondersteuningsplan', h);
  },

  'vroegEropaf-overdracht-geweigerd': overdrachtGeweigerd,

  /**
   * A referral to budgetbeheer, then weeks without news, recorded before patch
   * 'inkomensbeheer-als-verwijzing' (which also keeps it as a verwijzing and reminds when it has no outcome).
   */
  'schuldhulpTraject-inkomensbeheer': async (env) => {
    const traject = await startTraject(env, 'traject-replay-inkomensbeheer');
    await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -3600_000) }] });
    await traject.executeUpdate(berichten.inkomensbeheerUpdate, { args: [{ vorm: 'budgetbeheer', datum: await vandaag(env) }] });
    await env.sleep(10 * 7 * DAG_MS);
    await traject.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'afgesloten', reden: 'doorverwezen' }] });
    await traject.result();
    await bewaar('schuldhulpTraject-inkomensbeheer', traject);
  },
  'schuldhulpTraject-toestemming': toestemming('schuldhulpTraject-toestemming', 'traject-replay-toestemming'),
  'schuldhulpTraject-patchbundel': toestemming('schuldhulpTraject-patchbundel', 'traject-replay-patchbundel'),

  /**
   * A melding nobody visited, past its closing term. The stored file was recorded with the code
   * before 'melding-sluit-na-bezoekregel' (commit 971bf7c), which closed it there as verlopen; today's
   * code escalates instead and waits, so this scenario then closes it as the teamleider would.
   */
  'vroegEropaf-verlopen-onbezocht': async (env) => {
    const meldingId = 'melding-replay-onbezocht';
    const h = await env.client.workflow.start(vroegEropaf, {
      taskQueue: TASK_QUEUE,
      workflowId: meldingId,
      args: [{ ...melding('ref-replay-onbezocht', await vandaag(env)), meldingId, sluitNaDagen: 20 }],
    });
    await env.sleep(25 * DAG_MS);
    if ((await h.query(berichten.meldingStatusQuery)).fase === 'bereiken') {
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, {
        args: [{ reden: 'niet-bereikt', besluitReden: 'adres-onbewoond', door: 'tl-0001' }],
      });
    }
    await h.result();
    await bewaar('vroegEropaf-verlopen-onbezocht', h);
  },

  /**
   * The WPI routes (patch melding-wpi-route): a huisuitzetting signal saying the tenant has a
   * Participatiewet uitkering (Geregelde betaling, its crisis alerts to WPI, every step), and a
   * Vroeg Eropaf melding a medewerker re-routes after a late visit alert (ISHV).
   */
  'vroegEropaf-wpi': async (env) => {
    const start = async (meldingId: string, extra: Partial<Melding>) =>
      env.client.workflow.start(vroegEropaf, {
        taskQueue: TASK_QUEUE,
        workflowId: meldingId,
        // Today's date for each: the test server's clock may jump once a melding closes inside an update.
        args: [{ ...melding(`ref-${meldingId}`, await vandaag(env), extra), meldingId }],
      });
    const dag = await vandaag(env);
    const signaal = await start('melding-replay-wpi-signaal', {
      uitkering: 'participatiewet',
      soort: 'huisuitzetting',
      ontruimingsDatum: plusDagen(dag, 30),
    });
    await env.sleep(5 * DAG_MS);
    const stap = (stap: string, extra = {}) =>
      signaal.executeUpdate(berichten.wpiStapUpdate, {
        args: [{ stap, status: 'afgerond', datum: dag, door: 'km-0001', ...extra } as never],
      });
    await stap('toegewezen', { klantmanager: 'km-0001', inkomensconsulent: 'ic-0001' });
    await stap('inhouding-gestart');
    await stap('contact');
    await stap('schuldhulp-gestart');
    await signaal.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'afgerond', door: 'km-0001' }] });
    await signaal.result();
    await bewaar('vroegEropaf-wpi-signaal', signaal);

    const omgeleid = await start('melding-replay-wpi-omgeleid', { schuldeiser: { type: 'zorgverzekeraar', naam: 'Zilveren Kruis' } });
    await env.sleep(5 * DAG_MS);
    await omgeleid.executeUpdate(berichten.huisbezoekUpdate, {
      args: [{ tijdstip: await nuIn(env, -DAG_MS), uitkomst: 'niet-thuis', medewerker: 'mdw-0001' }],
    });
    await omgeleid.executeUpdate(berichten.wpiRouteUpdate, { args: [{ uitkering: 'participatiewet', door: 'mdw-0001' }] });
    await env.sleep(20 * DAG_MS);
    await omgeleid.executeUpdate(berichten.meldingAfsluitingUpdate, {
      args: [{ reden: 'niet-bereikt', door: 'tl-0001' }],
    });
    await omgeleid.result();
    await bewaar('vroegEropaf-wpi-omgeleid', omgeleid);
  },
};

/**
 * A melding that was running when the patches were bundled (workflows/patches.ts): its first tasks
 * ran on the code before (commit 58211ba, one marker per change), the rest on the bundle, which
 * records its own marker at the first check it meets. Needs that commit's workflows:
 * `git worktree add /tmp/oud 58211ba && ln -s "$PWD/node_modules" /tmp/oud/node_modules`, then
 * OUDE_WORKFLOWS=/tmp/oud/workflows.
 */
const gemengd: Scenario = async (env) => {
  const oud = process.env.OUDE_WORKFLOWS;
  if (!oud) throw new Error('OUDE_WORKFLOWS: de workflows van commit 58211ba (zie record.ts)');
  const oudeBundel = await bundleWorkflowCode({
    workflowsPath: join(oud, 'index.ts'),
    workflowInterceptorModules: [join(oud, 'idempotentie.ts')],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  const dag = await vandaag(env);
  const meldingId = 'melding-replay-gemengd';
  const client = { naam: 'S. de Boer', adres: { straat: 'Dapperstraat', huisnummer: '7', postcode: '1094 KL' } };
  const h = env.client.workflow.getHandle(meldingId);
  await metWorker(
    env,
    adapters,
    async () => {
      await meldViaSlot(env.client, 'replay-gemengd', { ...melding('replay-gemengd', dag, { client }), meldingId });
      // Answered once the first tasks (the notification, the timers of the norms) are done.
      await h.executeUpdate(berichten.contactpogingUpdate, {
        args: [{ soort: 'telefoon', datum: dag, dagdeel: 'ochtend', bereikt: false }],
      });
    },
    oudeBundel,
  );
  await metWorker(env, adapters, async () => {
    // Past the visit term and the first escalation: checks the old code never reached in this run.
    await env.sleep(8 * DAG_MS);
    await h.executeUpdate(berichten.huisbezoekUpdate, {
      args: [{ tijdstip: await nuIn(env, -3600_000), uitkomst: 'bereikt', medewerker: 'mdw-4' }],
    });
    await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
    await h.result();
  });
  const { markers } = await patchSporen(h);
  if (!markers.includes('patches-tot-2026-11') || markers[0] === 'patches-tot-2026-11') {
    throw new Error(`geen gemengde geschiedenis: ${markers.join(', ')}`);
  }
  await bewaar('vroegEropaf-gemengd', h);
};

/** Scenarios that start their own worker: what they record depends on work waiting before it runs. */
const scenariosZonderWorker: Record<string, Scenario> = {
  'vroegEropaf-gemengd': gemengd,
  /**
   * Two creditors' signals reach a household's lock before any worker runs, so the lock handles
   * both in its first task: the second meets the claim of the first while its melding starts.
   */
  'huishoudslot-gelijktijdig': async (env) => {
    const dag = await vandaag(env);
    const client = { naam: 'R. de Wit', adres: { straat: 'Dapperstraat', huisnummer: '12', postcode: '1094 KL' } };
    const slot = await env.client.workflow.start(huishoudslot, {
      taskQueue: TASK_QUEUE,
      workflowId: huishoudslotId('replay-gelijktijdig'),
      args: [],
    });
    const aanvraag = (referentie: string, meldingId: string) => ({
      meldingId,
      invoer: { ...melding(referentie, dag, { client }), meldingId },
      memo: {},
    });
    const eerste = slot.executeUpdate(berichten.signaalAanmeldenUpdate, { args: [aanvraag('replay-slot-1', 'melding-replay-slot-1')] });
    await new Promise((r) => setTimeout(r, 500));
    const tweede = slot.executeUpdate(berichten.signaalAanmeldenUpdate, { args: [aanvraag('replay-slot-2', 'melding-replay-slot-2')] });
    await new Promise((r) => setTimeout(r, 1000));
    await metWorker(env, adapters, async () => {
      const [a, b] = await Promise.all([eerste, tweede]);
      if (!a.nieuw || b.nieuw || b.meldingId !== a.meldingId) throw new Error(`onverwachte toewijzing: ${JSON.stringify([a, b])}`);
      const h = env.client.workflow.getHandle(a.meldingId);
      await h.executeUpdate(berichten.meldingAfsluitingUpdate, { args: [{ reden: 'verhuisd' }] });
      await h.result();
      await slot.result();
    });
    await bewaar('huishoudslot-gelijktijdig', slot);
  },
};

/**
 * Scenarios on the real dev server: the time-skipping test server suggests continue-as-new only at
 * its fixed 4K events or 4 MiB of history; the dev server does after DOORSTARTEN_NA events.
 */
const devServerScenarios: Record<string, Scenario> = {
  /** A team's budget that continued as new during its year: the next run carries the spends, and a retried one is still recorded once. */
  'minimaatwerkbudget-doorgestart': async (env) => {
    const dag = await vandaag(env);
    const jaar = Number(dag.slice(0, 4));
    const budget = await env.client.workflow.start(minimaatwerkbudget, {
      taskQueue: TASK_QUEUE,
      workflowId: budgetWorkflowId('replay-doorgestart', jaar),
      args: [
        {
          buurtteam: 'replay-doorgestart',
          jaar,
          teamBudgetCent: MINIMAATWERK_TEAM_JAAR_CENT,
          huishoudenBudgetCent: MINIMAATWERK_HUISHOUDEN_CENT,
        },
      ],
    });
    const besteding = (i: number) => ({
      uitgaveId: `uitgave-replay-${i}`,
      trajectId: `traject-replay-budget-${i % 3}`,
      bedragCent: 1_000,
      datum: dag,
      door: 'mdw-6',
    });
    for (let i = 0; i < 10; i++) await budget.executeUpdate(berichten.bestedingUpdate, { args: [besteding(i)] });
    const eerste = env.client.workflow.getHandle(budget.workflowId, budget.firstExecutionRunId);
    while ((await eerste.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 250));
    await budget.executeUpdate(berichten.bestedingUpdate, { args: [besteding(0)] });
    await budget.executeUpdate(berichten.bestedingUpdate, { args: [besteding(10)] });
    await bewaar('minimaatwerkbudget-doorgestart', eerste);
    // Still open: its year closes in February; replay covers the run as far as it went.
    await bewaar('minimaatwerkbudget-voortgezet', budget);
  },
  /** A traject that continued as new (with its registration queue interrupted) and closed in its next run. */
  'schuldhulpTraject-doorgestart': async (env) => {
    const traject = await startTraject(env, 'traject-replay-doorgestart');
    for (let i = 0; i < 10; i++) {
      await traject.executeUpdate(berichten.flankmoduleUpdate, { args: [{ module: 'budgetcoaching', actief: i % 2 === 0 }] });
    }
    const eerste = env.client.workflow.getHandle(traject.workflowId, traject.firstExecutionRunId);
    // The server suggested continue-as-new during the updates; the run ends once its queue is handed on.
    while ((await eerste.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 250));
    await traject.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nuIn(env, -3600_000) }] });
    await traject.executeUpdate(berichten.faseUpdate, {
      args: [{ naar: 'afgesloten', reden: 'client trekt aanmelding in', uitstroom: 'client-stopt' }],
    });
    await traject.result();
    await bewaar('schuldhulpTraject-doorgestart', eerste);
    await bewaar('schuldhulpTraject-voortgezet', traject);
  },
};

async function neemOp(
  namen: string[],
  uit: Record<string, Scenario>,
  omgeving: () => Promise<TestWorkflowEnvironment>,
  { eigenWorker = false } = {},
): Promise<void> {
  if (namen.length === 0) return;
  const env = await omgeving();
  try {
    const alle = async () => {
      for (const naam of namen) await uit[naam]!(env);
    };
    await (eigenWorker ? alle() : metWorker(env, adapters, alle));
  } finally {
    await env.teardown();
  }
}

async function main(): Promise<void> {
  const alle = { ...scenarios, ...scenariosZonderWorker, ...devServerScenarios };
  const gevraagd = process.argv.slice(2);
  const onbekend = gevraagd.filter((naam) => !(naam in alle));
  if (onbekend.length > 0) throw new Error(`onbekend scenario: ${onbekend.join(', ')}; kies uit ${Object.keys(alle).join(', ')}`);
  const namen = gevraagd.length > 0 ? gevraagd : Object.keys(alle);
  await neemOp(
    namen.filter((n) => n in scenarios),
    scenarios,
    () => tijdreisOmgeving(),
  );
  await neemOp(
    namen.filter((n) => n in scenariosZonderWorker),
    scenariosZonderWorker,
    () => tijdreisOmgeving(),
    { eigenWorker: true },
  );
  await neemOp(
    namen.filter((n) => n in devServerScenarios),
    devServerScenarios,
    () => devServerOmgeving({ doorstartenNa: DOORSTARTEN_NA }),
  );
}

main().catch((fout) => {
  console.error(fout);
  process.exit(1);
});
