#!/usr/bin/env bash
# Benchmark native Odoo 18.0 against serial_tracking_wms with thousands of serials
# (issue 8), on two throw-away databases dropped at the end:
#
#   bench/run.sh                    N = 1,000 and 5,000, 500 scans, 100,000 on hand
#   bench/run.sh --quick            smoke test: N = 200, 50 scans, 2,000 on hand
#   bench/run.sh --sizes 1000 --on-hand 0 --skip-native
#   bench/run.sh --container        issue 16: N = 5,000 and 50,000, the file imported,
#                                   native stopped at 20 min (--native-cap M)
#   bench/run.sh --modules product_expiry,stock_account,purchase_stock,sale_stock
#                                   the same on databases that also run these modules
#
# Prints a markdown table and writes it to bench/results/<date>-<host>.md.
# BENCH_BASE_DB=<db with stock installed> skips the installation of stock.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# --modules M1,M2: more modules on both databases (what real warehouses run).
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
NATIVE_DB="bench_native_$RUN_ID"
OURS_DB="bench_ours_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

cleanup() {
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        for db in "$NATIVE_DB" "$OURS_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    fi
    stop_postgres
}
trap cleanup EXIT

bench_stock_db "$NATIVE_DB" "$LOGS/bench-native.log"
if [ -n "$MODULES" ]; then bench_install "$NATIVE_DB" "$MODULES" "$LOGS/bench-native.log"; fi
log "Our database $OURS_DB: the same plus serial_tracking_wms"
createdb -T "$NATIVE_DB" "$OURS_DB"
bench_install "$OURS_DB" serial_tracking_wms "$LOGS/bench-ours.log"

"$PY" "$REPO/bench/bench_serials.py" --conf "$ODOO_CONF" \
    --native-db "$NATIVE_DB" --ours-db "$OURS_DB" --modules "$MODULES" "${ARGS[@]}"
