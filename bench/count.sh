#!/usr/bin/env bash
# Benchmark a count by serial number: native Odoo 18.0's Physical Inventory
# against serial_tracking_wms's wms_count_serials (issue 16, point 5), on two
# throw-away databases dropped at the end:
#
#   bench/count.sh                  N = 1,000 and 10,000 serials on record
#   bench/count.sh --sizes 1000 --skip-native
#   bench/count.sh --modules product_expiry,stock_account,purchase_stock,sale_stock
#                                   the same on databases that also run these modules
#
# Prints a markdown table and writes it to bench/results/<date>-<host>-count.md.
# BENCH_BASE_DB=<db with stock installed> skips the installation of stock;
# BENCH_PROFILE=<dir> writes a cProfile of each count there.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MODULES=""
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --modules) MODULES="$2"; shift 2 ;;
    --modules=*) MODULES="${1#--modules=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
    esac
done

setup_all test
RUN_ID="$$"
NATIVE_DB="bench_count_native_$RUN_ID"
OURS_DB="bench_count_ours_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

cleanup() {
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        for db in "$NATIVE_DB" "$OURS_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    fi
    stop_postgres
}
trap cleanup EXIT

bench_stock_db "$NATIVE_DB" "$LOGS/bench-count-native.log"
if [ -n "$MODULES" ]; then bench_install "$NATIVE_DB" "$MODULES" "$LOGS/bench-count-native.log"; fi
log "Our database $OURS_DB: the same plus serial_tracking_wms"
createdb -T "$NATIVE_DB" "$OURS_DB"
bench_install "$OURS_DB" serial_tracking_wms "$LOGS/bench-count-ours.log"

"$PY" "$REPO/bench/bench_count.py" --conf "$ODOO_CONF" \
    --native-db "$NATIVE_DB" --ours-db "$OURS_DB" --modules "$MODULES" "${ARGS[@]}"
