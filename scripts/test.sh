#!/usr/bin/env bash
# Runs every check: type check, lint (typescript-eslint), unit tests, workflow tests on the Java
# time-skipping test server, integration tests against the real Temporal dev server (started by the
# tests themselves) and, on a full run, the end-to-end suite once more against the PostgreSQL
# cluster of scripts/cluster.sh.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
mkdir -p .data
# The cluster's Go build takes minutes of CPU on a new machine: it runs at low priority beside
# the install, the checks and the main test run (which mostly wait on servers), not before them.
bouw=""
if [[ $# -eq 0 ]]; then
  setsid nice -n 19 bash scripts/cluster-bouw.sh >.data/cluster-bouw.log 2>&1 &
  bouw=$!
  # A run that stops early (a failed check) leaves no build behind.
  trap 'kill -- -"$bouw" 2>/dev/null || true' EXIT
fi
bash scripts/install.sh --tests
# The checks side by side (each uses one core): the type checks, lint, and the formatting check.
(npx tsc --noEmit && npx tsc --noEmit -p web) >.data/typecheck.log 2>&1 &
typen=$!
npx prettier --check . >.data/opmaak.log 2>&1 &
opmaak=$!
npx eslint .
wait "$opmaak" || { cat .data/opmaak.log; log "formatting differs: run npm run format"; exit 1; }
wait "$typen" || { cat .data/typecheck.log; log "type check failed"; exit 1; }
status=0
rm -f .data/vitest*.json
op2035=""
if [[ $# -eq 0 ]]; then
  # The workflow tests whose expectations count terms from the server's "today" once more, started
  # at a moment where what goes wrong with days goes wrong at once: Sunday 18 March 2035 at 23:30 in
  # Amsterdam, a week before summer time starts on Easter Sunday, with an 8-week term that ends on
  # Pinksteren and runs past Pinkstermaandag. The tests as they were before commit 3600ca1 fail
  # there in all three ways the earlier runs on other days found. That every other day and clock
  # change gives the right terms is proven by test/kalenderOrakel.test.ts.
  mapfile -t datumgevoelig < <(grep -l "tijdreisPerTest\|tijdreisOmgeving\|tijdreisPerBestand" test/*.test.ts |
    xargs grep -l "from '../common/\(kalender\|termijnen\)'" |
    xargs grep -L "devServerOmgeving\|e2eOmgeving\|omgevingOp\|DevServerProces")
  # They run beside the main run (both mostly wait on their servers), one file at a time so that
  # the two runs together start no more servers than there are cores; their output kept for the end.
  TEST_STARTMOMENT=2035-03-18T22:30:00Z npx vitest run --maxWorkers=1 --reporter=default --reporter=json \
    --outputFile.json=.data/vitest-2035.json "${datumgevoelig[@]}" >.data/vitest-2035.log 2>&1 &
  op2035=$!
fi
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json "$@" || status=$?
if [[ $# -eq 0 ]]; then
  wait "$bouw" || { cat .data/cluster-bouw.log >&2; log "building the cluster failed"; status=1; }
  bash scripts/e2e-cluster.sh --reporter=default --reporter=json --outputFile.json=.data/vitest-cluster.json || status=1
  wait "$op2035" || status=1
  log "workflow tests as on Sunday 18 March 2035, 23:30 in Amsterdam"
  cat .data/vitest-2035.log
fi
# One plain summary line for CI logs, over all runs.
node -e '
  const rs = process.argv.slice(1).filter((f) => require("fs").existsSync(f)).map((f) => ({ ...require(f), bestand: f }));
  const som = (k) => rs.reduce((n, r) => n + r[k], 0);
  console.log(`vitest: ${som("numPassedTests")} passed, ${som("numFailedTests")} failed`);
  // The names of failed tests come last, so that a log that keeps only its tail still shows them.
  // A timeout keeps only the stack of where the test or hook was declared, headed STACK_TRACE_ERROR.
  const reden = (m = "") => (m.startsWith("Error: STACK_TRACE_ERROR") ? "timed out (vitest test or hook timeout)" : m.split("\n")[0].slice(0, 300));
  for (const r of rs)
    for (const f of r.testResults)
      for (const t of f.assertionResults.filter((t) => t.status === "failed"))
        console.log(`FAILED ${require("path").relative(process.cwd(), f.name)} > ${t.fullName} (${require("path").basename(r.bestand, ".json")}): ${reden(t.failureMessages[0])}`);
' "$ROOT"/.data/vitest*.json || true
exit $status
