#!/bin/sh
# One-shot (docker-compose.yml, temporalio/admin-tools): Temporal's schema in PostgreSQL, set up
# and brought to the release's version with the server's own tool. Both steps are safe to repeat:
# setup-schema -v 0.0 leaves a versioned schema alone, update-schema applies only what is missing.
set -eu
for db in temporal:temporal temporal_visibility:visibility; do
  naam="${db%%:*}"
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal --db "$naam" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal --db "$naam" \
    update-schema -d "/etc/temporal/schema/postgresql/v12/${db#*:}/versioned"
done
echo "schema gereed"
