#!/usr/bin/env bash
# Time the serial views on a database with 100,000 serials on hand (issue 5): the
# Stock List and its group-bys, a stock line's Serial Numbers tab, Transactions
# with Serial Numbers and its group-bys, the serial lookup, the recall by range and
# by supplier, each opened as the web client does, against the 1 s goal. One
# throw-away database, dropped at the end:
#
#   bench/views.sh                  100,000 on hand, 10,000 delivered, 5 runs
#   bench/views.sh --quick          smoke test: 2,000 on hand, 200 delivered, 2 runs
#   bench/views.sh --on-hand 50000 --delivered 5000 --runs 3
#   bench/views.sh --serials 1000000 --delivered 100000 --runs 3   (--serials: --on-hand)
#   bench/views.sh --profile-dir /tmp/prof     cProfile of each view's last run
#   bench/views.sh --valuation      with Inventory Valuation (stock_account) and one
#                                   valuation layer per serial and done move: the
#                                   Serial Valuation report with its values
#
# Prints a markdown table and writes it to bench/results/<date>-<host>-views.md.
# BENCH_BASE_DB=<db with stock installed> skips the installation of stock;
# BENCH_KEEP_DB=1 keeps the database; BENCH_DB_PREFIX names it (bench_views).
#   bench/views.sh --reuse <db>     measure again a database kept by BENCH_KEEP_DB=1
#                                   (the addon updated on it first, its data kept)
#   bench/views.sh --reuse <db> --only recall    only the views whose name has
#                                   "recall" (any case; repeatable), no integrity check
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

REUSE=""
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --reuse) REUSE="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
    esac
done
set -- "${ARGS[@]}"

setup_all test
RUN_ID="$$"
DB="${REUSE:-${BENCH_DB_PREFIX:-bench_views}_$RUN_ID}"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

if [ -n "$REUSE" ]; then
    trap stop_postgres EXIT
    db_exists "$DB" || die "no database $DB"
    log "Updating serial_tracking_wms on $DB"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -u serial_tracking_wms \
        --stop-after-init --log-level=warn >"$LOGS/bench-views.log" 2>&1 ||
        die "could not update serial_tracking_wms, see $LOGS/bench-views.log"
    "$PY" "$REPO/bench/bench_views.py" --conf "$ODOO_CONF" --db "$DB" --reuse "$@"
    exit
fi

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
bench_stock_db "$DB" "$LOGS/bench-views.log"
MODULES=serial_tracking_wms
for arg in "$@"; do [ "$arg" = "--valuation" ] && MODULES="stock_account,$MODULES"; done
bench_install "$DB" "$MODULES" "$LOGS/bench-views.log"

"$PY" "$REPO/bench/bench_views.py" --conf "$ODOO_CONF" --db "$DB" "$@"
