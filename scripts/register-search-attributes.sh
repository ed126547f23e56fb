#!/usr/bin/env bash
# Registers the project's search attributes on an existing cluster (TEMPORAL_ADDRESS,
# TEMPORAL_NAMESPACE, and the TEMPORAL_TLS_* files if set); existing attributes are left alone.
source "$(dirname "$0")/lib.sh"
verbinding=(--address "$TEMPORAL_ADDRESS" --namespace "${TEMPORAL_NAMESPACE:-default}")
[[ -n "${TEMPORAL_TLS_CERT:-}" ]] && verbinding+=(--tls-cert-path "$TEMPORAL_TLS_CERT" --tls-key-path "$TEMPORAL_TLS_KEY")
[[ -n "${TEMPORAL_TLS_CA:-}" ]] && verbinding+=(--tls-ca-path "$TEMPORAL_TLS_CA")
bestaand="$("$TEMPORAL_BIN" operator search-attribute list "${verbinding[@]}")"
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do
  naam="${attribuut%%=*}"
  if ! grep -qw "$naam" <<<"$bestaand"; then
    log "registering search attribute $attribuut"
    "$TEMPORAL_BIN" operator search-attribute create "${verbinding[@]}" --name "$naam" --type "${attribuut#*=}"
  fi
done
