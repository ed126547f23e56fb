import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp, type AppOpties } from '../../api/app';
import { sqliteAuditLog } from '../../api/audit/auditSqlite';
import { codecServer } from '../../api/auth/codecServer';
import { oidcToegang } from '../../api/auth/codecToegang';
import { WEB_CLIENT_ID } from '../../api/auth/devIssuer';
import { AesGcmCodec } from '../../common/versleuteling';
import { testSleutelring } from './sleutels';
import { WerkvoorraadProjectie, type ProjectieOpties } from '../../api/werkvoorraad/werkvoorraadProjectie';
import { vrijePoort } from './poorten';
import { startTestIssuer, type TestIssuer, type TokenLevensduur } from './tokens';

export interface DraaiendeApi {
  basis: string;
  werkvoorraad: WerkvoorraadProjectie;
  /** The real issuer over HTTP whose tokens this API accepts; `issuer.bearer(...)` mints one. */
  issuer: TestIssuer;
  stop(): Promise<void>;
}

/** Over HTTPS on a fixed port (as api/main.ts with CODEC_TLS_*), for a Temporal UI that passes access tokens. */
interface Https {
  cert: Buffer;
  key: Buffer;
  poort: number;
}

/**
 * The API as api/main.ts runs it (with its werkvoorraad read model, a token issuer and `opties` such
 * as the codec server), on a free loopback port; `issuerPoort` fixes the issuer's port, `https` serves TLS.
 */
export async function startApi(
  client: Client,
  projectie: ProjectieOpties = {},
  {
    metWebapp,
    levensduur,
    issuerPoort,
    https,
    codecVoorUi,
    ...opties
  }: Partial<Omit<AppOpties, 'werkvoorraad' | 'verifier' | 'webapp'>> & {
    metWebapp?: boolean;
    levensduur?: TokenLevensduur;
    issuerPoort?: number;
    https?: Https;
    /** The codec server as api/main.ts mounts it (OIDC tokens of operators and beheerders) for the Temporal UI at this origin. */
    codecVoorUi?: string;
  } = {},
): Promise<DraaiendeApi> {
  // With the web app, the issuer must know the app's redirect URI before the app listens: fix the port first.
  const poort = metWebapp ? await vrijePoort() : 0;
  const issuer = await startTestIssuer(metWebapp ? [`http://127.0.0.1:${poort}/app/`] : [], levensduur, issuerPoort);
  const werkvoorraad = new WerkvoorraadProjectie(client, { intervalMs: 200, storingIntervalMs: 1000, ...projectie });
  werkvoorraad.start();
  // startApi closes the protocol store it was given, too.
  const audit = opties.audit ?? sqliteAuditLog(':memory:');
  const webapp = metWebapp
    ? { webapp: { issuer: issuer.url, clientId: WEB_CLIENT_ID, ...(codecVoorUi ? { temporalUi: codecVoorUi } : {}) } }
    : {};
  const codec = codecVoorUi
    ? {
        codec: codecServer({
          codec: new AesGcmCodec(testSleutelring),
          toegang: oidcToegang(issuer.verifier),
          uiOrigin: codecVoorUi,
          audit,
        }),
      }
    : {};
  const app = createApp(client, {
    persoonGeheim: randomBytes(32),
    ...opties,
    ...webapp,
    ...codec,
    audit,
    werkvoorraad,
    verifier: issuer.verifier,
  });
  const server: Server = https ? createHttpsServer(https, app).listen(https.poort, '127.0.0.1') : app.listen(poort, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    basis: `${https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    werkvoorraad,
    issuer,
    async stop() {
      await new Promise((r) => server.close(r));
      await werkvoorraad.stop();
      await issuer.stop();
      await audit.sluit();
    },
  };
}
