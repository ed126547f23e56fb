import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { AuditLog } from '../api/audit/auditLog';
import { sqliteAuditLog } from '../api/audit/auditSqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecServer } from '../api/auth/codecServer';
import { eenVan, oidcToegang, vastTokenToegang } from '../api/auth/codecToegang';
import { AesGcmCodec } from '../common/versleuteling';
import { testSleutelring } from './helpers/sleutels';
import { uiteindelijk } from './helpers/afwijzing';
import { startTestIssuer, type TestIssuer } from './helpers/tokens';

/** The codec server accepts the API's own OIDC tokens, but only for operators and beheerders. */
describe('codec server with OIDC tokens from a real issuer over HTTP', () => {
  const codec = new AesGcmCodec(testSleutelring);
  let issuer: TestIssuer;
  let server: Server;
  let basis: string;
  let versleuteld: { metadata: Record<string, string>; data: string };
  /** The protocol as `npm start` keeps it: a SQLite file. */
  let audit: AuditLog;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    audit = sqliteAuditLog(join(await mkdtemp(join(tmpdir(), 'schuldhulp-codec-audit-')), 'audit.sqlite'));
    const app = express().use(
      '/codec',
      codecServer({
        codec,
        toegang: eenVan(vastTokenToegang('vast-codec-token'), oidcToegang(issuer.verifier)),
        uiOrigin: 'http://127.0.0.1:1',
        audit,
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
    await audit?.sluit();
  });

  /** `autorisatie` is a whole Authorization header, as the test issuer's bearer() gives it. */
  async function decodeer(autorisatie: string, pagina?: string): Promise<{ status: number; tekst?: string; detail?: string }> {
    const antwoord = await fetch(`${basis}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: autorisatie, ...(pagina ? { referer: pagina } : {}) },
      body: JSON.stringify({ payloads: [versleuteld] }),
    });
    if (antwoord.status === 403) {
      const body = (await antwoord.json()) as Record<string, unknown>;
      // The reason, and nothing of the payloads.
      expect(Object.keys(body).sort()).toEqual(['detail', 'fout', 'status', 'title', 'type']);
      return { status: 403, detail: body.detail as string };
    }
    if (antwoord.status !== 200) return { status: antwoord.status };
    const { payloads } = (await antwoord.json()) as { payloads: { data: string }[] };
    return { status: 200, tekst: Buffer.from(payloads[0]!.data, 'base64').toString() };
  }

  it('decodes for an operator, a beheerder and the fixed CODEC_TOKEN', async () => {
    expect(await decodeer(await issuer.bearer('operator'))).toEqual({ status: 200, tekst: '"B. Bakker"' });
    expect(await decodeer(await issuer.bearer('beheerder'))).toEqual({ status: 200, tekst: '"B. Bakker"' });
    expect(await decodeer('Bearer vast-codec-token')).toEqual({ status: 200, tekst: '"B. Bakker"' });
  });

  it('refuses other roles with the reason (403) and answers 401 to expired, wrong-audience or forged tokens', async () => {
    expect(await decodeer(await issuer.bearer('medewerker', ['nieuw-west']))).toEqual({
      status: 403,
      detail: 'alleen operator en beheerder ontsleutelen payloads; dit token heeft rol medewerker',
    });
    expect(await decodeer(await issuer.bearer('teamleider', ['nieuw-west']))).toMatchObject({
      status: 403,
      detail: expect.stringContaining('rol teamleider'),
    });
    expect(await decodeer(await issuer.bearer('operator', [], { geldigSeconden: -60 }))).toEqual({ status: 401 });
    expect(await decodeer(await issuer.bearer('operator', [], { audience: 'een-ander-systeem' }))).toEqual({ status: 401 });
    const [kop, inhoud] = (await issuer.bearer('operator')).split('.');
    expect(await decodeer(`${kop}.${inhoud}.${'A'.repeat(86)}`)).toEqual({ status: 401 });
  });

  it('records who decoded, when and for which case in the protocol, never what was decoded', async () => {
    const van = new Date().toISOString();
    const pagina = 'http://127.0.0.1:1/namespaces/default/workflows/traject-3f9a0c/2b7e-run/history';
    expect((await decodeer(await issuer.bearer('operator', [], { sub: 'ops-0042' }), pagina)).status).toBe(200);
    expect((await decodeer('Bearer vast-codec-token')).status).toBe(200);
    expect((await decodeer(await issuer.bearer('medewerker', ['noord'], { sub: 'mdw-0099' }), pagina)).status).toBe(403);
    expect((await decodeer('Bearer geraden', pagina)).status).toBe(401);

    const regels = await uiteindelijk(async () => {
      const gevonden = await audit.zoek({ van, limiet: 10 });
      expect(gevonden).toHaveLength(4);
      return gevonden;
    });
    expect(regels).toEqual([
      expect.objectContaining({
        gebruiker: 'ops-0042',
        rollen: ['operator'],
        actie: 'POST /codec/decode',
        zaakId: 'traject-3f9a0c',
        status: 200,
      }),
      expect.objectContaining({ gebruiker: 'CODEC_TOKEN', rollen: [], actie: 'POST /codec/decode', status: 200 }),
      // Refused attempts are recorded as well: a proven user's with who it was, a forged one without.
      expect.objectContaining({
        gebruiker: 'mdw-0099',
        rollen: ['medewerker'],
        actie: 'POST /codec/decode',
        zaakId: 'traject-3f9a0c',
        status: 403,
      }),
      expect.objectContaining({ rollen: [], actie: 'POST /codec/decode', zaakId: 'traject-3f9a0c', status: 401 }),
    ]);
    expect(regels[1]).not.toHaveProperty('zaakId');
    expect(regels[3]).not.toHaveProperty('gebruiker');
    const tekst = JSON.stringify(regels);
    for (const inhoud of ['Bakker', versleuteld.data]) expect(tekst).not.toContain(inhoud);
  });
});
