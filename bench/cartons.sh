#!/usr/bin/env bash
# Benchmark a carton's scan (issue 21, cartons): the scanner's call that receives
# a carton of N expected serials, and the one that picks a sealed carton of N in
# stock, on a throw-away database dropped at the end:
#
#   bench/cartons.sh                  cartons of 50 and 500 serials, 20 scans each
#   bench/cartons.sh --sizes 50 --reps 5
#
# Prints a markdown table and writes it to bench/results/<date>-<host>-cartons.md.
# BENCH_BASE_DB=<db with stock installed> skips the installation of stock.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup_all test
DB="bench_cartons_$$"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

cleanup() {
    if [ -z "${BENCH_KEEP_DB:-}" ]; then dropdb --if-exists "$DB" >/dev/null 2>&1 || true; fi
    stop_postgres
}
trap cleanup EXIT

bench_stock_db "$DB" "$LOGS/bench-cartons.log"
bench_install "$DB" serial_tracking_wms_hhd "$LOGS/bench-cartons.log"

"$PY" "$REPO/bench/bench_cartons.py" --conf "$ODOO_CONF" --db "$DB" "$@"
