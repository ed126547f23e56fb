import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../api/audit/auditLog';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { CORRELATIE_HEADER } from '../api/correlatie';
import { apiClient } from '../api/verbinding';
import { amsterdamDatum } from '../common/kalender';
import { uiteindelijk } from './helpers/afwijzing';
import { startApi, type DraaiendeApi } from './helpers/api';
import { opnemendeAdapters } from './helpers/fakes';
import { melding } from './helpers/invoer';
import { testDataConverter } from './helpers/sleutels';
import { devServerOmgeving } from './helpers/temporal';
import { draaiendeWorker } from './helpers/werkers';

/** The correlation ids in the Temporal headers of a workflow's history: its start, updates and signals. */
async function correlatiesIn(client: Client, workflowId: string): Promise<string[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const headers = (events ?? []).map(
    (e: temporal.api.history.v1.IHistoryEvent) =>
      e.workflowExecutionStartedEventAttributes?.header ??
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.header ??
      e.workflowExecutionSignaledEventAttributes?.header,
  );
  return headers.flatMap((h) => {
    const payload = h?.fields?.[CORRELATIE_HEADER];
    return payload ? [defaultPayloadConverter.fromPayload<string>(payload)] : [];
  });
}

describe('one correlation id from the request through the protocol to the workflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: { stop(): Promise<void> };
  let client: Client;
  let audit: AuditLog;
  let api: DraaiendeApi;
  let medewerker: string;

  beforeAll(async () => {
    env = await devServerOmgeving();
    worker = await draaiendeWorker(env, opnemendeAdapters());
    client = apiClient({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: testDataConverter });
    audit = sqliteAuditLog(':memory:');
    api = await startApi(client, {}, { audit });
    medewerker = await api.issuer.bearer('medewerker', ['nieuw-west'], { sub: 'mdw-0001' });
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await env?.teardown();
  });

  const post = (pad: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.basis}${pad}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: medewerker, ...headers },
      body: JSON.stringify(body),
    });

  it('answers the caller’s id, writes it in the protocol and gives it to the case’s start and update', async () => {
    const id = randomUUID();
    const antwoord = await post('/v1/meldingen', melding('CORRELATIE-1', amsterdamDatum(new Date())), { 'X-Correlation-ID': id });
    expect(antwoord.status).toBe(201);
    expect(antwoord.headers.get('x-correlation-id')).toBe(id);
    const meldingId = ((await antwoord.json()) as { id: string }).id;

    // The melding is registered as its household's melding: update-with-start on that workflow.
    expect(await correlatiesIn(client, meldingId)).toEqual([id, id]);

    const tweede = randomUUID().replace(/-/g, '');
    const bezoek = await post(
      `/v1/meldingen/${meldingId}/huisbezoeken`,
      { tijdstip: new Date().toISOString(), uitkomst: 'niet-thuis', medewerker: 'mdw-0001' },
      { traceparent: `00-${tweede}-00f067aa0ba902b7-01` },
    );
    expect(bezoek.status).toBe(200);
    expect(bezoek.headers.get('x-correlation-id')).toBe(tweede);
    expect(await correlatiesIn(client, meldingId)).toContain(tweede);

    await uiteindelijk(async () =>
      expect((await audit.zoek({ zaakId: meldingId, limiet: 10 })).map((r) => [r.actie, r.correlatieId])).toEqual([
        ['POST /v1/meldingen', id],
        ['POST /v1/meldingen/:id/huisbezoeken', tweede],
      ]),
    );
  });

  it('replaces an id that could carry personal data (a BSN) by a new one', async () => {
    const antwoord = await fetch(`${api.basis}/v1/teams/nieuw-west/taken`, {
      headers: { authorization: medewerker, 'X-Correlation-ID': '111222333' },
    });
    expect(antwoord.status).toBe(200);
    const id = antwoord.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await uiteindelijk(async () => expect((await audit.zoek({ limiet: 100 })).map((r) => r.correlatieId)).toContain(id));
    expect(JSON.stringify(await audit.zoek({ limiet: 100 }))).not.toContain('111222333');
  });
});
