#!/usr/bin/env bash
# Runs every check: type check, unit tests, workflow tests on the Java time-skipping test server,
# and integration tests against the real Temporal dev server (started by the tests themselves).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh --tests
npx tsc --noEmit
npx vitest run "$@"
