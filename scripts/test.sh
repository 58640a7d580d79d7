#!/usr/bin/env bash
# The whole test suite, on SQLite and again on PostgreSQL, with what it needs installed first:
# Debian's chromium for the browser tests, and a PostgreSQL server where none is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install $*" >&2; return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null; then
  echo "== installing Debian's chromium for the browser tests"
  apt_install chromium
fi

pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_ready; then
  echo "== no PostgreSQL at 127.0.0.1:5432: installing and starting one"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -n | tail -1)
  conf=/etc/postgresql/$version/main
  grep -q "^host all all 127.0.0.1/32 trust" "$conf/pg_hba.conf" || \
    sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_ready && break; sleep 1; done
fi

$BIN/ruff check src tests benchmarks
$BIN/mypy

echo "== test suite on SQLite"
env -u DATABASE_URL $BIN/pytest "$@"
echo "== test suite on PostgreSQL"
DATABASE_URL=$PG_URL $BIN/pytest "$@"
