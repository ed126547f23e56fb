#!/usr/bin/env bash
# Prepares the namespace on a cluster (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, and the TEMPORAL_TLS_*
# files if set): the retention of closed cases (TEMPORAL_RETENTIE) and the project's search
# attributes (existing attributes are left alone). Safe to run again.
source "$(dirname "$0")/lib.sh"
verbinding=(--address "$TEMPORAL_ADDRESS" --namespace "${TEMPORAL_NAMESPACE:-default}")
[[ -n "${TEMPORAL_TLS_CERT:-}" ]] && verbinding+=(--tls-cert-path "$TEMPORAL_TLS_CERT" --tls-key-path "$TEMPORAL_TLS_KEY")
[[ -n "${TEMPORAL_TLS_CA:-}" ]] && verbinding+=(--tls-ca-path "$TEMPORAL_TLS_CA")

# Closed cases (and the personal data in their histories) are deleted by the server after this.
"$TEMPORAL_BIN" operator namespace update "${verbinding[@]}" --retention "$TEMPORAL_RETENTIE" >/dev/null
log "retention of closed cases in ${TEMPORAL_NAMESPACE:-default}: $TEMPORAL_RETENTIE"

bestaand="$("$TEMPORAL_BIN" operator search-attribute list "${verbinding[@]}")"
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do
  naam="${attribuut%%=*}"
  if ! grep -qw "$naam" <<<"$bestaand"; then
    log "registering search attribute $attribuut"
    "$TEMPORAL_BIN" operator search-attribute create "${verbinding[@]}" --name "$naam" --type "${attribuut#*=}"
  fi
done
