#!/usr/bin/env bash
# Installs the full Temporal server (`temporal-server`) and its SQL schema tool
# (`temporal-sql-tool`) into .tools/bin, built from their Go modules at the versions
# docker-compose.yml's images pin (temporalio/server, temporalio/admin-tools), so the native
# topology (`npm run topology`) runs the same server code as the compose file.
#   --ui   also the Temporal Web UI server (`temporal-ui-server`, the temporalio/ui version);
#          its module embeds the built UI (~550 MB of assets), so it is opt-in.
# Cached outside the clone, one folder per version (TEMPORAL_SERVER_CACHE, default
# ~/.cache/case-service/temporal-server/<name>-<version>), and linked into .tools/bin: a fresh
# clone on a machine that built them once only links. The first build takes minutes; with Go's
# module and build caches warm (~/go/pkg/mod, ~/.cache/go-build) it takes about a minute.
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
CACHE="${TEMPORAL_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/case-service/temporal-server}"
mkdir -p "$BIN" "$CACHE"

# `<binary> --version` prints "... version X.Y.Z"; 0 when it is there at exactly that version.
has_version() {
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q "version $2\$"
}

# name=version=package for each binary wanted.
wanted=("temporal-server=$SERVER_VERSION=go.temporal.io/server/cmd/server"
  "temporal-sql-tool=$TOOLS_VERSION=go.temporal.io/server/cmd/tools/sql")
$with_ui && wanted+=("temporal-ui-server=$UI_VERSION=github.com/temporalio/ui-server/v2/cmd/server")

started=$(date +%s)
built=()
for item in "${wanted[@]}"; do
  IFS== read -r name version pkg <<<"$item"
  cached="$CACHE/$name-$version/$name"
  if ! has_version "$cached" "$version"; then
    if ! command -v go >/dev/null 2>&1; then
      cat >&2 <<MSG
Go is not installed, and the full Temporal server is built from its Go module here:
  go install $pkg@v$version
Install Go (1.26 or newer; the server's go.mod asks for it) and run this again:
  bash scripts/install-temporal-server.sh
MSG
      exit 1
    fi
    echo "building $name $version from $pkg (minutes the first time; about a minute with Go's caches warm)…"
    work=$(mktemp -d "$CACHE/.build.XXXXXX")
    # Low priority: this machine's other work (tests, other builds) keeps its CPU.
    GOBIN="$work" nice -n 19 go install "$pkg@v$version"
    has_version "$work/$(basename "$pkg")" "$version" || {
      echo "the built $name does not report version $version" >&2
      exit 1
    }
    mkdir -p "$(dirname "$cached")"
    # A rename, so a concurrent run never sees half a binary.
    mv -f "$work/$(basename "$pkg")" "$cached"
    rm -rf "$work"
    built+=("$name")
  fi
  ln -sfn "$cached" "$BIN/$name"
done
if [ ${#built[@]} -eq 0 ]; then
  echo "Temporal server binaries cached in $CACHE, linked into .tools/bin (server $SERVER_VERSION, sql tool $TOOLS_VERSION$($with_ui && echo ", ui $UI_VERSION"))"
else
  echo "built ${built[*]} in $(($(date +%s) - started)) s into $CACHE, linked into .tools/bin"
fi
