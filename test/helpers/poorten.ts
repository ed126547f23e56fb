import { once } from 'node:events';
import { createServer } from 'node:net';

/** A loopback port nothing listens on right now. */
export async function vrijePoort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Free operations ports for a worker and an API started as processes (never the defaults). */
export async function opsPoorten(): Promise<{ API_OPS_PORT: string; WORKER_METRICS_PORT: string; WORKER_OPS_PORT: string }> {
  return {
    API_OPS_PORT: String(await vrijePoort()),
    WORKER_METRICS_PORT: String(await vrijePoort()),
    WORKER_OPS_PORT: String(await vrijePoort()),
  };
}
