#!/usr/bin/env bash
# Runs the Temporal CLI dev server: SQLite file in .temporal/ (cases survive restarts), Web UI,
# and the project's search attributes. Ports: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233).
source "$(dirname "$0")/lib.sh"
args=(server start-dev
  --ip "${TEMPORAL_IP:-127.0.0.1}"
  --port "${TEMPORAL_PORT:-7233}"
  --ui-port "${TEMPORAL_UI_PORT:-8233}"
  --db-filename "${TEMPORAL_DB:-$TEMPORAL_DIR/dev.sqlite}"
  --namespace default
  --log-level warn)
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribuut"); done
exec "$TEMPORAL_BIN" "${args[@]}"
