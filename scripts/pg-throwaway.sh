#!/usr/bin/env bash
# A throw-away Postgres server for tests: scripts/pg-throwaway.sh start|stop|url|status
#
#   start   initdb into a temp dir, start on 127.0.0.1:$PG_PORT (default 54329), create poolscope_test, print its URL
#   stop    stop the server and remove its files
#   url     print the URL
#
# Postgres refuses to run as root, so as root the server runs as the `postgres` user (created by Debian's
# postgresql package). Data is thrown away: fsync is off and local connections are trusted, on loopback only.
set -euo pipefail

PORT="${PG_PORT:-54329}"
DB="poolscope_test"
STATE="${PG_THROWAWAY_DIR:-${TMPDIR:-/tmp}/poolscope-pg-$PORT}"
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"
case "$STATE" in
  / | /tmp | /var/tmp | "$HOME") echo "pg-throwaway: refusing to use $STATE as its own folder (it is removed on stop)" >&2; exit 2 ;;
esac

find_bin() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
    echo "pg-throwaway: no Postgres server binaries found (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a command as the user that owns the server.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-throwaway: running as root but there is no postgres user to run the server as" >&2
      exit 1
    fi
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    elif [ -x /usr/sbin/runuser ]; then
      /usr/sbin/runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

start() {
  local bin
  bin="$(find_bin)"
  if [ -f "$STATE/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
    echo "$URL"
    return
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$STATE"
    if ! as_owner test -w "$STATE"; then
      echo "pg-throwaway: the postgres user cannot reach $STATE; set PG_THROWAWAY_DIR to a folder it can (e.g. under /tmp)" >&2
      exit 1
    fi
  fi
  as_owner "$bin/initdb" -D "$STATE/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 || {
    cat "$STATE/initdb.log" >&2
    exit 1
  }
  # Socket in our own folder: /var/run/postgresql may not exist or may belong to a system server.
  as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $STATE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$STATE/server.log" >&2
    exit 1
  }
  as_owner "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB" >/dev/null
  echo "$URL"
}

stop() {
  local bin
  bin="$(find_bin)"
  if [ -d "$STATE/data" ]; then
    as_owner "$bin/pg_ctl" -D "$STATE/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status)
    if [ -d "$STATE/data" ] && as_owner "$(find_bin)/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then echo "running: $URL"; else echo "stopped"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|url|status" >&2
    exit 2
    ;;
esac
