import { DefaultLogger, Runtime } from '@temporalio/worker';

// Keep test output readable: workflow and activity logs only from WARN up (alerts stay visible).
Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
