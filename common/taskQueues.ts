/** The one task queue the worker polls; the API and tests start workflows on it. */
export const TASK_QUEUE = 'schuldhulp';
