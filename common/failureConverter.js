// Plain JavaScript on purpose: the SDK require()s this file by path (failureConverterPath) in the
// worker, the client and the workflow bundle, also where no TypeScript loader runs.
const { DefaultFailureConverter } = require('@temporalio/common');

/** Failure messages and stack traces travel as a payload, so the payload codec encrypts them too. */
exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
