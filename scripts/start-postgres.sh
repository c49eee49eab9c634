#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster for the tests and gives the postgres role
# the password the tests use. Idempotent; needs root (CI and the dev machines
# run as root). Prints the URL to use, and nothing else, on stdout: the
# Makefile captures it. Everything the PostgreSQL tools print goes to stderr
# (pg_ctlcluster prints "Removed stale pid file." on stdout when a machine
# image was saved with the server running).
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep "^$version main" | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432" >&2; then break; fi
  sleep 0.5
done
su postgres -c "psql -q -c \"ALTER ROLE postgres PASSWORD 'postgres'\"" >&2
echo "postgres://postgres:postgres@127.0.0.1:5432/postgres"
