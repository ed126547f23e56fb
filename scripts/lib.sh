# Shared settings for the scripts; sourced, never run. Pinned versions live here only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMPORAL_CLI_VERSION="v1.5.1"   # newest CLI release that `go install` accepts (later ones use replace directives)
TEMPORAL_DIR="$ROOT/.temporal"  # gitignored: binaries, classpath, SQLite database
TEMPORAL_BIN="$TEMPORAL_DIR/bin/temporal"
# The production-like cluster (scripts/cluster.sh): server, its SQL schema tool and the UI server,
# built with `go install`; docker-compose.yml uses the same releases.
TEMPORAL_SERVER_VERSION="v1.29.1"
TEMPORAL_UI_SERVER_VERSION="v2.42.1"
CLUSTER_DIR="$TEMPORAL_DIR/cluster"
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
