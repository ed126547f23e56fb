import { execFile, spawn } from 'node:child_process';
import { chown, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { vrijePoort } from './poorten';

const uitvoeren = promisify(execFile);

export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

/** The newest PostgreSQL of the Debian packages that scripts/install.sh --tests installs. */
async function pgBin(): Promise<string> {
  const versies = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(a) - Number(b));
  if (versies.length === 0) throw new Error('geen PostgreSQL in /usr/lib/postgresql: draai scripts/install.sh --tests');
  return `/usr/lib/postgresql/${versies.at(-1)}/bin`;
}

/**
 * A throwaway PostgreSQL server on a free loopback port, in a fresh folder. PostgreSQL refuses to
 * run as root: as root it runs as the Debian package's postgres user.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = await pgBin();
  const map = await mkdtemp(join(tmpdir(), 'schuldhulp-pg-'));
  const root = process.getuid?.() === 0;
  const als = (programma: string, args: string[]): [string, string[]] =>
    root ? ['runuser', ['-u', 'postgres', '--', join(bin, programma), ...args]] : [join(bin, programma), args];
  if (root) {
    const [uid, gid] = await Promise.all(['-u', '-g'].map(async (v) => Number((await uitvoeren('id', [v, 'postgres'])).stdout)));
    await chown(map, uid!, gid!);
  }
  await uitvoeren(...als('initdb', ['-D', map, '-U', 'schuldhulp', '--auth=trust']));
  const poort = await vrijePoort();
  const [programma, args] = als('postgres', ['-D', map, '-p', String(poort), '-k', map, '-c', 'listen_addresses=127.0.0.1']);
  const server = spawn(programma, args, { stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    const gereed = await uitvoeren(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(poort)]).then(
      () => true,
      () => false,
    );
    if (gereed) break;
    if (server.exitCode !== null) throw new Error(`PostgreSQL stopte bij het starten (code ${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `postgres://schuldhulp@127.0.0.1:${poort}/postgres`,
    // runuser does not pass signals on: stop through PostgreSQL's own tool.
    stop: async () => {
      await uitvoeren(...als('pg_ctl', ['stop', '-D', map, '-m', 'fast', '-s']));
    },
  };
}
