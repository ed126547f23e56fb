import { resolve } from 'node:path';
import { Kindproces } from './kindproces';
import { testSleutelringJson } from './sleutels';

const ROOT = resolve(__dirname, '../..');

/**
 * A process of this service (`workers/main.ts` or `api/main.ts`), configured only through its
 * environment like in production. Started as `node --import tsx` rather than the tsx CLI: the CLI
 * runs the script in a grandchild process, which a SIGKILL of the CLI would leave running.
 * Unless `env` names them, it gets the test keyring, so the test's own clients read its payloads,
 * and the workflow bundle of this test run, so a worker starts without bundling.
 */
export function dienstProces(bestand: 'workers/main.ts' | 'api/main.ts', env: NodeJS.ProcessEnv): Kindproces {
  const standaard = { SLEUTELRING: testSleutelringJson, WORKFLOW_BUNDLE: process.env.WORKFLOW_BUNDLE };
  return new Kindproces(bestand, process.execPath, ['--import', 'tsx', bestand], { ...standaard, ...env }, ROOT);
}

/** Waits (at most 2 minutes: bundling workflows is slow on a busy machine) until the ops port answers ready. */
export async function wachtTotGereed(proces: Kindproces, opsPoort: string | number): Promise<void> {
  const tot = Date.now() + 120_000;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${opsPoort}/health/ready`).then(
      (a) => a.status,
      () => 0,
    );
    if (status === 200) return;
    if (!proces.draait || Date.now() > tot) {
      throw new Error(`${proces.naam} kwam niet op (gereed: ${status}):\n${proces.uitvoer().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
