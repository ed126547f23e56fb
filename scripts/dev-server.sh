#!/usr/bin/env bash
# Runs the Temporal CLI dev server: SQLite file in .temporal/ (cases survive restarts), Web UI that
# decodes payloads only through the API's codec server, the retention of closed cases, the project's
# search attributes and eager activity dispatch, as on the cluster (tools/cluster/dynamicconfig.yaml).
# Ports: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233).
source "$(dirname "$0")/lib.sh"
adres="${TEMPORAL_IP:-127.0.0.1}:${TEMPORAL_PORT:-7233}"
args=(server start-dev
  --ip "${TEMPORAL_IP:-127.0.0.1}"
  --port "${TEMPORAL_PORT:-7233}"
  --ui-port "${TEMPORAL_UI_PORT:-8233}"
  --ui-codec-endpoint "${CODEC_ENDPOINT:-http://localhost:${PORT:-3000}/codec}"
  --db-filename "${TEMPORAL_DB:-$TEMPORAL_DIR/dev.sqlite}"
  --namespace default
  --dynamic-config-value system.enableActivityEagerExecution=true
  --log-level warn)
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribuut"); done

# Retention and search attributes once the server answers (--search-attribute only applies to a
# new database file). In the background, so that the server itself replaces this shell (exec):
# signals from whoever started us (SIGTERM, SIGKILL, SIGSTOP) reach it directly. `$$` is then
# the server's pid, so the set-up gives up if the server dies first.
(wacht_op_temporal "$adres" $$ && TEMPORAL_ADDRESS="$adres" TEMPORAL_NAMESPACE=default bash "$ROOT/scripts/namespace-setup.sh") &
exec "$TEMPORAL_BIN" "${args[@]}"
