import { readdirSync, readFileSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { melding } from '../test/helpers/invoer';
import { eigenAdres } from './adres';
import { Dienst } from './dienst';
import { metParallel } from '../common/metParallel';

const AANTAL = Number(process.env.BENCH_CPU_AANTAL ?? 1000);
const GELIJKTIJDIG = 32;
/** Time for the meldingen's first tasks and notifications after the last 201. */
const NALOOP_MS = 5000;

/** User plus system CPU of a process in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const velden = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(velden[11]) + Number(velden[12])) * 10;
}

/** The dev server the test environment started: this process's child named temporal. */
function serverPid(): number {
  for (const naam of readdirSync('/proc')) {
    if (!/^\d+$/.test(naam)) continue;
    const stat = readFileSync(`/proc/${naam}/stat`, 'utf8').toString();
    const ppid = Number(stat.split(') ')[1]!.split(' ')[1]);
    if (ppid === process.pid && stat.includes('(temporal)')) return Number(naam);
  }
  throw new Error('bench: dev server niet gevonden in /proc');
}

/**
 * Where a registration's CPU goes: AANTAL meldingen through the API (after a warm-up), and per
 * process the CPU time it used divided by AANTAL. The sum bounds the rate the machine can reach.
 */
export async function cpuPerRegistratie(env: TestWorkflowEnvironment): Promise<Record<string, number>> {
  const worker = await Dienst.start('worker', env.address);
  const api = await Dienst.start('api', env.address);
  try {
    const authorization = await api.bearer('medewerker', ['bench-cpu']);
    const registreer = (reeks: number, aantal: number) =>
      metParallel(aantal, GELIJKTIJDIG, (i) =>
        api.registreer(authorization, melding(`CPU-${reeks}-${i}`, '2026-11-02', { buurtteam: 'bench-cpu', ...eigenAdres(20 + reeks, i) })),
      );
    await registreer(0, 100);
    await new Promise((r) => setTimeout(r, NALOOP_MS));
    const pids = { server: serverPid(), worker: worker.proces.pid!, api: api.proces.pid!, bench: process.pid };
    const voor = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
    const begin = performance.now();
    await registreer(1, AANTAL);
    const perSeconde = AANTAL / ((performance.now() - begin) / 1000);
    await new Promise((r) => setTimeout(r, NALOOP_MS));
    const perRegistratie = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (cpuMs(pid) - voor[k]!) / AANTAL]));
    const delen = Object.entries(perRegistratie).map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`);
    console.log(`bench: CPU per registratie (${AANTAL}, ${perSeconde.toFixed(1)}/s): ${delen.join(', ')}`);
    return perRegistratie;
  } finally {
    await api.stop();
    await worker.stop();
  }
}
