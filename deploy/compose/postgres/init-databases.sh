#!/bin/sh
# Creates one database per Profila service (PROFILA_DATABASES, space separated) when it does not exist yet.
# Run by the one-shot `postgres-init` service of docker-compose.yml at every `up`; idempotent.
# Connection from the libpq variables PGHOST, PGUSER, PGPASSWORD (PGPORT optional).
set -eu

: "${PROFILA_DATABASES:?PROFILA_DATABASES must list the databases to create}"
owner="${PGUSER:?PGUSER must name the owner of the databases}"

for db in $PROFILA_DATABASES; do
  case "$db" in
    *[!a-z0-9_]* | '') echo "init-databases: refusing database name '$db' (only a-z, 0-9, _)" >&2; exit 1 ;;
  esac
  exists="$(psql -v ON_ERROR_STOP=1 --dbname postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
  if [ "$exists" = 1 ]; then
    echo "init-databases: $db exists"
  else
    psql -v ON_ERROR_STOP=1 --dbname postgres -c "CREATE DATABASE \"$db\" OWNER \"$owner\" ENCODING 'UTF8' TEMPLATE template0"
    echo "init-databases: $db created"
  fi
done
