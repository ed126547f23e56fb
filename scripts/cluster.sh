#!/usr/bin/env bash
# Runs a Temporal cluster as in production, in the foreground: PostgreSQL (persistence and
# visibility, schema set up by the server's own SQL tool), the Temporal server, the Temporal UI
# server and the project's search attributes. SIGTERM or Ctrl-C stops all of it.
# CLUSTER_PORT (7233): frontend gRPC; the next ten ports serve the other services, the server's
# metrics (+9) and PostgreSQL (+10). CLUSTER_UI_PORT (8080), CLUSTER_DATA (.temporal/cluster/data).
# The UI signs operators in with OIDC at CLUSTER_OIDC_ISSUER (default: the development issuer of
# `npm start`) and passes their access token to the codec server at CLUSTER_CODEC_ENDPOINT (default:
# the API's HTTPS port with the certificate made here), which decodes for operators and beheerders.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/install.sh" --cluster

poort="${CLUSTER_PORT:-7233}"
ui_poort="${CLUSTER_UI_PORT:-8080}"
data="${CLUSTER_DATA:-$CLUSTER_DIR/data}"
pg_poort=$((poort + 10))
pg_bin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -1)")"
export TEMPORAL_ADDRESS="127.0.0.1:$poort" TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
mkdir -p "$data"

# PostgreSQL refuses to run as root; as root it runs as the postgres user of the Debian package.
als_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pids=()
stop() {
  # Reverse order: UI and server first, then a fast shutdown of the database (its own tool:
  # runuser does not pass signals on).
  for ((i = ${#pids[@]} - 1; i >= 1; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  [[ -s "$data/pg/postmaster.pid" ]] && als_pg "$pg_bin/pg_ctl" stop -D "$data/pg" -m fast -s >/dev/null 2>&1
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

if [[ ! -s "$data/pg/PG_VERSION" ]]; then
  log "initialising PostgreSQL in $data/pg"
  mkdir -p "$data/pg"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$data" "$data/pg"
  # Local only (loopback, trust): this is a development and test database.
  als_pg "$pg_bin/initdb" -D "$data/pg" -U temporal --auth=trust >/dev/null
fi
als_pg "$pg_bin/postgres" -D "$data/pg" -p "$pg_poort" -k "$data/pg" -c listen_addresses=127.0.0.1 -c max_connections=200 \
  >"$data/postgres.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_poort" && break; sleep 0.5; done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_poort" || { log "PostgreSQL did not start; see $data/postgres.log"; exit 1; }

# Schema with the server's tool: create on first start, then bring to the release's version.
sql=("$CLUSTER_DIR/bin/sql" --plugin postgres12 --ep 127.0.0.1 -p "$pg_poort" -u temporal --pw temporal)
for db in temporal:temporal temporal_visibility:visibility; do
  naam="${db%%:*}"
  if ! "$pg_bin/psql" -h 127.0.0.1 -p "$pg_poort" -U temporal -d postgres -tAc "select 1 from pg_database where datname='$naam'" | grep -q 1; then
    log "creating database $naam"
    "${sql[@]}" --db "$naam" create-database >>"$data/schema.log" 2>&1
    "${sql[@]}" --db "$naam" setup-schema -v 0.0 >>"$data/schema.log" 2>&1
  fi
  "${sql[@]}" --db "$naam" update-schema -d "$CLUSTER_DIR/schema/${db#*:}/versioned" >>"$data/schema.log" 2>&1 ||
    { log "schema update of $naam failed; see $data/schema.log"; exit 1; }
done

# Server configuration: the release's development-postgres12 settings on our ports.
mkdir -p "$data/config"
cat >"$data/config/cluster.yaml" <<YAML
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
      sql: &pg
        pluginName: postgres12
        databaseName: temporal
        connectAddr: 127.0.0.1:$pg_poort
        connectProtocol: tcp
        user: temporal
        password: temporal
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        <<: *pg
        databaseName: temporal_visibility
        maxConns: 10
        maxIdleConns: 10
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:$((poort + 9))
services:
  frontend:
    rpc: { grpcPort: $poort, httpPort: $((poort + 1)), membershipPort: $((poort + 5)), bindOnLocalHost: true }
  history:
    rpc: { grpcPort: $((poort + 2)), membershipPort: $((poort + 6)), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $((poort + 3)), membershipPort: $((poort + 7)), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $((poort + 4)), membershipPort: $((poort + 8)), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:$poort
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: $ROOT/tools/cluster/dynamicconfig.yaml
  pollInterval: 10s
YAML
"$CLUSTER_DIR/bin/server" --root "$data" --config config --env cluster --allow-no-auth start >"$data/server.log" 2>&1 &
pids+=($!)
log "waiting for the Temporal server at $TEMPORAL_ADDRESS"
for _ in $(seq 1 240); do
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || { log "server exited; see $data/server.log"; tail -20 "$data/server.log" >&2; exit 1; }
  sleep 0.5
done
if ! "$TEMPORAL_BIN" operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  "$TEMPORAL_BIN" operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_RETENTIE" >/dev/null
fi
# A new namespace reaches every service's namespace cache within seconds.
for _ in $(seq 1 60); do
  "$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 && break
  sleep 1
done
bash "$ROOT/scripts/namespace-setup.sh"

issuer="${CLUSTER_OIDC_ISSUER:-http://127.0.0.1:${DEV_ISSUER_PORT:-3001}}"
codec="${CLUSTER_CODEC_ENDPOINT:-https://127.0.0.1:${CODEC_TLS_PORT:-3443}/codec}"
# The UI passes the access token only to an https:// codec endpoint: a local certificate for the API.
tls="$data/tls"
if [[ ! -s "$tls/cert.pem" ]]; then
  mkdir -p "$tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
fi
mkdir -p "$data/ui-config"
cat >"$data/ui-config/cluster.yaml" <<YAML
temporalGrpcAddress: $TEMPORAL_ADDRESS
port: $ui_poort
enableUi: true
defaultNamespace: $TEMPORAL_NAMESPACE
auth:
  enabled: true
  providers:
    - label: ${CLUSTER_OIDC_LABEL:-Gemeente-account}
      type: oidc
      providerUrl: $issuer
      clientId: ${CLUSTER_UI_CLIENT_ID:-temporal-ui}
      clientSecret: ${CLUSTER_UI_CLIENT_SECRET:-ontwikkel-temporal-ui}
      callbackUrl: http://127.0.0.1:$ui_poort/auth/sso/callback
      scopes: [openid, profile]
codec:
  endpoint: $codec
  passAccessToken: true
YAML
# The UI server reads the issuer's discovery once, at start, and exits without it: it waits for the issuer.
(
  until curl -fso /dev/null "$issuer/.well-known/openid-configuration"; do sleep 1; done
  exec "$CLUSTER_DIR/ui-bin/server" --root "$data" --config ui-config --env cluster start >"$data/ui.log" 2>&1
) &
pids+=($!)
log "Temporal UI http://127.0.0.1:$ui_poort starts once $issuer answers; its codec server $codec decodes with the operator's token"
log "the API for it: CODEC_TLS_CERT=$tls/cert.pem CODEC_TLS_KEY=$tls/key.pem CODEC_UI_ORIGIN=http://127.0.0.1:$ui_poort"
log "cluster gereed: Temporal $TEMPORAL_ADDRESS, UI http://127.0.0.1:$ui_poort, PostgreSQL 127.0.0.1:$pg_poort"
wait -n
log "a cluster process stopped; shutting down the rest"
exit 1
