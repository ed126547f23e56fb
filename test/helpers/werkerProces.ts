import { resolve } from 'node:path';
import { Kindproces } from './kindproces';

const ROOT = resolve(__dirname, '../..');

/**
 * The real worker entry point (workers/main.ts) as a child process, configured only through its
 * environment like in production. Started as `node --import tsx` rather than the tsx CLI: the CLI
 * runs the script in a grandchild process, which a SIGKILL of the CLI would leave running.
 */
export async function startWerker(naam: string, omgeving: Record<string, string>): Promise<Kindproces> {
  const werker = new Kindproces(
    naam,
    process.execPath,
    ['--import', 'tsx', 'workers/main.ts'],
    {
      ...process.env,
      DATA_DIR: resolve(ROOT, '.data'),
      ...omgeving,
    },
    ROOT,
  );
  // Bundling the workflow code takes a while on a busy machine; the worker says when it polls.
  await werker.wachtOpUitvoer(/Worker state changed.*RUNNING/, 120_000);
  return werker;
}
