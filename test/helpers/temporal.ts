import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleOption, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../common/dataConverter';
import { ALL_SEARCH_ATTRIBUTES } from '../../common/searchAttributes';
import { workflowInterceptorsPath, workflowsPath } from '../../workers/createWorker';
import { vrijePoort } from './poorten';
import { testDataConverter } from './sleutels';

const ROOT = resolve(__dirname, '../..');

/**
 * The Java time-skipping test server from Maven Central, through our wrapper script. The SDK gives
 * a server 5 seconds to listen; a JVM on a busy 2-core machine can need longer, so a start that
 * timed out is tried again rather than failing the test.
 */
export async function tijdreisOmgeving(pogingen = 3): Promise<TestWorkflowEnvironment> {
  for (let poging = 1; ; poging++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        // Our own free port: the SDK's own pick lies in the ephemeral range (see ./poorten).
        server: { executable: { type: 'existing-path', path: resolve(ROOT, 'scripts/temporal-test-server') }, port: await vrijePoort() },
        client: { dataConverter: testDataConverter },
      });
      await registreerZoekkenmerken(env);
      await springNaarStartmoment(env);
      return env;
    } catch (fout) {
      if (poging >= pogingen || !/did not start within/.test(String(fout))) throw fout;
    }
  }
}

/**
 * TEST_STARTMOMENT (an ISO instant ahead of now): the time-skipping server starts there instead of
 * now, so the workflow tests run as on that day (a Sunday, the evening before summer time, a
 * holiday). Tests take "today" from the server's clock, never from the machine's.
 */
async function springNaarStartmoment(env: TestWorkflowEnvironment): Promise<void> {
  const startmoment = process.env.TEST_STARTMOMENT;
  if (!startmoment) return;
  const sprong = Date.parse(startmoment) - (await env.currentTimeMs());
  if (!(sprong >= 0)) throw new Error(`TEST_STARTMOMENT ${startmoment}: geen geldig moment na nu`);
  await env.sleep(sprong);
}

/**
 * The real Temporal CLI dev server installed by scripts/install.sh, with our search attributes and
 * eager activity dispatch, as scripts/dev-server.sh starts it. `doorstartenNa`: the server suggests
 * continue-as-new from this history length on (default 4K events), so a test reaches it with a few
 * updates; the time-skipping server suggests it only at its fixed 4K events or 4 MiB of history.
 */
export async function devServerOmgeving({ doorstartenNa }: { doorstartenNa?: number } = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: resolve(ROOT, '.temporal/bin/temporal') },
      port: await vrijePoort(),
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      extraArgs: [
        '--dynamic-config-value',
        'system.enableActivityEagerExecution=true',
        ...(doorstartenNa ? ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${doorstartenNa}`] : []),
      ],
    },
    client: { dataConverter: testDataConverter },
  });
}

/** The server that runs at `address` (e.g. the PostgreSQL cluster of scripts/cluster.sh), else a fresh dev server. */
export function omgevingOp(address: string | undefined): Promise<TestWorkflowEnvironment> {
  if (!address) return devServerOmgeving();
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace: 'default', client: { dataConverter: testDataConverter } });
}

/**
 * The end-to-end suite's server: the cluster when TEMPORAL_CLUSTER_ADDRESS names it (scripts/test.sh
 * runs the suite once that way), else the dev server.
 */
export function e2eOmgeving(): Promise<TestWorkflowEnvironment> {
  return omgevingOp(process.env.TEMPORAL_CLUSTER_ADDRESS);
}

async function registreerZoekkenmerken(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
  });
}

/** Bundles today's workflow code (seconds of CPU). */
export function bundelWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    workflowInterceptorModules: [workflowInterceptorsPath()],
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
  });
}

let eigenBundel: Promise<WorkflowBundleWithSourceMap> | undefined;
/**
 * The workflows for every worker a test creates: the file test/bundel.ts (vitest's globalSetup)
 * bundled them into for this run, named by WORKFLOW_BUNDLE, which the worker processes that tests
 * start read too; else (test/histories/record.ts) one bundle made here.
 */
export function workflowBundel(): Promise<WorkflowBundleOption> {
  const pad = process.env.WORKFLOW_BUNDLE;
  if (pad) return Promise.resolve({ codePath: pad });
  eigenBundel ??= bundelWorkflows();
  return eigenBundel;
}
