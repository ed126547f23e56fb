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

# Development secrets, made once into the gitignored GEHEIMEN_DIR (.geheimen/); never in the repository.
geheimen="${GEHEIMEN_DIR:-$ROOT/.geheimen}"
if [[ -z "${SLEUTELRING:-}" ]]; then
  export SLEUTELRING_BESTAND="${SLEUTELRING_BESTAND:-$geheimen/sleutelring.json}"
  node_modules/.bin/tsx scripts/sleutelring.ts maak "$SLEUTELRING_BESTAND"
fi
if [[ -z "${CODEC_TOKEN:-}" ]]; then
  if [[ ! -s "$geheimen/codec-token" ]]; then
    mkdir -p "$geheimen"
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >"$geheimen/codec-token")
    log "codec token made: $geheimen/codec-token"
  fi
  CODEC_TOKEN="$(cat "$geheimen/codec-token")"
  export CODEC_TOKEN
fi

if [[ -z "${TEMPORAL_ADDRESS:-}" ]]; then
  bash scripts/dev-server.sh & pids+=($!)
  export TEMPORAL_ADDRESS="127.0.0.1:${TEMPORAL_PORT:-7233}"
  log "waiting for the Temporal dev server at $TEMPORAL_ADDRESS"
  wacht_op_temporal "$TEMPORAL_ADDRESS" "${pids[0]}" || exit 1
  log "Temporal Web UI: http://localhost:${TEMPORAL_UI_PORT:-8233} (decodes only through http://localhost:${PORT:-3000}/codec)"
fi
# Also for an existing dev database: start-dev registers attributes only when it creates the namespace.
bash scripts/namespace-setup.sh

node_modules/.bin/tsx workers/main.ts & pids+=($!)
node_modules/.bin/tsx api/main.ts & pids+=($!)
log "API: http://localhost:${PORT:-3000} (GET /health)"
wait -n
log "a process stopped; shutting down the rest"
exit 1
