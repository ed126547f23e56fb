import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbindApi } from '../api/verbinding';
import { leesConfig } from '../common/config';
import { amsterdamDatum, plusDagen } from '../common/kalender';
import { STORING } from '../common/searchAttributes';
import { TASK_QUEUE } from '../common/taskQueues';
import * as berichten from '../workflows/messages';
import { schuldhulpTraject } from '../workflows/schuldhulpTraject';
import { adaptersUitConfig } from '../workers/adapters';
import { testDataConverter } from './helpers/sleutels';
import { uiteindelijk } from './helpers/afwijzing';
import { startApi, type DraaiendeApi } from './helpers/api';
import { DevServerProces } from './helpers/devServerProces';
import { aanmelding, melding, planVanVandaag, planVersie, testBsn, vandaag } from './helpers/invoer';
import { dienstProces, wachtTotGereed } from './helpers/dienstProces';
import type { Kindproces } from './helpers/kindproces';
import { Ontvanger, type Gedrag } from './helpers/ontvanger';
import { opsPoorten } from './helpers/poorten';
import { tijdreisOmgeving } from './helpers/temporal';
import { metWorker } from './helpers/werkers';
import { meldingSleutelBasis, runKenmerk, termijnWorkflowId } from '../common/workflowIds';

const MINUUT_MS = 60_000;
const UUR_MS = 60 * MINUUT_MS;
const DAG_MS = 24 * UUR_MS;
/** One line per part, printed at the end: the figures docs/fault-injection.md quotes. */
const samenvatting: string[] = [];
afterAll(() => {
  console.log(samenvatting.join('\n'));
});

/**
 * Fault injection on real parts: the Temporal CLI dev server and the worker run as child
 * processes that the test kills, the notification and registration systems are HTTP servers on
 * loopback that refuse or hang on command, and cases are driven through the HTTP API. At the end
 * the receivers must hold every expected message exactly once per Idempotency-Key, no case may
 * have failed, and the werkvoorraad must list every open case.
 */
