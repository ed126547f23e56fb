#!/usr/bin/env bash
# Installs what the service needs, from package registries only, skipping what is already current:
# npm packages and the Temporal CLI (built with the Go module proxy). With --tests also the Java
# time-skipping test server's classpath (Maven Central).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

stamp="node_modules/.package-lock.sha"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# `go install` builds report version 0.0.0-DEV, so a stamp file records which release was built.
cli_stamp="$TEMPORAL_BIN.version"
if [[ ! -x "$TEMPORAL_BIN" || "$(cat "$cli_stamp" 2>/dev/null)" != "$TEMPORAL_CLI_VERSION" ]]; then
  log "building Temporal CLI $TEMPORAL_CLI_VERSION with go install (first time: about 5 minutes on 2 cores)"
  GOBIN="$TEMPORAL_DIR/bin" GOFLAGS=-buildvcs=false go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  echo "$TEMPORAL_CLI_VERSION" > "$cli_stamp"
fi

# The web app under /app/ (esbuild into web/dist); the script skips it when its sources are unchanged.
node_modules/.bin/tsx scripts/build-web.ts

# The browser tests drive Debian's chromium (playwright-core) and firefox-esr (puppeteer-core over
# WebDriver BiDi); no browser download.
if [[ "${1:-}" == "--tests" ]]; then
  browsers=()
  [[ -x /usr/bin/chromium ]] || browsers+=(chromium)
  [[ -x /usr/bin/firefox-esr ]] || browsers+=(firefox-esr)
  if ((${#browsers[@]} > 0)); then
    log "installing ${browsers[*]} (Debian packages) for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${browsers[@]}"
  fi
fi

if [[ "${1:-}" == "--tests" ]] && [[ ! -s "$TEST_SERVER_CLASSPATH" || tools/test-server/pom.xml -nt "$TEST_SERVER_CLASSPATH" ]]; then
  log "resolving the Temporal Java test server from Maven Central"
  mvn -q -B -f tools/test-server/pom.xml dependency:build-classpath -Dmdep.outputFile="$TEST_SERVER_CLASSPATH"
fi

# A class-data-sharing archive cuts the test server's JVM start from ~7 s to ~1.5 s on a busy
# machine; the SDK gives a server only 5 s to listen. Made by one run that exits after listening.
if [[ "${1:-}" == "--tests" ]] && [[ ! -s "$TEST_SERVER_ARCHIVE" || "$TEST_SERVER_CLASSPATH" -nt "$TEST_SERVER_ARCHIVE" ]]; then
  log "creating the test server's class-data-sharing archive"
  rm -f "$TEST_SERVER_ARCHIVE"
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  java -Xss8m -XX:ArchiveClassesAtExit="$TEST_SERVER_ARCHIVE" -cp "$(cat "$TEST_SERVER_CLASSPATH")" \
    io.temporal.testserver.TestServer "$port" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 1 120); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  kill "$server"
  wait "$server" || true
fi

# The production-like cluster for the end-to-end run against PostgreSQL (scripts/cluster.sh).
# Measured cold on 2 cores: see README (Set-up).
if [[ "${1:-}" == "--tests" || "${1:-}" == "--cluster" ]]; then
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    log "installing PostgreSQL from Debian packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  cluster_stamp="$CLUSTER_DIR/bin/versions"
  cluster_want="$TEMPORAL_SERVER_VERSION $TEMPORAL_UI_SERVER_VERSION"
  if [[ "$(cat "$cluster_stamp" 2>/dev/null)" != "$cluster_want" ]]; then
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
  fi
fi
