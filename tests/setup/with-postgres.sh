#!/usr/bin/env bash
# Runs a command beside a PostgreSQL 15 server of its own (issue 20): installs Debian's
# postgresql-15 when it is missing (as root), makes a cluster in a temporary folder with initdb
# as a user that is not root, starts it on 127.0.0.1, runs the command with TEST_POSTGRES=1 and
# TEST_POSTGRES_URL set, and stops and deletes the cluster whatever the command did.
#   bash tests/setup/with-postgres.sh npm run test:postgres
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/pg_ctl" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing from Debian's packages: postgresql-15"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "Missing: PostgreSQL 15. Install Debian's package as root: apt-get install postgresql-15" >&2
    exit 1
  fi
fi
port="${TEST_POSTGRES_PORT:-55433}"
dir="$(mktemp -d /tmp/aftercare-postgres.XXXXXX)"
owner=()
# PostgreSQL refuses to run as root: the package's own user owns the cluster then.
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  owner=(runuser -u postgres --)
fi
"${owner[@]}" "$bin/initdb" -D "$dir/data" -U aftercare --auth=trust --locale=C.UTF-8 --encoding=UTF8 >/dev/null
stop() {
  "${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
# A throwaway cluster: nothing in it must survive a crash, so it skips the disk flushes.
"${owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
"$bin/postgres" --version
TEST_POSTGRES=1 TEST_POSTGRES_URL="postgresql://aftercare@127.0.0.1:$port/postgres" "$@"
