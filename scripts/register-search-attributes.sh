#!/usr/bin/env bash
# Registers the project's search attributes on an existing cluster (TEMPORAL_ADDRESS,
# TEMPORAL_NAMESPACE); attributes that already exist are left alone.
source "$(dirname "$0")/lib.sh"
namespace="${TEMPORAL_NAMESPACE:-default}"
bestaand="$("$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$namespace")"
for attribuut in "${SEARCH_ATTRIBUTES[@]}"; do
  naam="${attribuut%%=*}"
  if ! grep -qw "$naam" <<<"$bestaand"; then
    log "registering search attribute $attribuut in namespace $namespace"
    "$TEMPORAL_BIN" operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$namespace" \
      --name "$naam" --type "${attribuut#*=}"
  fi
done
