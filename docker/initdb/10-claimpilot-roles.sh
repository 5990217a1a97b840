#!/bin/sh
# Runs once, on a new volume (docker-entrypoint-initdb.d), as the superuser POSTGRES_USER: the two roles of
# README "Database roles". Flyway migrates as claimpilot_owner; the service connects as claimpilot_service, which
# V16 grants rows to and which owns nothing, so it cannot alter claim_audit nor drop its append-only trigger.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$CLAIMPILOT_OWNER_DB_PASSWORD" -v service_password="$CLAIMPILOT_SERVICE_DB_PASSWORD" <<'SQL'
create role claimpilot_owner login password :'owner_password';
create role claimpilot_service login password :'service_password';
revoke create on schema public from public;
alter schema public owner to claimpilot_owner;
grant usage on schema public to claimpilot_service;
SQL
