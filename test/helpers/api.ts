import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp, type AppOpties } from '../../api/app';
import { WerkvoorraadProjectie, type ProjectieOpties } from '../../api/werkvoorraadProjectie';

export interface DraaiendeApi {
  basis: string;
  werkvoorraad: WerkvoorraadProjectie;
  stop(): Promise<void>;
}

/** The API as api/main.ts runs it (with its werkvoorraad read model, `opties` such as the codec server), on a free loopback port. */
export async function startApi(
  client: Client,
  projectie: ProjectieOpties = {},
  opties: Partial<Omit<AppOpties, 'werkvoorraad'>> = {},
): Promise<DraaiendeApi> {
  const werkvoorraad = new WerkvoorraadProjectie(client, { intervalMs: 200, ...projectie });
  werkvoorraad.start();
  const server: Server = createApp(client, { persoonGeheim: randomBytes(32), ...opties, werkvoorraad }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    basis: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    werkvoorraad,
    async stop() {
      await new Promise((r) => server.close(r));
      await werkvoorraad.stop();
    },
  };
}
