#!/usr/bin/env bash
# Runs every check: type check, lint (typescript-eslint), unit tests, workflow tests on the Java time-skipping test server,
# and integration tests against the real Temporal dev server (started by the tests themselves).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh --tests
npx tsc --noEmit
npx tsc --noEmit -p web
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; log "formatting differs: run npm run format"; exit 1; }
mkdir -p .data
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json "$@" || status=$?
# One plain summary line for CI logs.
node -e 'const r = require(process.argv[1]); console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$ROOT/.data/vitest.json" || true
exit $status
