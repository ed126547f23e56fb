import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDatum } from '../common/kalender';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { uiteindelijk } from './helpers/afwijzing';
import { GELDIG_BSN, melding } from './helpers/invoer';
import { gevondenPersoonsgegevens } from './helpers/persoonsgegevens';
import { testDataConverter, testSleutelringJson } from './helpers/sleutels';
import { opsPoorten, vrijePoort } from './helpers/poorten';
import { devBearer } from './helpers/tokens';

const ROOT = resolve(__dirname, '..');
/** Bounds on a busy machine; the test's own timeout is longer, so that a failure shows the script's output. */
const GEZOND_BINNEN_MS = 120_000;
const MELDING_BINNEN_MS = 90_000;
const OPSTART_TEST_MS = GEZOND_BINNEN_MS + MELDING_BINNEN_MS + 30_000;

/** The README's start command, for real, with its adapters writing to a fresh folder. */
class Dienst {
  readonly proces: ChildProcess;
  private uitvoer = '';
  /** How the script ended; kept, because 'exit' is emitted once, perhaps before anyone waits. */
  readonly gestopt: Promise<{ code: number | null; signaal: NodeJS.Signals | null }>;

  constructor(
    readonly api: string,
    readonly data: string,
    /** The development issuer `npm start` runs without OIDC_ISSUER. */
    readonly issuer: string,
    env: NodeJS.ProcessEnv,
  ) {
    // Development secrets go to the test's own folder, not the checkout's .geheimen/.
    const issuerPoort = new URL(issuer).port;
    this.proces = spawn('bash', [join(ROOT, 'scripts/start.sh')], {
      env: { ...env, DATA_DIR: data, GEHEIMEN_DIR: join(data, 'geheimen'), DEV_ISSUER_PORT: issuerPoort },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proces.stdout!.on('data', (d) => (this.uitvoer += d));
    this.proces.stderr!.on('data', (d) => (this.uitvoer += d));
    this.gestopt = once(this.proces, 'exit').then(([code, signaal]) => ({ code, signaal }));
  }

  /** Fails with the script's output as soon as it stops, instead of waiting out the bound. */
  async gezond(): Promise<unknown> {
    const vroegGestopt = this.gestopt.then(({ code }) => {
      throw new Error(`start.sh stopte (code ${code}) voordat /health antwoordde`);
    });
    return Promise.race([
      uiteindelijk(async () => {
        const antwoord = await fetch(`${this.api}/health`);
        expect(antwoord.status).toBe(200);
        return antwoord.json();
      }, GEZOND_BINNEN_MS),
      vroegGestopt,
    ]).catch((fout) => {
      throw new Error(`start.sh kwam niet op: ${fout}\n${this.uitvoer}`);
    });
  }

  /** Posts a melding and waits until the worker's notification reaches the development file. */
  async verwerktMelding(referentie: string): Promise<{ id: string; notificatie: Record<string, unknown> }> {
    const antwoord = await fetch(`${this.api}/v1/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await devBearer(this.issuer, 'medewerker', ['nieuw-west']) },
      body: JSON.stringify(melding(referentie, amsterdamDatum(new Date()))),
    });
    expect(antwoord.status).toBe(201);
    const { id } = (await antwoord.json()) as { id: string };
    const notificatie = await uiteindelijk(async () => {
      const regels = (await readFile(join(this.data, 'notificaties.jsonl'), 'utf8')).trim().split('\n');
      const gevonden = regels.map((r) => JSON.parse(r)).find((n) => n.zaakId === id);
      expect(gevonden).toBeDefined();
      return gevonden;
      // The worker bundles its workflows at start: on a busy machine it polls a while after the API answers.
    }, MELDING_BINNEN_MS).catch((fout) => {
      throw new Error(`de worker verwerkte de melding niet: ${fout}\n${this.uitvoer}`);
    });
    return { id, notificatie };
  }

  async stop(): Promise<void> {
    this.proces.kill('SIGTERM');
    await this.gestopt;
  }
}

describe('npm start on the embedded dev server', () => {
  let dienst: Dienst;
  let ui: string;
  let temporalPoort: number;

  beforeAll(async () => {
    const [port, uiPort] = [await vrijePoort(), await vrijePoort()];
    temporalPoort = await vrijePoort();
    ui = `http://127.0.0.1:${uiPort}`;
    const data = await mkdtemp(join(tmpdir(), 'schuldhulp-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPoort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_DB: join(data, 'dev.sqlite'),
      ...(await opsPoorten()),
    };
    delete env.TEMPORAL_ADDRESS;
    dienst = new Dienst(`http://127.0.0.1:${port}`, data, `http://127.0.0.1:${await vrijePoort()}`, env);
  });
  afterAll(() => dienst.stop());

  it(
    'brings up the health endpoint, the Web UI and a worker that handles a melding',
    async () => {
      expect(await dienst.gezond()).toEqual({ status: 'ok', temporal: 'bereikbaar' });
      expect((await fetch(ui)).status).toBe(200);
      const { id, notificatie } = await dienst.verwerktMelding('START-1');
      expect(notificatie).toMatchObject({ zaakId: id, soort: 'taak', onderwerp: 'huisbezoek-plannen' });

      // What the Web UI loads without the codec server: ciphertext only (the check in docs/privacy.md).
      const history = await (await fetch(`${ui}/api/v1/namespaces/default/workflows/${id}/history`)).json();
      expect(JSON.stringify(history)).toContain(Buffer.from('binary/encrypted').toString('base64'));
      expect(gevondenPersoonsgegevens(history, [GELDIG_BSN, 'B. Bakker', 'Osdorpplein', '1068 EW'])).toEqual([]);
      // The UI is told to decode through the API's codec server, which wants the generated token.
      const instellingen = (await (await fetch(`${ui}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
      expect(instellingen.Codec.Endpoint).toBe(`${dienst.api.replace('127.0.0.1', 'localhost')}/codec`);
      const zonderToken = await fetch(`${dienst.api}/codec/decode`, { method: 'POST', body: '{"payloads":[]}' });
      expect(zonderToken.status).toBe(401);
      const token = (await readFile(join(dienst.data, 'geheimen', 'codec-token'), 'utf8')).trim();
      const metToken = await fetch(`${dienst.api}/codec/decode`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"payloads":[]}',
      });
      expect(await metToken.json()).toEqual({ payloads: [] });
    },
    OPSTART_TEST_MS,
  );

  it('stops dev server, worker and API together on SIGTERM', async () => {
    expect(dienst.proces.exitCode, 'start.sh liep niet meer').toBe(null);
    dienst.proces.kill('SIGTERM');
    const { code } = await dienst.gestopt;
    expect(code).not.toBe(null);
    await expect(fetch(`${dienst.api}/health`)).rejects.toThrow();
    const verbinding = connect(temporalPoort, '127.0.0.1');
    const [fout] = await once(verbinding, 'error');
    expect((fout as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});

describe('npm start against an existing cluster (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE)', () => {
  let cluster: TestWorkflowEnvironment;
  let dienst: Dienst;

  beforeAll(async () => {
    // A cluster that knows nothing of this project: other namespace, no search attributes.
    cluster = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: join(ROOT, '.temporal/bin/temporal') },
        port: await vrijePoort(),
        namespace: 'schuldhulp-bestaand',
      },
      client: { dataConverter: testDataConverter },
    });
    const port = await vrijePoort();
    // The keyring from the environment, as a deployment would pass it.
    const env = {
      ...process.env,
      ...(await opsPoorten()),
      PORT: String(port),
      TEMPORAL_ADDRESS: cluster.address,
      TEMPORAL_NAMESPACE: 'schuldhulp-bestaand',
      SLEUTELRING: testSleutelringJson,
    };
    const issuer = `http://127.0.0.1:${await vrijePoort()}`;
    dienst = new Dienst(`http://127.0.0.1:${port}`, await mkdtemp(join(tmpdir(), 'schuldhulp-bestaand-')), issuer, env);
  });
  afterAll(async () => {
    await dienst?.stop();
    await cluster?.teardown();
  });

  it(
    'registers the search attributes there and runs cases in that namespace',
    async () => {
      await dienst.gezond();
      const { customAttributes } = await cluster.connection.operatorService.listSearchAttributes({ namespace: 'schuldhulp-bestaand' });
      expect(Object.keys(customAttributes)).toEqual(expect.arrayContaining(ALL_SEARCH_ATTRIBUTES.map((k) => k.name)));
      const { id } = await dienst.verwerktMelding('BESTAAND-1');
      const beschrijving = await cluster.client.workflow.getHandle(id).describe();
      expect(beschrijving.type).toBe('vroegEropaf');
      expect(beschrijving.memo).toMatchObject({ schuldeiserType: 'woningcorporatie' }); // decrypted with the configured ring
      const { namespaceInfo, config } = await cluster.connection.workflowService.describeNamespace({ namespace: 'schuldhulp-bestaand' });
      expect(namespaceInfo?.name).toBe('schuldhulp-bestaand');
      expect(Number(config?.workflowExecutionRetentionTtl?.seconds)).toBe(720 * 3600);
    },
    OPSTART_TEST_MS,
  );
});
