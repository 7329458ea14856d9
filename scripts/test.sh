#!/usr/bin/env bash
# The whole suite: on SQLite (browser tests included), then on PostgreSQL with Redis.
# In CI (CI=true) PostgreSQL and Redis must be there; elsewhere a missing one is said loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
which=${1:-all}
PG_URL=${HALQA_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
REDIS=${HALQA_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
workers=${HALQA_TEST_WORKERS:-2}

run_sqlite() {
  echo "== suite on SQLite (in-memory channel layer)"
  env -u DATABASE_URL -u REDIS_URL HALQA_TEST_REDIS_URL="$REDIS" \
    $BIN/pytest -n "$workers" --dist loadgroup -q -m "not browser" "$@"
  # Playwright's sync API keeps an event loop running in its process, which async tests
  # sharing that process cannot bear: the browser tests get a process of their own.
  echo "== browser tests (Playwright, Debian's Chromium)"
  # Two processes, each with its own live server and in-memory database.
  env -u DATABASE_URL -u REDIS_URL $BIN/pytest -n "$workers" -q -p no:randomly tests/e2e "$@"
}

run_postgres() {
  if ! $BIN/python scripts/service_up.py postgres "$PG_URL"; then
    if [[ "${CI:-}" == "true" ]]; then echo "PostgreSQL is required in CI: $PG_URL" >&2; exit 1; fi
    echo "!! PostgreSQL not reachable at $PG_URL: the PostgreSQL run is SKIPPED" >&2
    return 0
  fi
  if ! $BIN/python scripts/service_up.py redis "$REDIS"; then
    if [[ "${CI:-}" == "true" ]]; then echo "Redis is required in CI: $REDIS" >&2; exit 1; fi
    echo "!! Redis not reachable at $REDIS: the PostgreSQL run uses the in-memory layer" >&2
    REDIS=""
  fi
  # The topology and backup tests make their own PostgreSQL databases: they ran above.
  echo "== suite on PostgreSQL with Redis (browser, screening, topology, backup tests ran above)"
  DATABASE_URL="$PG_URL" REDIS_URL="$REDIS" HALQA_TEST_REDIS_URL="$REDIS" \
    $BIN/pytest -n "$workers" --dist loadgroup -q -m "not browser" --ignore=tests/screening \
    --ignore=tests/topology --ignore=tests/core/test_backup.py "$@"
}

case "$which" in
  sqlite) shift || true; run_sqlite "$@" ;;
  postgres) shift || true; run_postgres "$@" ;;
  *) run_sqlite; run_postgres ;;
esac
