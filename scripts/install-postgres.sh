#!/usr/bin/env bash
# Makes PostgreSQL server binaries (initdb, pg_ctl) available for the tests, from Debian's packages
# when they are not there yet. The tests start their own throwaway server from them.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL binaries present: $( (command -v initdb || ls /usr/lib/postgresql/*/bin/initdb) | head -1)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is not installed and this is not root: install it (e.g. apt-get install postgresql) or set TEST_DATABASE_URL" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
echo "installed PostgreSQL: $(ls /usr/lib/postgresql/*/bin/initdb | head -1)"
