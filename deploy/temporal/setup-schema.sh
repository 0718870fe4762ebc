#!/bin/sh
# Creates Temporal's two PostgreSQL databases (temporal, temporal_visibility)
# and brings their schemas up to the version this temporal-sql-tool ships.
# Runs in the temporalio/admin-tools image before the server starts (compose),
# and on the host with .tools/bin/temporal-sql-tool (`npm run topology`): the
# schemas come embedded in the tool (--schema-name), so no schema files are
# needed. Safe to run again on every `up`: `create` ignores an existing
# database, `setup-schema -v 0.0` leaves a newer schema alone and
# `update-schema` applies only missing versions, which is also how a server
# upgrade gets its schema changes.
set -eu

: "${POSTGRES_SEEDS:?set POSTGRES_SEEDS to the PostgreSQL host}"
: "${POSTGRES_USER:?set POSTGRES_USER}"
: "${POSTGRES_PWD:?set POSTGRES_PWD}"
DB_PORT=${DB_PORT:-5432}
PLUGIN=${DB:-postgres12}
MAX_ATTEMPTS=${SETUP_MAX_ATTEMPTS:-30}

# The password goes through the tool's SQL_PASSWORD variable, not argv.
export SQL_PASSWORD="$POSTGRES_PWD"
sql_tool() {
  temporal-sql-tool --plugin "$PLUGIN" --ep "$POSTGRES_SEEDS" -p "$DB_PORT" \
    -u "$POSTGRES_USER" "$@"
}

# Creating the first database is also the wait for PostgreSQL: it succeeds
# once the server takes SQL connections (a listening port is not enough).
echo "Waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT..."
attempt=1
until sql_tool --db temporal create >/dev/null 2>&1; do
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    echo "PostgreSQL at $POSTGRES_SEEDS:$DB_PORT takes no connections after $MAX_ATTEMPTS attempts:" >&2
    sql_tool --db temporal create >&2 || true
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 2
done

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) schema=postgresql/v12/temporal ;;
    *) schema=postgresql/v12/visibility ;;
  esac
  echo "Setting up database $db ($schema)"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema --schema-name "$schema"
done

echo "Temporal schema is up to date"
