import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { leesConfig } from '../common/config';
import { logJson } from '../common/jsonLog';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { temporalVerbinding } from '../common/temporalVerbinding';

/** gRPC status code NOT_FOUND. */
const GRPC_NOT_FOUND = 5;

/**
 * Prepares a namespace on a cluster, straight from common/searchAttributes.ts: creates it when
 * missing, sets the retention of closed cases and registers exactly the project's search attributes
 * (existing ones are left alone; one registered with another type is an error). Safe to run again.
 * docker-compose.yml runs this as a one-shot job (`node dist/workers/namespaceInrichting.js`).
 */
export async function richtNamespaceIn(connection: Connection, namespace: string, retentie: string): Promise<string[]> {
  const workflowExecutionRetentionTtl = msToTs(retentie as Duration);
  try {
    await connection.workflowService.describeNamespace({ namespace });
    await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl } });
  } catch (fout) {
    if (!isGrpcServiceError(fout) || fout.code !== GRPC_NOT_FOUND) throw fout;
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: workflowExecutionRetentionTtl });
  }
  const { customAttributes } = await nogNietBekendHerhaald(() => connection.operatorService.listSearchAttributes({ namespace }));
  const ontbrekend: Record<string, number> = {};
  for (const { name, type } of ALL_SEARCH_ATTRIBUTES) {
    const gewenst = encodeSearchAttributeIndexedValueType(type)!;
    const bestaand = customAttributes?.[name];
    if (bestaand === undefined || bestaand === null) ontbrekend[name] = gewenst;
    else if (bestaand !== gewenst) throw new Error(`zoekkenmerk ${name} bestaat al met een ander type (${bestaand}, verwacht ${gewenst})`);
  }
  if (Object.keys(ontbrekend).length > 0) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: ontbrekend });
  return Object.keys(ontbrekend);
}

/** A namespace registered a moment ago reaches the server's namespace cache within seconds. */
async function nogNietBekendHerhaald<T>(f: () => Promise<T>): Promise<T> {
  for (let poging = 1; ; poging++) {
    try {
      return await f();
    } catch (fout) {
      if (!isGrpcServiceError(fout) || fout.code !== GRPC_NOT_FOUND || poging >= 30) throw fout;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** The server of a fresh compose stack needs a while before it answers: try for two minutes. */
async function verbindMetGeduld(opties: Parameters<typeof Connection.connect>[0]): Promise<Connection> {
  const tot = Date.now() + 120_000;
  for (;;) {
    try {
      return await Connection.connect({ ...opties, connectTimeout: 5000 });
    } catch (fout) {
      if (Date.now() > tot) throw fout;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function main(): Promise<void> {
  const config = leesConfig(process.env, { api: false });
  const { namespace, ...verbinding } = temporalVerbinding();
  const connection = await verbindMetGeduld(verbinding);
  try {
    const nieuw = await richtNamespaceIn(connection, namespace, config.TEMPORAL_RETENTIE);
    logJson('INFO', 'namespace ingericht', { namespace, retentie: config.TEMPORAL_RETENTIE, nieuweZoekkenmerken: nieuw });
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((fout: unknown) => {
    logJson('ERROR', 'namespace-inrichting mislukt', { fout });
    process.exit(1);
  });
}
