# Shared settings for the scripts; sourced, never run. Pinned versions live here only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMPORAL_CLI_VERSION="v1.5.1"   # newest CLI release that `go install` accepts (later ones use replace directives)
TEMPORAL_DIR="$ROOT/.temporal"  # gitignored: binaries, classpath, SQLite database
TEMPORAL_BIN="$TEMPORAL_DIR/bin/temporal"
TEST_SERVER_CLASSPATH="$TEMPORAL_DIR/test-server.classpath"
TEST_SERVER_ARCHIVE="$TEMPORAL_DIR/test-server.jsa"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# The search attributes every case carries; the dev server, docker-compose and tests register these.
SEARCH_ATTRIBUTES=(Buurtteam=Keyword Fase=Keyword Regievoerder=Keyword TermijnDatum=Datetime OpenTaak=KeywordList Bijgewerkt=Datetime Storing=KeywordList)
