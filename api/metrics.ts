import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FASEN } from '../common/begrippen';

/** Running cases per workflow type and phase, counted in visibility at scrape time. */
const FASEN_PER_SOORT = {
  schuldhulpTraject: FASEN.filter((f) => f !== 'afgesloten'),
  vroegEropaf: ['vroeg-eropaf-bereiken', 'vroeg-eropaf-begeleiding', 'wpi-bereiken', 'wpi-begeleiding'],
} as const;

export interface ApiMetrics {
  registry: Registry;
  /** Express middleware counting requests by route template (never the URL: it holds case ids). */
  meetVerzoeken: RequestHandler;
}

export function createApiMetrics(client: Client): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['methode', 'route', 'status'] as const;
  const verzoeken = new Counter({ name: 'schuldhulp_api_verzoeken_total', help: 'HTTP requests', labelNames, registers: [registry] });
  const fouten = new Counter({
    name: 'schuldhulp_api_fouten_total',
    help: 'HTTP requests answered with 5xx',
    labelNames,
    registers: [registry],
  });
  const duur = new Histogram({
    name: 'schuldhulp_api_verzoek_duur_seconds',
    help: 'HTTP request latency',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'schuldhulp_zaken_open',
    help: 'Running cases per workflow type and phase (Temporal visibility)',
    labelNames: ['soort', 'fase'],
    registers: [registry],
    async collect() {
      // A scrape must not hang on a slow cluster: give up after 3 seconds and report nothing.
      const tellingen = Object.entries(FASEN_PER_SOORT).flatMap(([soort, fasen]) =>
        fasen.map(async (fase) => {
          const { count } = await client.connection.withDeadline(Date.now() + 3000, () =>
            client.workflowService.countWorkflowExecutions({
              namespace: client.options.namespace,
              query: `ExecutionStatus = "Running" AND WorkflowType = "${soort}" AND Fase = "${fase}"`,
            }),
          );
          this.set({ soort, fase }, Number(count ?? 0));
        }),
      );
      await Promise.allSettled(tellingen);
    },
  });

  const meetVerzoeken: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const labels = { methode: req.method, route: routeVan(req), status: String(res.statusCode) };
      verzoeken.inc(labels);
      if (res.statusCode >= 500) fouten.inc(labels);
      duur.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
  return { registry, meetVerzoeken };
}

/** The matched route's template (`/trajecten/:id/fase`), or `onbekend` for unmatched paths. */
export function routeVan(req: Parameters<RequestHandler>[0]): string {
  const pad = req.route?.path;
  return typeof pad === 'string' ? `${req.baseUrl}${pad}` : 'onbekend';
}
