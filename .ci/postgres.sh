#!/usr/bin/env bash
# Starts (or reuses) the private PostgreSQL cluster the tests run against, on loopback only.
#
#   bash .ci/postgres.sh          start it; prints the URL to export as HALLDESK_TEST_PG_URL
#   bash .ci/postgres.sh stop     stop it
#
# The cluster lives in ${HALLDESK_PG_DIR:-/tmp/halldesk-pg} and listens on 127.0.0.1:${HALLDESK_PG_PORT:-55432}
# (not 5432, so a machine's own server is never touched). Locale C: ORDER BY on text is byte order, as in
# SQLite, so both databases list the same rows in the same order. fsync=off: a test cluster is thrown away,
# durability there only costs time (the product's own servers keep PostgreSQL's defaults). HALLDESK_PG_DURABLE=1
# keeps the defaults (fsync on): the benchmarks measure durable commits on such a cluster.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user of Debian's package.
set -euo pipefail

PG_DIR="${HALLDESK_PG_DIR:-/tmp/halldesk-pg}"
PG_PORT="${HALLDESK_PG_PORT:-55432}"

find_bin() {
  local name="$1" dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  echo "PostgreSQL's $name was not found: install the server (Debian: apt-get install postgresql)" >&2
  return 1
}

INITDB="$(find_bin initdb)"
PG_CTL="$(find_bin pg_ctl)"

# runuser lives in /usr/sbin, which a CI job's PATH may lack.
RUNUSER="$(command -v runuser || true)"
for candidate in /usr/sbin/runuser /sbin/runuser; do
  if [ -z "$RUNUSER" ] && [ -x "$candidate" ]; then RUNUSER="$candidate"; fi
done

as_owner() {
  if [ "$(id -u)" != 0 ]; then "$@"; return; fi
  if [ -z "$RUNUSER" ]; then echo "runuser (util-linux) was not found: it runs initdb as the postgres user" >&2; return 1; fi
  "$RUNUSER" -u postgres -- "$@"
}

if [ "${1:-start}" = stop ]; then
  [ -d "$PG_DIR" ] && as_owner "$PG_CTL" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi

if [ ! -s "$PG_DIR/PG_VERSION" ]; then
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  as_owner "$INITDB" -D "$PG_DIR" -U halldesk --auth=trust --locale=C --encoding=UTF8 >/dev/null
fi

FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${HALLDESK_PG_DURABLE:-0}" = 1 ] && FAST=""
if ! as_owner "$PG_CTL" -D "$PG_DIR" status >/dev/null 2>&1; then
  as_owner "$PG_CTL" -D "$PG_DIR" -w -t 60 -l "$PG_DIR/server.log" start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $FAST -c max_connections=400" >/dev/null
fi

echo "postgres://halldesk@127.0.0.1:${PG_PORT}/postgres"
