#!/usr/bin/env bash
# The whole test suite, with what it needs installed first: Debian's chromium for the browser
# tests, and a PostgreSQL server where none is reachable.
#
# Tests fall in three lanes (tests/conftest.py; docs/architecture.md, "Tests and CI"):
#   pure  needs no database                              -> run once
#   db    uses the Django test database, or is postgres  -> run on SQLite and on PostgreSQL
#   e2e   real data (full ESCO import) and browser tests -> run once, on SQLite
# Two pytest runs, one after the other, each spread over TEST_JOBS xdist workers (default 2):
#   sqlite    --lane pure,db,e2e   (the real-data tests stay together on one worker)
#   postgres  --lane db
# Arguments go to every run (`scripts/test.sh -k forecast`); TEST_RUNS="postgres" picks runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
JOBS=${TEST_JOBS:-2}
RUNS=${TEST_RUNS:-sqlite postgres}
# Label vectors of the sentence-embedding model take minutes to compute: keep one cache per
# machine, content-addressed, across runs and checkouts.
export BANENBRUG_VECTOR_CACHE=${BANENBRUG_VECTOR_CACHE:-$HOME/.cache/banenbrug/vectors}

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
if [[ " $RUNS " == *" postgres "* ]] && ! pg_ready; then
  echo "== no PostgreSQL at 127.0.0.1:5432: installing and starting one"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -n | tail -1)
  conf=/etc/postgresql/$version/main
  grep -q "^host all all 127.0.0.1/32 trust" "$conf/pg_hba.conf" || \
    sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_ready && break; sleep 1; done
fi

# The background-job tests run real `banenbrug worker` processes against Redis (tests/jobs).
if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  echo "== no Redis at 127.0.0.1:6379: starting one"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi

# How long each step took, printed as it ends and once more at the end (for the CI budget).
STEPS=()
step_done() { STEPS+=("$(printf '%5ss  %s' "$SECONDS" "$1")"); echo "== done at ${SECONDS}s: $1"; }

$BIN/ruff check src tests benchmarks
$BIN/mypy
step_done "ruff and mypy"

REPORTS=var/test/reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
XDIST=()
[ "$JOBS" -gt 0 ] && XDIST=(-n "$JOBS" --dist loadgroup)
failed=0

# Line coverage is measured on the SQLite run, the one that runs every lane.
export COVERAGE_FILE=var/test/.coverage
rm -f "$COVERAGE_FILE"

# run NAME LANES DATABASE_URL [pytest arguments]
run() {
  local name=$1 lanes=$2 url=$3 rc=0
  shift 3
  echo "== $name: lanes $lanes"
  local cov=()
  [ "$name" = sqlite ] && cov=(--cov=banenbrug --cov-report=)
  if [ -n "$url" ]; then
    DATABASE_URL=$url $BIN/pytest --lane "$lanes" "${XDIST[@]}" --durations=15 \
      --junitxml="$REPORTS/$name.xml" "${cov[@]}" "$@" || rc=$?
  else
    env -u DATABASE_URL $BIN/pytest --lane "$lanes" "${XDIST[@]}" --durations=15 \
      --junitxml="$REPORTS/$name.xml" "${cov[@]}" "$@" || rc=$?
  fi
  if [ "$rc" = 5 ]; then
    # pytest found no test. With a filter of yours that can be right; on a full run a lane
    # that lost all its tests means a broken marker or lane rule: that fails.
    if [ $# -gt 0 ]; then
      echo "== $name: no test matches '$*' here (pytest exit 5); not counted as a failure"
      rm -f "$REPORTS/$name.xml"
    else
      echo "== $name: collected no tests (pytest exit 5); a full run must run every lane" >&2
      failed=1
    fi
  elif [ "$rc" != 0 ]; then
    failed=1
  fi
}

for which in $RUNS; do
  case $which in
    sqlite) run sqlite pure,db,e2e "" "$@" ;;
    postgres) run postgres db "$PG_URL" "$@" ;;
    *) echo "TEST_RUNS: unknown run '$which' (sqlite, postgres)" >&2; exit 2 ;;
  esac
  step_done "the $which run"
done

# One line per run and lane, then the total; no test at all is a failure too.
$BIN/python scripts/test_summary.py "$REPORTS"/*.xml || failed=1
# The coverage figure (whole package, and each pure engine against its minimum) on full runs.
if [ -f "$COVERAGE_FILE" ] && [ $# -eq 0 ]; then
  # every engine must have 90% of its lines run by the tests (issue 17)
  $BIN/python scripts/coverage_summary.py --engine-minimum 90 || failed=1
fi
echo "== seconds since the start of scripts/test.sh, at the end of each step:"
printf '%s\n' "${STEPS[@]}"
exit $failed
