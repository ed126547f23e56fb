import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Where the kernel takes ports from for port 0 and for outgoing connections (Linux's setting;
 * elsewhere the lowest of Linux's and macOS's defaults). A port handed out from inside this range and
 * used seconds later by a spawned process can meanwhile be taken by any test's outgoing connection.
 */
export function efemereOndergrens(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

/** This many ports below the ephemeral range to choose from: room for every parallel test file. */
const KEUZE = 12_000;
const uitgegeven = new Set<number>();

async function vrijOpLoopback(poort: number): Promise<boolean> {
  const server = createServer();
  const vrij = await new Promise<boolean>((klaar) => {
    server.once('error', () => klaar(false));
    server.listen(poort, '127.0.0.1', () => klaar(true));
  });
  if (vrij) await new Promise((klaar) => server.close(klaar));
  return vrij;
}

/**
 * A loopback port nothing listens on right now, for a server another process starts later. Chosen
 * at random below the ephemeral range, so that no outgoing connection can take it in between.
 */
export async function vrijePoort(): Promise<number> {
  const boven = efemereOndergrens();
  const onder = Math.max(1024, boven - KEUZE);
  for (let poging = 0; poging < 100; poging++) {
    const poort = onder + Math.floor(Math.random() * (boven - onder));
    if (uitgegeven.has(poort)) continue;
    // Held before the check, so that calls at the same time never get the same port.
    uitgegeven.add(poort);
    if (await vrijOpLoopback(poort)) return poort;
  }
  throw new Error(`geen vrije poort gevonden onder ${boven}`);
}

/** Free operations ports for a worker and an API started as processes (never the defaults). */
export async function opsPoorten(): Promise<{ API_OPS_PORT: string; WORKER_METRICS_PORT: string; WORKER_OPS_PORT: string }> {
  return {
    API_OPS_PORT: String(await vrijePoort()),
    WORKER_METRICS_PORT: String(await vrijePoort()),
    WORKER_OPS_PORT: String(await vrijePoort()),
  };
}
