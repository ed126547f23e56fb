import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

export interface OpsServerOpties {
  port: number;
  host: string;
  /** Readiness: may this process get traffic / work now? */
  gereed: () => Promise<boolean> | boolean;
  /** Prometheus text exposition, when this process serves its own metrics. */
  metrics?: () => Promise<{ contentType: string; tekst: string }>;
}

/**
 * The operations port of a process, apart from its public port so that probes and scrapes need
 * no authentication and are not exposed with the API: `/health/live` (the process runs),
 * `/health/ready` (it can do its work) and, optionally, `/metrics`.
 */
export async function startOpsServer({ port, host, gereed, metrics }: OpsServerOpties): Promise<Server> {
  const server = createServer((req, res) => {
    const antwoord = (status: number, type: string, tekst: string) => {
      res.writeHead(status, { 'content-type': type }).end(tekst);
    };
    const json = (status: number, body: unknown) => antwoord(status, 'application/json', JSON.stringify(body));
    void (async () => {
      if (req.method !== 'GET') return json(405, { fout: 'alleen GET' });
      if (req.url === '/health/live') return json(200, { status: 'leeft' });
      if (req.url === '/health/ready') return (await gereed()) ? json(200, { status: 'gereed' }) : json(503, { status: 'niet-gereed' });
      if (req.url === '/metrics' && metrics) {
        const { contentType, tekst } = await metrics();
        return antwoord(200, contentType, tekst);
      }
      return json(404, { fout: 'onbekend pad' });
    })().catch(() => json(500, { fout: 'interne fout' }));
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}
