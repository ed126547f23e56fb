import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  return temporalVerbinding({ ...GEEN_THUIS, ...env }, (bericht, velden) => waarschuwingen.push({ bericht, ...velden }));
}

describe('the Temporal connection, read as Temporal’s tools read it (@temporalio/envconfig)', () => {
  it('defaults to a plaintext localhost:7233 and namespace default; empty variables count as unset', () => {
    expect(verbinding({})).toEqual({ address: 'localhost:7233', namespace: 'default' });
    expect(verbinding({ TEMPORAL_ADDRESS: '', TEMPORAL_API_KEY: '', TEMPORAL_TLS: '' })).toEqual({
      address: 'localhost:7233',
      namespace: 'default',
    });
  });

  it('takes a profile from the TOML file the CLI writes; the variables override it', () => {
    const pad = profielBestand(`# temporal config set
[profile.default]
address = "default.example:7233"

[profile.cloud]
address = "ns.acct.tmprl.cloud:7233"   # a comment
namespace = 'ns.acct'
api_key = "sleutel # met hekje"
grpc_meta = { "x-team" = "buurtteam" }

[profile.cloud.tls]
server_name = "ns.acct.tmprl.cloud"
`);
    expect(verbinding({ TEMPORAL_CONFIG_FILE: pad })).toEqual({ address: 'default.example:7233', namespace: 'default' });
    expect(verbinding({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'cloud', TEMPORAL_NAMESPACE: 'ander' })).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ander',
      apiKey: 'sleutel # met hekje',
      tls: { serverNameOverride: 'ns.acct.tmprl.cloud' },
      metadata: { 'x-team': 'buurtteam' },
    });
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'prod' })).toThrow(/Profile 'prod' not found/);
  });

  it('refuses a TEMPORAL_CONFIG_FILE that is not there and a misspelt key, where envconfig alone would not', () => {
    const weg = join(tmpdir(), 'bestaat-niet.toml');
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: weg })).toThrow(/ENOENT.*bestaat-niet\.toml/);
    const fout = profielBestand('[profile.default]\nadress = "a:1"\n');
    expect(() => verbinding({ TEMPORAL_CONFIG_FILE: fout })).toThrow(/unrecognized in profile\.default: adress/);
  });

  it('turns TLS on for TEMPORAL_TLS=true and for an API key, and off for TEMPORAL_TLS=false', () => {
    expect(verbinding({ TEMPORAL_TLS: 'true' }).tls).toEqual({});
    expect(verbinding({ TEMPORAL_API_KEY: 'k' })).toMatchObject({ apiKey: 'k', tls: true });
    expect(verbinding({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).tls).toBe(false);
    expect(() => leesConfig({ TEMPORAL_TLS: 'ja' })).toThrow(/TEMPORAL_TLS/);
  });

  it('refuses a client certificate without its key', () => {
    const c = maakCertificaten('temporal.test');
    expect(() => verbinding({ TEMPORAL_TLS_CLIENT_CERT_PATH: c.cert })).toThrow(/clientcertificaat vraagt ook de sleutel/);
  });

  it('still reads the old TEMPORAL_TLS_CERT/_KEY/_CA, with one warning that names no value', () => {
    const c = maakCertificaten('temporal.test');
    const waarschuwingen: unknown[] = [];
    const tls = verbinding({ TEMPORAL_TLS_CERT: c.cert, TEMPORAL_TLS_KEY: c.key, TEMPORAL_TLS_CA: c.ca }, waarschuwingen).tls;
    expect(tls).toEqual({
      clientCertPair: { crt: new Uint8Array(readFileSync(c.cert)), key: new Uint8Array(readFileSync(c.key)) },
      serverRootCACertificate: new Uint8Array(readFileSync(c.ca)),
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
    // Temporal's name wins over the old one.
    const ander = maakCertificaten('ander.test');
    expect(verbinding({ TEMPORAL_TLS_CA: c.ca, TEMPORAL_TLS_SERVER_CA_CERT_PATH: ander.ca }).tls).toEqual({
      serverRootCACertificate: new Uint8Array(readFileSync(ander.ca)),
    });
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
  async function beideVerbinden(env: NodeJS.ProcessEnv, waarschuwingen: unknown[] = []): Promise<void> {
    proxy.verzoeken.length = 0;
    const { namespace, ...opties } = verbinding(env, waarschuwingen);
    const api = await verbindApi(opties);
    try {
      await api.workflowService.describeNamespace({ namespace });
    } finally {
      await api.close();
    }
    const worker = await NativeConnection.connect(opties);
    await worker.close();
    expect(proxy.verzoeken.map((v) => v[':path'])).toEqual(
      expect.arrayContaining(['/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace']),
    );
    // Both clients went through the TLS endpoint: the API's grpc-js and the worker's core (tonic).
    expect(new Set(proxy.verzoeken.map((v) => v['user-agent']?.split('/')[0]))).toEqual(new Set(['grpc-node-js', 'tonic']));
  }

  it('connects with the server’s CA and name from the variables, without a client certificate', async () => {
    await beideVerbinden({
      TEMPORAL_ADDRESS: proxy.adres,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificaten.ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    });
    expect(proxy.verzoeken.every((v) => v.authorization === undefined)).toBe(true);
  });

  it('connects with the server-only TLS of a TOML profile', async () => {
    const pad = profielBestand(`[profile.tls]
address = "${proxy.adres}"
tls = { server_ca_cert_path = "${certificaten.ca}", server_name = "temporal.test" }
`);
    await beideVerbinden({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'tls' });
    expect(proxy.verzoeken.every((v) => v.authorization === undefined)).toBe(true);
  });

  it('sends the API key of a profile as authorization: Bearer on every call', async () => {
    const pad = profielBestand(`[profile.cloud]
address = "${proxy.adres}"
api_key = "test-api-sleutel"

[profile.cloud.tls]
server_ca_cert_path = "${certificaten.ca}"
server_name = "temporal.test"
`);
    await beideVerbinden({ TEMPORAL_CONFIG_FILE: pad, TEMPORAL_PROFILE: 'cloud' });
    expect(proxy.verzoeken.length).toBeGreaterThanOrEqual(2);
    for (const v of proxy.verzoeken) expect(v.authorization).toBe('Bearer test-api-sleutel');
  });

  it('still connects with the old TEMPORAL_TLS_CA, and warns', async () => {
    const waarschuwingen: unknown[] = [];
    await beideVerbinden(
      { TEMPORAL_ADDRESS: proxy.adres, TEMPORAL_TLS_CA: certificaten.ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.test' },
      waarschuwingen,
    );
    expect(waarschuwingen).toMatchObject([{ vervang: { TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH' } }]);
  });
});