describe('fault injection: worker and dev server crashes, failing receivers', () => {
  const TEAM = 'foutinjectie';
  const vandaagHier = amsterdamDatum(new Date());
  let devServer: DevServerProces;
  let werker: Kindproces;
  let dataDir: string;
  let notificaties: Ontvanger;
  let registraties: Ontvanger;
  let connection: Connection;
  let client: Client;
  let api: DraaiendeApi;
  let basis: string;

  /** Faults injected, per kind, for the summary line. */
  const fouten = { werkerSigkill: 0, devServerCrash: 0, herlevering: 0 };
  /** Cases started, and what each receiver must end up with (Idempotency-Keys). */
  const zaken: string[] = [];
  const verwachteNotificaties = new Set<string>();
  const verwachteRegistraties = new Set<string>();
  /**
   * Both receivers answer 500 while `storing` holds and 401 to any token but `geldigToken`;
   * `houdVast` picks one arrival to hang on.
   */
  let storing = false;
  let geldigToken = 'token-1';
  let houdVast: ((sleutel: string) => boolean) | undefined;
  const gedrag: Gedrag = ({ sleutel, autorisatie }) => {
    if (houdVast?.(sleutel)) {
      houdVast = undefined;
      return 'vasthouden';
    }
    if (autorisatie !== `Bearer ${geldigToken}`) return 401;
    return storing ? 500 : 200;
  };
  const beide = (f: (o: Ontvanger) => number) => f(notificaties) + f(registraties);
  const alAangekomen = async () => {
    await uiteindelijk(async () => {
      expect(notificaties.geaccepteerd()).toEqual(verwachteNotificaties);
      expect(registraties.geaccepteerd()).toEqual(verwachteRegistraties);
    }, 90_000);
  };

  /** A fresh worker process on free ports, pointed at the dev server and the loopback receivers. */
  async function nieuweWerker(token = 'token-1'): Promise<void> {
    const poorten = await opsPoorten();
    werker = dienstProces('workers/main.ts', {
      ...process.env,
      ...poorten,
      TEMPORAL_ADDRESS: devServer.adres,
      NOTIFICATIE_WEBHOOK_URL: `${notificaties.url}/alerts`,
      REGISTRATIE_URL: `${registraties.url}/registraties`,
      ADAPTER_TOKEN: token,
      DATA_DIR: dataDir,
    });
    await wachtTotGereed(werker, poorten.WORKER_OPS_PORT);
  }

  /** A client of the API (the team's teamleider, or an operator): retries a 503 (Temporal unreachable) with the same Idempotency-Key. */
  async function verzoek(
    methode: string,
    pad: string,
    body?: unknown,
    idempotencyKey?: string,
    als: 'medewerker' | 'teamleider' | 'operator' = 'teamleider',
  ) {
    const tot = Date.now() + 90_000;
    for (;;) {
      const antwoord = await fetch(`${basis}${pad}`, {
        method: methode,
        headers: {
          'content-type': 'application/json',
          authorization: await api.issuer.bearer(als, als === 'operator' ? [] : [TEAM]),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (antwoord.status !== 503 || Date.now() > tot) return { status: antwoord.status, body: (await antwoord.json()) as any };
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** A traject registered 9 weeks late: its term and every intake term are overdue at once. */
  async function laatTraject(sleutel: string, bsn: string): Promise<string> {
    const { status, body } = await verzoek(
      'POST',
      '/v1/aanmeldingen',
      {
        aanmeldDatum: plusDagen(vandaagHier, -63),
        buurtteam: TEAM,
        client: { bsn, naam: 'A. de Vries' },
        toestemming: { vastleggen: true, delen: true },
      },
      sleutel,
    );
    expect(status).toBe(201);
    const id = body.id as string;
    zaken.push(id);
    verwachteNotificaties.add(`${termijnWorkflowId(id)}:overschreden`);
    verwachteNotificaties.add(`${id}:intake-niet-gepland`);
    // 9 weeks late, the legal 4-week term has passed as well: the 2-week norm's warning is skipped.
    verwachteNotificaties.add(`${id}:intake-termijn-overschreden`);
    verwachteNotificaties.add(`${id}:zrm-startmeting`);
    verwachteRegistraties.add(`${id}:registratie:1`);
    return id;
  }

  async function nieuweMelding(referentie: string): Promise<string> {
    const { status, body } = await verzoek('POST', '/v1/meldingen', melding(referentie, plusDagen(vandaagHier, -1), { buurtteam: TEAM }));
    expect(status).toBe(201);
    zaken.push(body.id);
    // A household's melding's keys carry its first run, as its id comes back after the retention.
    const eersteRun = (await client.workflow.getHandle(body.id).describe()).raw.workflowExecutionInfo!.firstRunId!;
    verwachteNotificaties.add(`${meldingSleutelBasis(body.id, runKenmerk(eersteRun))}:nieuwe-melding`);
    return body.id as string;
  }

  beforeAll(async () => {
    devServer = await DevServerProces.start();
    dataDir = await mkdtemp(join(tmpdir(), 'schuldhulp-fouten-'));
    notificaties = await Ontvanger.start(gedrag);
    registraties = await Ontvanger.start(gedrag);
    await nieuweWerker();
    connection = await verbindApi({ address: devServer.adres });
    client = new Client({ connection, dataConverter: testDataConverter });
    api = await startApi(client);
    basis = api.basis;
  });

  afterAll(async () => {
    await api?.stop();
    await werker?.stop();
    await connection?.close();
    await devServer?.stop();
    await notificaties?.stop();
    await registraties?.stop();
  });

  let traject1: string;
  let traject2: string;
  let traject3: string;

  it('survives a SIGKILL of the worker while a notification is in flight', async () => {
    // The gateway receives the term alert but the worker dies before it hears the answer.
    houdVast = (sleutel) => sleutel.endsWith('-beschikkingstermijn:overschreden');
    traject1 = await laatTraject('fouten-traject-1', testBsn(1));
    await uiteindelijk(async () => expect(notificaties.aankomsten.some((a) => a.vastgehouden)).toBe(true), 60_000);
    await werker.doodHard();
    fouten.werkerSigkill += 1;
    // The activity times out on the server (30 s) and a new worker retries it with the same key;
    // the last test checks that it arrived and was deduplicated.
    await nieuweWerker();
  });

  it('survives a SIGKILL of the worker while an update is in its hands', async () => {
    // Overdue intake alerts are moot once the intake is held: let them arrive first.
    await uiteindelijk(
      async () =>
        expect([...notificaties.geaccepteerd()].filter((k) => k.startsWith(`${traject1}:intake-`))).toHaveLength(
          [...verwachteNotificaties].filter((k) => k.startsWith(`${traject1}:intake-`)).length,
        ),
      90_000,
    );
    // The new worker takes the case over (planning the intake), so its sticky poll will get the next task.
    const gepland = new Date(Date.now() - 2 * 3600_000).toISOString();
    expect((await verzoek('POST', `/v1/trajecten/${traject1}/intake`, { actie: 'gepland', tijdstip: gepland }, 'fouten-i-1')).status).toBe(
      200,
    );
    verwachteRegistraties.add(`${traject1}:registratie:2`);
    // Its registration reaches the system first: an activity lost with a worker is the test above.
    await uiteindelijk(async () => expect(registraties.geaccepteerd()).toContain(`${traject1}:registratie:2`), 60_000);
    // Frozen, the worker keeps its polls open: the dev server hands it the update's workflow task.
    werker.bevries();
    const gehouden = new Date(Date.now() - 3600_000).toISOString();
    // Held by a medewerker: the teamleider registers the beschikking later (four eyes).
    const antwoord = verzoek(
      'POST',
      `/v1/trajecten/${traject1}/intake`,
      { actie: 'gehouden', tijdstip: gehouden },
      'fouten-i-2',
      'medewerker',
    );
    await uiteindelijk(async () => {
      const { raw } = await client.workflow.getHandle(traject1).describe();
      expect(raw.pendingWorkflowTask?.startedTime).toBeTruthy();
    }, 30_000);
    await werker.doodHard();
    fouten.werkerSigkill += 1;
    await nieuweWerker();
    // The task times out and the update runs on the new worker; the API call still gets its answer.
    const { status, body } = await antwoord;
    expect(status).toBe(200);
    expect(body.intake.gehouden).toBe(gehouden);
    verwachteRegistraties.add(`${traject1}:registratie:3`);
  });

  it('keeps retrying receivers that answer 500 for a while, across a crash and restart of the dev server', async () => {
    storing = true;
    traject2 = await laatTraject('fouten-traject-2', testBsn(2));
    await nieuweMelding('FOUT-1');
    // Crash the cluster while deliveries wait in their retry backoff; the receivers recover after.
    await uiteindelijk(
      async () => expect(notificaties.aankomsten.some((a) => a.body.zaakId === traject2 && a.antwoord === 500)).toBe(true),
      60_000,
    );
    await devServer.herstartNaCrash();
    fouten.devServerCrash += 1;
    storing = false;

    // Cases continue after the restart: updates, a closing, a new case.
    const dag = plusDagen(vandaagHier, -1);
    const plan = planVersie(vandaagHier, plusDagen(vandaagHier, 30));
    expect((await verzoek('POST', `/v1/trajecten/${traject1}/ondersteuningsplan`, plan, 'fouten-p-1', 'medewerker')).status).toBe(200);
    expect(
      (await verzoek('POST', `/v1/trajecten/${traject1}/beschikking`, { datum: dag, besluit: 'toegekend' }, 'fouten-b-1')).status,
    ).toBe(200);
    expect(
      (
        await verzoek(
          'POST',
          `/v1/trajecten/${traject1}/fase`,
          { naar: 'afgesloten', reden: 'schulden opgelost', uitstroom: 'client-stopt' },
          'fouten-f-1',
        )
      ).status,
    ).toBe(200);
    verwachteRegistraties.add(`${traject1}:registratie:4`);
    verwachteRegistraties.add(`${traject1}:registratie:5`);
    const gepland = new Date(Date.now() + DAG_MS).toISOString();
    expect((await verzoek('POST', `/v1/trajecten/${traject2}/intake`, { actie: 'gepland', tijdstip: gepland }, 'fouten-i-3')).status).toBe(
      200,
    );
    verwachteRegistraties.add(`${traject2}:registratie:2`);
    await nieuweMelding('FOUT-2');
  });

  it('records deliveries refused with 401 on the case and delivers them after the token is rotated and the operator asks', async () => {
    // The gateways rotate their token while the worker still sends the old ADAPTER_TOKEN.
    await alAangekomen();
    geldigToken = 'token-2';
    traject3 = await laatTraject('fouten-traject-3', testBsn(3));
    // The refused registration alerts the teamleider, and that alert is refused as well.
    verwachteNotificaties.add(`${traject3}:registratie:1:geweigerd`);
    const geweigerd = [
      `${termijnWorkflowId(traject3)}:overschreden`,
      ...[...verwachteNotificaties].filter((k) => k.startsWith(`${traject3}:`)),
      `${traject3}:registratie:1`,
    ];
    // The case keeps running and shows the refusals: in its status and to operators in the Temporal UI.
    await uiteindelijk(async () => {
      const { status, body } = await verzoek('GET', `/v1/trajecten/${traject3}`);
      expect(status).toBe(200);
      const storingen = [...body.storingen, ...body.termijnStoringen] as { sleutel: string; reden: string }[];
      expect(storingen.map((s) => s.sleutel).sort()).toEqual(geweigerd.sort());
      expect(storingen.every((s) => s.reden.includes('401'))).toBe(true);
    }, 60_000);
    const { typedSearchAttributes } = await client.workflow.getHandle(traject3).describe();
    expect(typedSearchAttributes.get(STORING)).toEqual(['notificatie', 'registratie']);
    // Refused alerts went out through the second channel (here the worker's uitwijk file); a
    // refusal is on record before its alert has gone that way.
    await uiteindelijk(async () => {
      const uitwijk = (await readFile(join(dataDir, 'notificaties-uitwijk.jsonl'), 'utf8')).trim().split('\n');
      expect(uitwijk.map((r) => (JSON.parse(r) as { idempotencyKey: string }).idempotencyKey)).toEqual(
        expect.arrayContaining(geweigerd.filter((k) => !/:registratie:\d+$/.test(k)).map((k) => `${k}:uitwijk`)),
      );
    }, 60_000);

    // Reconfigured: the worker restarts with the new token, and the operator asks to deliver again.
    await werker.stop();
    await nieuweWerker('token-2');
    expect((await verzoek('POST', `/v1/trajecten/${traject3}/herlevering`, {}, 'fouten-h-3', 'operator')).status).toBe(200);
    fouten.herlevering += 1;
    await uiteindelijk(async () => {
      const { body } = await verzoek('GET', `/v1/trajecten/${traject3}`);
      expect([...body.storingen, ...body.termijnStoringen]).toEqual([]);
      expect((await client.workflow.getHandle(traject3).describe()).typedSearchAttributes.get(STORING)).toBeUndefined();
    }, 60_000);
  });

  it('lost nothing: every message arrived once per key, no case failed, the werkvoorraad lists every open case', async () => {
    await alAangekomen();
    // At least once: the alert whose answer the killed worker never heard comes again after the
    // activity's 30 s timeout and a retry, and is dropped. That retry can go to the worker the test
    // after it freezes and kills: then it comes after a second timeout and a longer backoff.
    const vastgehouden = notificaties.aankomsten.find((a) => a.vastgehouden)!.sleutel;
    await uiteindelijk(
      async () =>
        expect(notificaties.aankomsten.filter((a) => a.sleutel === vastgehouden && a.antwoord === 200).length).toBeGreaterThanOrEqual(2),
      150_000,
    );
    // The registration queue keeps each traject's order, retries and crashes notwithstanding.
    for (const traject of [traject1, traject2, traject3]) {
      const volgorde = [...registraties.geaccepteerd()].filter((k) => k.startsWith(`${traject}:`)).map((k) => Number(k.split(':').at(-1)));
      expect(volgorde).toEqual([...volgorde].sort((a, b) => a - b));
    }

    // The closed traject completes once its last registration is acknowledged; the others run on.
    const open = [traject2, traject3, ...zaken.filter((z) => z.startsWith('melding-'))].sort();
    await uiteindelijk(async () => {
      const lopend: string[] = [];
      for (const id of [...zaken, ...zaken.filter((z) => z.startsWith('traject-')).map(termijnWorkflowId)]) {
        const { status } = await client.workflow.getHandle(id).describe();
        expect(['RUNNING', 'COMPLETED'], `${id} is ${status.name}`).toContain(status.name);
        if (status.name === 'RUNNING' && zaken.includes(id)) lopend.push(id);
      }
      expect(lopend.sort()).toEqual(open);
    });
    // Page by page, as the web app reads it (small pages, so the cursor is exercised too).
    await uiteindelijk(async () => {
      const gelijst: string[] = [];
      let cursor: string | undefined;
      for (let pagina = 0; pagina < 10; pagina++) {
        const { status, body } = await verzoek('GET', `/v1/teams/${TEAM}/taken?limiet=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(status).toBe(200);
        gelijst.push(...(body.taken as { zaakId: string }[]).map((t) => t.zaakId));
        cursor = body.volgende;
        if (!cursor) break;
      }
      expect(gelijst.sort()).toEqual(open);
    });

    samenvatting.push(
      `foutinjectie (dev server): ${fouten.werkerSigkill} worker-SIGKILLs, ${fouten.devServerCrash} dev-server-crash, ` +
        `${beide((o) => o.aantal(500))} × 500 en ${beide((o) => o.aantal(401))} × 401 aan de ontvangers (token vernieuwd, ` +
        `${fouten.herlevering} herlevering door de operator); ${zaken.length} zaken, ` +
        `${verwachteNotificaties.size} notificaties en ${verwachteRegistraties.size} registraties elk precies één keer ontvangen ` +
        `(${beide((o) => o.herhalingen())} herhaalde aankomsten ontdubbeld); verloren = 0`,
    );
    // Bounded waits above: the delivery check up to 90 s, the retried alert up to 150 s.
  }, 300_000);
});

/**
 * A registration system down for hours of workflow time. The dev server runs on the wall clock, so
 * this part runs on the Java time-skipping test server, with the same HTTP adapters built from the
 * worker's configuration and a real registration system on loopback that answers 503 while down.
 */
describe('fault injection: a registration system down for hours', () => {
  let env: TestWorkflowEnvironment;
  let registraties: Ontvanger;
  let notificaties: Ontvanger;
  let plat = true;

  beforeAll(async () => {
    env = await tijdreisOmgeving();
    registraties = await Ontvanger.start(() => (plat ? 503 : 200));
    notificaties = await Ontvanger.start();
  });
  afterAll(async () => {
    await env?.teardown();
    await registraties?.stop();
    await notificaties?.stop();
  });

  it('queues registrations while the system is down for 3 hours and delivers each once, in order, when it is back', async () => {
    const adapters = adaptersUitConfig(
      leesConfig({ NOTIFICATIE_WEBHOOK_URL: `${notificaties.url}/alerts`, REGISTRATIE_URL: `${registraties.url}/registraties` }),
    );
    await metWorker(env, adapters, async () => {
      const trajectId = 'traject-registratie-plat';
      const h = await env.client.workflow.start(schuldhulpTraject, {
        taskQueue: TASK_QUEUE,
        workflowId: trajectId,
        args: [aanmelding(trajectId, await vandaag(env))],
      });
      const nu = async (plusMs: number) => new Date((await env.currentTimeMs()) + plusMs).toISOString();
      // The case goes on while nothing reaches the registration system.
      await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gepland', tijdstip: await nu(UUR_MS) }] });
      await env.sleep(3 * UUR_MS);
      await h.executeUpdate(berichten.intakeUpdate, { args: [{ actie: 'gehouden', tijdstip: await nu(-UUR_MS) }] });
      const s = await h.executeUpdate(berichten.faseUpdate, { args: [{ naar: 'stabilisatie' }] });
      expect(s.openstaandeRegistraties).toBe(4);
      expect(registraties.geaccepteerd().size).toBe(0);
      const pogingenTijdensStoring = registraties.aantal(503);
      // Retries went on through the whole outage: the retry interval is capped at 10 minutes.
      expect(pogingenTijdensStoring).toBeGreaterThanOrEqual(3 * 6);

      plat = false;
      // The next attempt comes within the cap; the queue then delivers the rest at once.
      await env.sleep(10 * MINUUT_MS);
      await uiteindelijk(async () => expect((await h.query(berichten.trajectStatusQuery)).openstaandeRegistraties).toBe(0), 60_000);
      await h.executeUpdate(berichten.ondersteuningsplanUpdate, { args: [await planVanVandaag(env)] });
      await h.executeUpdate(berichten.beschikkingUpdate, { args: [{ datum: await vandaag(env), besluit: 'toegekend' }] });
      await h.executeUpdate(berichten.faseUpdate, {
        args: [{ naar: 'afgesloten', reden: 'schulden opgelost', uitstroom: 'client-stopt' }],
      });
      expect((await h.result()).fase).toBe('afgesloten');
      expect((await env.client.workflow.getHandle(termijnWorkflowId(trajectId)).result()).uitkomst).toBe('afgegeven');

      const verwacht = [1, 2, 3, 4, 5, 6].map((n) => `${trajectId}:registratie:${n}`);
      expect([...registraties.geaccepteerd()]).toEqual(verwacht); // each once, in order
      expect(registraties.aankomsten.filter((a) => a.antwoord === 200).map((a) => a.sleutel)).toEqual(verwacht);
      samenvatting.push(
        `foutinjectie (tijdreis): registratiesysteem 3 uur plat, ${pogingenTijdensStoring} pogingen geweigerd; ` +
          `${verwacht.length} registraties elk precies één keer, in volgorde; zaak afgesloten, verloren = 0`,
      );
    });
  });
});
