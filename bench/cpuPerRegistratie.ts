import { readdirSync, readFileSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Melding } from '../common/schemas';
import { melding } from '../test/helpers/invoer';
import { eigenAdres } from './adres';
import { Dienst } from './dienst';
import { startMeldingRaw, startMeldingZonderSlot } from './rawStart';
import { metParallel } from '../common/metParallel';

const AANTAL = Number(process.env.BENCH_CPU_AANTAL ?? 1000);
const GELIJKTIJDIG = 32;
/** Server and worker together count as done below this much CPU per second (their idle polling stays under it). */
const STIL_MS_PER_S = 100;
const STIL_BINNEN_S = 300;

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
 * Waits until the server and the worker are quiet for two seconds running: then every melding has
 * run its first tasks and sent its notification, whenever its start returned.
 */
async function wachtTotStil(pids: number[]): Promise<void> {
  const som = () => pids.reduce((totaal, pid) => totaal + cpuMs(pid), 0);
  let stil = 0;
  for (let seconde = 0; stil < 2; seconde++) {
    if (seconde >= STIL_BINNEN_S) throw new Error(`bench: server en worker werden niet stil binnen ${STIL_BINNEN_S} s`);
    const voor = som();
    await new Promise((r) => setTimeout(r, 1000));
    stil = som() - voor < STIL_MS_PER_S ? stil + 1 : 0;
  }
}

export interface CpuPerPad {
  /** Per process (server, worker, api, bench): ms of CPU per registration through the API. */
  api: Record<string, number>;
  /** Server plus worker CPU of the household's lock: a melding through it less a melding started alone. */
  huishoudslot: number;
  /** Server plus worker CPU of a melding through the household's lock divided by that of one started alone (issue 17: at most 1.2). */
  intakeVerhouding: number;
}

/**
 * Where a registration's CPU goes, per process (CPU time from /proc divided by the number of
 * meldingen): through the API, through the household's lock from the bench's own client, and
 * started alone without the lock; AANTAL each, in two alternating rounds so that drift of the
 * machine hits the three alike, each round timed until the server and worker are quiet again.
 * The sum of the first bounds the rate the machine can reach; the difference of the other two is
 * what the lock costs.
 */
export async function cpuPerRegistratie(env: TestWorkflowEnvironment): Promise<CpuPerPad> {
  const worker = await Dienst.start('worker', env.address);
  const api = await Dienst.start('api', env.address);
  try {
    const authorization = await api.bearer('medewerker', ['bench-cpu']);
    const pids = { server: serverPid(), worker: worker.proces.pid!, api: api.proces.pid!, bench: process.pid };
    const paden = {
      'via de API': (m: Melding) => api.registreer(authorization, m),
      'via het huishoudslot, zonder API': (m: Melding) => startMeldingRaw(env.client, m),
      'zonder huishoudslot': (m: Melding) => startMeldingZonderSlot(env.client, m),
    };
    const gebruikt = new Map<string, { cpu: Record<string, number>; ms: number }>();
    let reeks = 20;
    const registreerReeks = (registreer: (m: Melding) => Promise<void>, aantal: number) => {
      const r = reeks++;
      return metParallel(aantal, GELIJKTIJDIG, (i) =>
        registreer(melding(`CPU-${r}-${i}`, '2026-11-02', { buurtteam: 'bench-cpu', ...eigenAdres(r, i) })),
      );
    };
    for (const registreer of Object.values(paden)) await registreerReeks(registreer, 100);
    await wachtTotStil([pids.server, pids.worker]);
    for (const _ronde of [1, 2]) {
      for (const [pad, registreer] of Object.entries(paden)) {
        const voor = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
        const begin = performance.now();
        await registreerReeks(registreer, AANTAL / 2);
        const totaal = gebruikt.get(pad) ?? { cpu: {}, ms: 0 };
        totaal.ms += performance.now() - begin;
        // A start without the lock returns before the melding's first task: its work ends later.
        await wachtTotStil([pids.server, pids.worker]);
        for (const [k, pid] of Object.entries(pids)) totaal.cpu[k] = (totaal.cpu[k] ?? 0) + (cpuMs(pid) - voor[k]!) / AANTAL;
        gebruikt.set(pad, totaal);
      }
    }
    for (const [pad, { cpu, ms }] of gebruikt) {
      const delen = Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(1)} ms`);
      console.log(`bench: CPU per melding ${pad} (${AANTAL}, ${(AANTAL / (ms / 1000)).toFixed(1)}/s): ${delen.join(', ')}`);
    }
    const serverEnWorker = (pad: keyof typeof paden) => gebruikt.get(pad)!.cpu.server! + gebruikt.get(pad)!.cpu.worker!;
    const viaSlot = serverEnWorker('via het huishoudslot, zonder API');
    const alleen = serverEnWorker('zonder huishoudslot');
    return { api: gebruikt.get('via de API')!.cpu, huishoudslot: viaSlot - alleen, intakeVerhouding: viaSlot / alleen };
  } finally {
    await api.stop();
    await worker.stop();
  }
}
