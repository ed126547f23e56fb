import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
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

/**
 * One time-skipping server for a whole test file, handed to `zet`: a JVM start costs seconds. For
 * files whose tests get along on one server; each test starts where the one before left the clock.
 * With TEST_STARTMOMENT (scripts/test.sh), every test gets its own server that starts at that moment.
 */
export function tijdreisPerBestand(zet: (env: TestWorkflowEnvironment) => void): void {
  if (process.env.TEST_STARTMOMENT) return tijdreisPerTest(zet);
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await tijdreisOmgeving();
    zet(env);
  });
  afterAll(async () => {
    await env?.teardown();
    env = undefined;
  });
}
