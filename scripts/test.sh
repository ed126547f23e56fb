#!/usr/bin/env bash
# Runs every check: type check, lint (typescript-eslint), unit tests, workflow tests on the Java
# time-skipping test server, integration tests against the real Temporal dev server (started by the
# tests themselves) and, on a full run, the end-to-end suite once more against the PostgreSQL
# cluster of scripts/cluster.sh.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh --tests
npx tsc --noEmit
npx tsc --noEmit -p web
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; log "formatting differs: run npm run format"; exit 1; }
mkdir -p .data
status=0
rm -f .data/vitest*.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest.json "$@" || status=$?
if [[ $# -eq 0 ]]; then
  bash scripts/e2e-cluster.sh --reporter=default --reporter=json --outputFile.json=.data/vitest-cluster.json || status=1
  # The workflow tests once more as on other days (a Sunday, the evening before a clock change,
  # Christmas Eve): the files whose only server is the time-skipping one, which can start there.
  mapfile -t tijdreis < <(grep -l "tijdreisPerTest\|tijdreisOmgeving" test/*.test.ts |
    xargs grep -L "devServerOmgeving\|e2eOmgeving\|omgevingOp\|DevServerProces")
  for moment in $(npx tsx scripts/startmomenten.ts); do
    log "workflow tests as on $moment"
    TEST_STARTMOMENT="$moment" npx vitest run --reporter=default --reporter=json \
      --outputFile.json=".data/vitest-op-$moment.json" "${tijdreis[@]}" || status=1
  done
fi
# One plain summary line for CI logs, over all runs.
node -e '
  const rs = process.argv.slice(1).filter((f) => require("fs").existsSync(f)).map((f) => ({ ...require(f), bestand: f }));
  const som = (k) => rs.reduce((n, r) => n + r[k], 0);
  console.log(`vitest: ${som("numPassedTests")} passed, ${som("numFailedTests")} failed`);
  // The names of failed tests come last, so that a log that keeps only its tail still shows them.
  for (const r of rs)
    for (const f of r.testResults)
      for (const t of f.assertionResults.filter((t) => t.status === "failed"))
        console.log(`FAILED ${require("path").relative(process.cwd(), f.name)} > ${t.fullName} (${require("path").basename(r.bestand, ".json")}): ${(t.failureMessages[0] ?? "").split("\n")[0].slice(0, 300)}`);
' "$ROOT"/.data/vitest*.json || true
exit $status
