#!/usr/bin/env bash
# Runs the end-to-end suite (test/api.test.ts) and the operator's Temporal UI (test/temporalUi.test.ts,
# whose development issuer and HTTPS codec server take the two ports after the cluster's) once
# against a fresh PostgreSQL cluster started by scripts/cluster.sh on free loopback ports, then
# stops the cluster. Extra args go to vitest.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

vrij() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 50); do
  # Below 32768: the server keeps membership ports in a PostgreSQL smallint and dies on larger ones.
  basis=$((20000 + RANDOM % 12000))
  alle_vrij=1
  for p in $(seq "$basis" $((basis + 13))); do vrij "$p" || { alle_vrij=0; break; }; done
  ((alle_vrij)) && break
done
data="$(mktemp -d)"
export CLUSTER_DATA="$data" CLUSTER_UI="http://127.0.0.1:$((basis + 11))"
export CLUSTER_OIDC_ISSUER="http://127.0.0.1:$((basis + 12))" CLUSTER_CODEC_ENDPOINT="https://127.0.0.1:$((basis + 13))/codec"
CLUSTER_PORT="$basis" CLUSTER_UI_PORT=$((basis + 11)) bash scripts/cluster.sh >"$data/cluster.out" 2>&1 &
cluster=$!
trap 'kill "$cluster" 2>/dev/null || true; wait "$cluster" 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 360); do
  grep -q "cluster gereed" "$data/cluster.out" && break
  kill -0 "$cluster" 2>/dev/null || break
  sleep 0.5
done
grep -q "cluster gereed" "$data/cluster.out" || { log "cluster did not start"; cat "$data/cluster.out" "$data"/server.log 2>/dev/null | tail -40 >&2; exit 1; }
TEMPORAL_CLUSTER_ADDRESS="127.0.0.1:$basis" npx vitest run test/api.test.ts test/temporalUi.test.ts "$@"
