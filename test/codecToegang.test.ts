import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecServer } from '../api/codecServer';
import { eenVan, oidcToegang, vastTokenToegang } from '../api/codecToegang';
import { AesGcmCodec } from '../common/versleuteling';
import { testSleutelring } from './helpers/sleutels';
import { startTestIssuer, type TestIssuer } from './helpers/tokens';

/** The codec server accepts the API's own OIDC tokens, but only for operators and beheerders. */
describe('codec server with OIDC tokens from a real issuer over HTTP', () => {
  const codec = new AesGcmCodec(testSleutelring);
  let issuer: TestIssuer;
  let server: Server;
  let basis: string;
  let versleuteld: { metadata: Record<string, string>; data: string };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const app = express().use(
      '/codec',
      codecServer({
        codec,
        toegang: eenVan(vastTokenToegang('vast-codec-token'), oidcToegang(issuer.verifier)),
        uiOrigin: 'http://127.0.0.1:1',
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    basis = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [payload] = await codec.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"B. Bakker"') }]);
    versleuteld = {
      metadata: Object.fromEntries(Object.entries(payload!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
      data: Buffer.from(payload!.data!).toString('base64'),
    };
  });
  afterAll(async () => {
    server?.close();
    await issuer?.stop();
  });

  /** `autorisatie` is a whole Authorization header, as the test issuer's bearer() gives it. */
  async function decodeer(autorisatie: string): Promise<{ status: number; tekst?: string }> {
    const antwoord = await fetch(`${basis}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: autorisatie },
      body: JSON.stringify({ payloads: [versleuteld] }),
    });
    if (antwoord.status !== 200) return { status: antwoord.status };
    const { payloads } = (await antwoord.json()) as { payloads: { data: string }[] };
    return { status: 200, tekst: Buffer.from(payloads[0]!.data, 'base64').toString() };
  }

  it('decodes for an operator, a beheerder and the fixed CODEC_TOKEN', async () => {
    expect(await decodeer(await issuer.bearer('operator'))).toEqual({ status: 200, tekst: '"B. Bakker"' });
    expect(await decodeer(await issuer.bearer('beheerder'))).toEqual({ status: 200, tekst: '"B. Bakker"' });
    expect(await decodeer('Bearer vast-codec-token')).toEqual({ status: 200, tekst: '"B. Bakker"' });
  });

  it('answers 401 to other roles and to expired, wrong-audience or forged tokens', async () => {
    expect(await decodeer(await issuer.bearer('medewerker', ['nieuw-west']))).toEqual({ status: 401 });
    expect(await decodeer(await issuer.bearer('teamleider', ['nieuw-west']))).toEqual({ status: 401 });
    expect(await decodeer(await issuer.bearer('operator', [], { geldigSeconden: -60 }))).toEqual({ status: 401 });
    expect(await decodeer(await issuer.bearer('operator', [], { audience: 'een-ander-systeem' }))).toEqual({ status: 401 });
    const [kop, inhoud] = (await issuer.bearer('operator')).split('.');
    expect(await decodeer(`${kop}.${inhoud}.${'A'.repeat(86)}`)).toEqual({ status: 401 });
  });
});
