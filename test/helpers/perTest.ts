import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach } from 'vitest';
import { tijdreisOmgeving } from './temporal';

/**
 * A fresh time-skipping server per test, handed to `zet`. The Java test server can keep time
 * locked after a workflow completes inside an update, which would stall a later test's skipping.
 */
export function tijdreisPerTest(zet: (env: TestWorkflowEnvironment) => void): void {
  let env: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    env = await tijdreisOmgeving();
    zet(env);
  });
  afterEach(async () => {
    await env?.teardown();
    env = undefined;
  });
}
