#!/usr/bin/env bash
# Time a recall campaign (issue 22): created and opened over 100,000 delivered
# serials and 20,000 customers (goal: under 10 s), then its emails queued. One
# throw-away database, dropped at the end:
#
#   bench/recall.sh                                   100,000 serials, 20,000 customers
#   bench/recall.sh --delivered 10000 --customers 2000 --runs 2     a reduced size
#   bench/recall.sh --no-notify                       without the emails
#
# Prints a markdown table and writes it to bench/results/<date>-<host>-recall-<n>.md.
# BENCH_BASE_DB=<db with stock installed> skips the installation of stock;
# BENCH_KEEP_DB=1 keeps the database; BENCH_DB_PREFIX names it (bench_recall).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup_all test
RUN_ID="$$"
DB="${BENCH_DB_PREFIX:-bench_recall}_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

cleanup() {
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    else
        log "Kept the database $DB"
    fi
    stop_postgres
}
trap cleanup EXIT

db_exists "$DB" && die "database $DB exists already"
bench_stock_db "$DB" "$LOGS/bench-recall.log"
bench_install "$DB" serial_tracking_wms "$LOGS/bench-recall.log"

"$PY" "$REPO/bench/bench_recall.py" --conf "$ODOO_CONF" --db "$DB" "$@"
