#!/usr/bin/env bash
# Runs the whole service: Temporal dev server (unless TEMPORAL_ADDRESS points at a cluster),
# worker and HTTP API. Ctrl-C stops all of it; cases persist in .temporal/dev.sqlite.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

if [[ -z "${TEMPORAL_ADDRESS:-}" ]]; then
  bash scripts/dev-server.sh & pids+=($!)
  export TEMPORAL_ADDRESS="127.0.0.1:${TEMPORAL_PORT:-7233}"
  log "waiting for the Temporal dev server at $TEMPORAL_ADDRESS"
  for _ in $(seq 1 120); do
    "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 && break
    kill -0 "${pids[0]}" 2>/dev/null || { log "dev server exited; see its output above"; exit 1; }
    sleep 0.5
  done
  log "Temporal Web UI: http://localhost:${TEMPORAL_UI_PORT:-8233}"
fi
# Also for an existing dev database: start-dev registers attributes only when it creates the namespace.
bash scripts/register-search-attributes.sh

node_modules/.bin/tsx workers/main.ts & pids+=($!)
node_modules/.bin/tsx api/main.ts & pids+=($!)
log "API: http://localhost:${PORT:-3000} (GET /health)"
wait -n
log "a process stopped; shutting down the rest"
exit 1
