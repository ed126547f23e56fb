import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SEARCH_ATTRIBUTES } from '../common/searchAttributes';
import { richtNamespaceIn } from '../workers/namespaceInrichting';
import { devServerOmgeving } from './helpers/temporal';

describe('namespace set-up from common/searchAttributes.ts (the compose job)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServerOmgeving();
  });
  afterAll(() => env?.teardown());

  it('creates the namespace with its retention and exactly the project’s search attributes, and can run again', async () => {
    const { connection } = env;
    const namespace = 'compose-inrichting';
    expect((await richtNamespaceIn(connection, namespace, '48h')).sort()).toEqual(ALL_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const { config } = await connection.workflowService.describeNamespace({ namespace });
    expect(Number(config?.workflowExecutionRetentionTtl?.seconds)).toBe(48 * 3600);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(customAttributes ?? {}).sort()).toEqual(ALL_SEARCH_ATTRIBUTES.map((k) => k.name).sort());

    expect(await richtNamespaceIn(connection, namespace, '720h')).toEqual([]);
    const nu = await connection.workflowService.describeNamespace({ namespace });
    expect(Number(nu.config?.workflowExecutionRetentionTtl?.seconds)).toBe(720 * 3600);
  });
});
