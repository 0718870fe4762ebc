#!/bin/sh
# Creates Temporal's two PostgreSQL databases (temporal, temporal_visibility)
# and brings their schemas up to the version this admin-tools image ships.
# Runs in the temporalio/admin-tools image before the server starts; safe to
# run again on every `up`: `create` ignores an existing database, `setup-schema
# -v 0.0` leaves a newer schema alone and `update-schema` applies only missing
# versions, which is also how a server upgrade gets its schema changes.
set -eu

: "${POSTGRES_SEEDS:?set POSTGRES_SEEDS to the PostgreSQL host}"
: "${POSTGRES_USER:?set POSTGRES_USER}"
: "${POSTGRES_PWD:?set POSTGRES_PWD}"
DB_PORT=${DB_PORT:-5432}
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12
MAX_ATTEMPTS=${SETUP_MAX_ATTEMPTS:-30}

# The password goes through the tool's SQL_PASSWORD variable, not argv.
export SQL_PASSWORD="$POSTGRES_PWD"
sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" \
    -u "$POSTGRES_USER" "$@"
}

echo "Waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT..."
attempt=1
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    echo "PostgreSQL is not reachable after $MAX_ATTEMPTS attempts" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 2
done

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) dir="$SCHEMA_DIR/temporal/versioned" ;;
    *) dir="$SCHEMA_DIR/visibility/versioned" ;;
  esac
  echo "Setting up database $db"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
done

echo "Temporal schema is up to date"
