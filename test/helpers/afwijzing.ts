import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';

/** Asserts that an update was rejected with an ApplicationFailure of `type` whose message matches. */
export async function verwachtAfwijzing(p: Promise<unknown>, type: string, tekst: RegExp): Promise<void> {
  const fout = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(fout).toBeInstanceOf(WorkflowUpdateFailedError);
  const oorzaak = (fout as WorkflowUpdateFailedError).cause;
  expect(oorzaak).toBeInstanceOf(ApplicationFailure);
  expect((oorzaak as ApplicationFailure).type).toBe(type);
  expect((oorzaak as ApplicationFailure).message).toMatch(tekst);
}

/** Retries `check` until it passes: visibility is eventually consistent. */
export async function uiteindelijk<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const tot = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (fout) {
      if (Date.now() > tot) throw fout;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
