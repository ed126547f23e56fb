#!/usr/bin/env bash
# Prepares the namespace on a cluster: the retention of closed cases (TEMPORAL_RETENTIE) and the project's search
# attributes (existing attributes are left alone). Safe to run again.
source "$(dirname "$0")/lib.sh"
# The CLI reads the connection as the service does (Temporal's environment configuration, see
# common/temporalVerbinding.ts): TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*,
# TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE. The names this project used before are passed on under Temporal's.
[[ -n "${TEMPORAL_TLS_CERT:-}" ]] && export TEMPORAL_TLS_CLIENT_CERT_PATH="${TEMPORAL_TLS_CLIENT_CERT_PATH:-$TEMPORAL_TLS_CERT}"
[[ -n "${TEMPORAL_TLS_KEY:-}" ]] && export TEMPORAL_TLS_CLIENT_KEY_PATH="${TEMPORAL_TLS_CLIENT_KEY_PATH:-$TEMPORAL_TLS_KEY}"
[[ -n "${TEMPORAL_TLS_CA:-}" ]] && export TEMPORAL_TLS_SERVER_CA_CERT_PATH="${TEMPORAL_TLS_SERVER_CA_CERT_PATH:-$TEMPORAL_TLS_CA}"

# Closed cases (and the personal data in their histories) are deleted by the server after this.
"$TEMPORAL_BIN" operator namespace update --retention "$TEMPORAL_RETENTIE" >/dev/null
log "retention of closed cases in ${TEMPORAL_NAMESPACE:-the profile namespace}: $TEMPORAL_RETENTIE"

bestaand="$("$TEMPORAL_BIN" operator search-attribute list)"
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do
  naam="${attribuut%%=*}"
  if ! grep -qw "$naam" <<<"$bestaand"; then
    log "registering search attribute $attribuut"
    "$TEMPORAL_BIN" operator search-attribute create --name "$naam" --type "${attribuut#*=}"
  fi
done
