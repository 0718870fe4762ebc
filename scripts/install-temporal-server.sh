#!/usr/bin/env bash
# Installs the full Temporal server (`temporal-server`) and its SQL schema tool
# (`temporal-sql-tool`) into .tools/bin, built from their Go modules at the versions
# docker-compose.yml's images pin (temporalio/server, temporalio/admin-tools), so the native
# topology (`npm run topology`) runs the same server code as the compose file.
#   --ui   also the Temporal Web UI server (`temporal-ui-server`, the temporalio/ui version);
#          its module embeds the built UI (~550 MB of assets), so it is opt-in.
# Cached: binaries of the right version in .tools/bin are kept. The first build takes minutes;
# with Go's module and build caches warm (~/go/pkg/mod, ~/.cache/go-build) it only links.
set -euo pipefail
cd "$(dirname "$0")/.."

with_ui=false
for arg in "$@"; do
  case "$arg" in
    --ui) with_ui=true ;;
    *) echo "unknown argument '$arg' (use --ui)" >&2; exit 2 ;;
  esac
done

# The default tag of an image in docker-compose.yml: `image: <name>:${VAR:-<version>}`.
compose_version() {
  local v
  v=$(sed -n "s|^[[:space:]]*image:[[:space:]]*$1:\${[A-Z_]*:-\([0-9][0-9.]*\)}.*|\1|p" docker-compose.yml | head -1)
  if [ -z "$v" ]; then
    echo "docker-compose.yml pins no version of $1 (expected image: $1:\${VAR:-x.y.z})" >&2
    exit 1
  fi
  echo "$v"
}
SERVER_VERSION=$(compose_version temporalio/server)
TOOLS_VERSION=$(compose_version temporalio/admin-tools)
UI_VERSION=$(compose_version temporalio/ui)
BIN="$PWD/.tools/bin"
mkdir -p "$BIN"

# `<binary> --version` prints "... version X.Y.Z"; 0 when it is there at exactly that version.
has_version() {
  [ -x "$BIN/$1" ] && "$BIN/$1" --version 2>/dev/null | grep -q "version $2\$"
}

need=()
has_version temporal-server "$SERVER_VERSION" || need+=("go.temporal.io/server/cmd/server@v$SERVER_VERSION=temporal-server")
has_version temporal-sql-tool "$TOOLS_VERSION" || need+=("go.temporal.io/server/cmd/tools/sql@v$TOOLS_VERSION=temporal-sql-tool")
if $with_ui; then
  has_version temporal-ui-server "$UI_VERSION" ||
    need+=("github.com/temporalio/ui-server/v2/cmd/server@v$UI_VERSION=temporal-ui-server")
fi
if [ ${#need[@]} -eq 0 ]; then
  echo "Temporal server binaries already in .tools/bin (server $SERVER_VERSION, sql tool $TOOLS_VERSION$($with_ui && echo ", ui $UI_VERSION"))"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<EOF
Go is not installed, and the full Temporal server is built from its Go module here:
  go install go.temporal.io/server/cmd/server@v$SERVER_VERSION (and .../cmd/tools/sql@v$TOOLS_VERSION)
Install Go (1.26 or newer; the server's go.mod asks for it) and run this again:
  bash scripts/install-temporal-server.sh
EOF
  exit 1
fi

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for item in "${need[@]}"; do
  pkg=${item%%=*}
  name=${item#*=}
  echo "building $name from $pkg (minutes the first time; seconds with Go's caches warm)…"
  # Low priority: this machine's other work (tests, other builds) keeps its CPU.
  GOBIN="$work" nice -n 19 go install "$pkg"
  mv -f "$work/$(basename "${pkg%@*}")" "$BIN/$name"
done
for b in temporal-server temporal-sql-tool; do
  "$BIN/$b" --version >/dev/null
done
echo "installed in .tools/bin in $(($(date +%s) - started)) s: temporal-server $SERVER_VERSION, temporal-sql-tool $TOOLS_VERSION$($with_ui && echo ", temporal-ui-server $UI_VERSION")"
