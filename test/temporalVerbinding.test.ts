import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbindApi } from '../api/verbinding';
import { leesConfig } from '../common/config';
import { temporalVerbinding } from '../common/temporalVerbinding';
import { grpcTlsProxy, maakCertificaten, type Certificaten, type GrpcTlsProxy } from './helpers/grpcTlsProxy';
import { devServerOmgeving } from './helpers/temporal';

/** No user's ~/.config/temporalio/temporal.toml may leak into a test. */
const GEEN_THUIS = { HOME: '/nonexistent' };

function profielBestand(tekst: string): string {
  const pad = join(mkdtempSync(join(tmpdir(), 'schuldhulp-temporal-')), 'temporal.toml');
  writeFileSync(pad, tekst);
  return pad;
}

function verbinding(env: NodeJS.ProcessEnv, waarschuwingen: unknown[] = []) {
  return temporalVerbinding(leesConfig(env), GEEN_THUIS, (bericht, velden) => waarschuwingen.push({ bericht, ...velden }));
}

describe('the Temporal connection, read as Temporal’s tools read it', () => {
  it('defaults to a plaintext localhost:7233 and namespace default', () => {
    expect(verbinding({})).toEqual({ address: 'localhost:7233', namespace: 'default' });
  });

  it('takes a profile from the TOML file the CLI writes; the variables override it', () => {
    const pad = profielBestand(`# temporal config set
[profile.default]
address = "default.example:7233"

[profile.cloud]
address = "ns.acct.tmprl.cloud:7233"   # a comment
namespace = 'ns.acct'
api_key = "sleutel # met hekje"

[profile.cloud.tls]
server_name = "ns.acct.tmprl.cloud"
`);
    expect(verbinding({ TEMPORAL_CONFIG_FILE: pad })).toEqual({ address: 'default.example:7233', namespace: 'default' });
    expect(verbinding({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'cloud', TEMPORAL_NAMESPACE: 'ander' })).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ander',
      apiKey: 'sleutel # met hekje',
      tls: { serverNameOverride: 'ns.acct.tmprl.cloud' },
    });
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'prod' })).toThrow(/profiel 'prod' staat niet in/);
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: join(tmpdir(), 'bestaat-niet.toml') })).toThrow(/ENOENT/);
    const fout = profielBestand('[profile.default]\naddress = "a:1"\ncodec = { endpoint = "x" }\n');
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: fout })).toThrow(/temporal\.toml:3: onbekende sleutel codec/);
  });

  it('turns TLS on for TEMPORAL_TLS=true and for an API key, and off for TEMPORAL_TLS=false', () => {
    expect(verbinding({ TEMPORAL_TLS: 'true' }).tls).toEqual({});
    expect(verbinding({ TEMPORAL_API_KEY: 'k' })).toMatchObject({ apiKey: 'k', tls: true });
    expect(verbinding({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).tls).toBe(false);
    expect(() => leesConfig({ TEMPORAL_TLS: 'ja' })).toThrow(/TEMPORAL_TLS/);
  });

  it('still reads the old TEMPORAL_TLS_CERT/_KEY/_CA, with one warning that names no value', () => {
    const c = maakCertificaten('temporal.test');
    const waarschuwingen: unknown[] = [];
    const tls = verbinding({ TEMPORAL_TLS_CERT: c.cert, TEMPORAL_TLS_KEY: c.key, TEMPORAL_TLS_CA: c.ca }, waarschuwingen).tls;
    expect(tls).toMatchObject({
      clientCertPair: { crt: expect.any(Buffer), key: expect.any(Buffer) },
      serverRootCACertificate: expect.any(Buffer),
    });
    expect(waarschuwingen).toEqual([
      {
        bericht: 'verouderde Temporal-variabelen; gebruik de namen van Temporal',
        vervang: {
          TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
          TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
          TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
        },
      },
    ]);
    expect(JSON.stringify(waarschuwingen)).not.toContain(c.cert);
  });
});

describe('connecting the API and the worker to a TLS-only endpoint', () => {
  let env: TestWorkflowEnvironment;
  let certificaten: Certificaten;
  let proxy: GrpcTlsProxy;

  beforeAll(async () => {
    env = await devServerOmgeving();
    certificaten = maakCertificaten('temporal.test');
    proxy = await grpcTlsProxy(env.address, certificaten);
  });
  afterAll(async () => {
    await proxy?.sluit();
    await env?.teardown();
  });

  /** Both clients the service makes: the API's (grpc-js) and the worker's (the Rust core). */
  async function beideVerbinden(env: NodeJS.ProcessEnv): Promise<void> {
    const { namespace, ...opties } = verbinding(env);
    const api = await verbindApi(opties);
    try {
      await api.workflowService.describeNamespace({ namespace });
    } finally {
      await api.close();
    }
    const worker = await NativeConnection.connect(opties);
    await worker.close();
  }

  it('connects with the server’s CA and name, without a client certificate', async () => {
    await beideVerbinden({
      TEMPORAL_ADDRESS: proxy.adres,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificaten.ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    });
    expect(proxy.verzoeken.map((v) => v[':path'])).toEqual(
      expect.arrayContaining(['/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace']),
    );
    expect(proxy.verzoeken.every((v) => v.authorization === undefined)).toBe(true);
    expect(new Set(proxy.verzoeken.map((v) => v['user-agent']?.split('/')[0]))).toEqual(new Set(['grpc-node-js', 'tonic']));
  });

  it('sends the API key of a profile as authorization: Bearer on every call', async () => {
    const pad = profielBestand(`[profile.cloud]
address = "${proxy.adres}"
api_key = "test-api-sleutel"

[profile.cloud.tls]
server_ca_cert_path = "${certificaten.ca}"
server_name = "temporal.test"
`);
    proxy.verzoeken.length = 0;
    await beideVerbinden({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'cloud' });
    expect(proxy.verzoeken.length).toBeGreaterThanOrEqual(2);
    for (const v of proxy.verzoeken) expect(v.authorization).toBe('Bearer test-api-sleutel');
    // Both clients went through the TLS endpoint: the API's grpc-js and the worker's core (tonic).
    expect(new Set(proxy.verzoeken.map((v) => v['user-agent']?.split('/')[0]))).toEqual(new Set(['grpc-node-js', 'tonic']));
  });
});
