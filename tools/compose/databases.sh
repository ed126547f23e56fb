#!/bin/sh
# One-shot (docker-compose.yml, postgres image): the databases of the stack, created when missing.
# Temporal's two get their schema from the admin tools afterwards (tools/compose/temporal-schema.sh);
# the protocol's database belongs to its own role, and the API creates its table on start.
set -eu
export PGHOST=postgresql PGUSER=temporal PGPASSWORD=temporal PGDATABASE=postgres
bestaat() { [ "$(psql -tAc "SELECT 1 FROM $1")" = 1 ]; }
for db in temporal temporal_visibility; do
  bestaat "pg_database WHERE datname = '$db'" || psql -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
done
bestaat "pg_roles WHERE rolname = 'schuldhulp'" ||
  psql -v ON_ERROR_STOP=1 -c "CREATE ROLE schuldhulp LOGIN PASSWORD '$AUDIT_WACHTWOORD'"
bestaat "pg_database WHERE datname = 'schuldhulp_audit'" || psql -v ON_ERROR_STOP=1 -c "CREATE DATABASE schuldhulp_audit OWNER schuldhulp"
echo "databases gereed"
