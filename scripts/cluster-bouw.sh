#!/usr/bin/env bash
# Builds the production-like cluster's binaries (scripts/cluster.sh) with the Go module proxy:
# Temporal server, its SQL tool and the UI server, at the versions of lib.sh; skipped when built.
# Several minutes of both cores on a new machine: npm test starts it beside its other work.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
cluster_stamp="$CLUSTER_DIR/bin/versions"
cluster_want="$TEMPORAL_SERVER_VERSION $TEMPORAL_UI_SERVER_VERSION"
[[ "$(cat "$cluster_stamp" 2>/dev/null)" == "$cluster_want" ]] && exit 0
log "building Temporal server $TEMPORAL_SERVER_VERSION, its SQL tool and UI server $TEMPORAL_UI_SERVER_VERSION with go install (first time: several minutes)"
mkdir -p "$CLUSTER_DIR/bin" "$CLUSTER_DIR/ui-bin"
GOBIN="$CLUSTER_DIR/bin" GOFLAGS=-buildvcs=false go install \
  "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
# Same binary name (server) as Temporal's, hence its own folder.
GOBIN="$CLUSTER_DIR/ui-bin" GOFLAGS=-buildvcs=false go install "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_SERVER_VERSION"
# The versioned SQL schema ships in the server module; keep it next to the binaries.
rm -rf "$CLUSTER_DIR/schema"
cp -r "$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION/schema/postgresql/v12" "$CLUSTER_DIR/schema"
chmod -R u+w "$CLUSTER_DIR/schema"
echo "$cluster_want" > "$cluster_stamp"
