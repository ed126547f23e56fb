import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

// Keep test output readable: workflow and activity logs only from WARN up (alerts stay visible).
const niveau = (process.env.TEST_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN';
const uitvoer = new DefaultLogger(niveau);

/** An outage retried for days fails hundreds of identical attempts: log attempts 1, 2, 4, 8, … only. */
function herhaaldePoging({ message, meta }: LogEntry): boolean {
  const poging = meta?.attempt;
  return message === 'Activity failed' && typeof poging === 'number' && (poging & (poging - 1)) !== 0;
}

Runtime.install({
  logger: new DefaultLogger(niveau, (entry) => {
    if (!herhaaldePoging(entry)) uitvoer.log(entry.level, entry.message, entry.meta);
  }),
});
