#!/usr/bin/env bash
# Load test (issue 9): Odoo with prefork workers, as production runs it, and 20
# simulated scanners driving the scanner screens' JSON-RPC calls over loopback HTTP
# for 2 minutes. Each scanner receives and picks its own documents; a few pairs of
# scanners scan the same serial on their own receipts and fight over it.
#
#   bench/load.sh                               20 scanners, 120 s, 4 workers
#   bench/load.sh --duration 15 --scanners 4    smoke test
#   bench/load.sh --docs 60 --units 5 --workers 4 --port 8610
#   bench/load.sh --own-bins                    each scanner picks from its own bin
#   bench/load.sh --servers 2 --scanners 40 --pace 2 --duration 600
#                                               a shift: two Odoo servers on one
#                                               database, a scan every 2 s per scanner
#
# --servers N starts N Odoo servers (prefork, --workers each, separate processes and
# ports PORT, PORT+10, ...) on the same database and data directory; scanner i talks
# to server i mod N, as a load balancer would. --pace S: each scanner makes one call
# every S seconds, as a person scans (default 0: as fast as the server answers, the
# saturation run). The report adds the CPU time of the Odoo servers and of PostgreSQL
# per serial scan.
#
# By default all pick lists draw on one bin holding the Track During Pick product
# (one untracked quant shared by every picker, the hardest case for row locks);
# --own-bins gives each scanner its own sub-location of stock instead.
#
# Reports serial scans per second, p50/p95 latency, refusals, server errors,
# duplicates and lost acknowledged scans, plus the integrity check; prints the table
# and writes it to bench/results/<date>-<host>-load.md (-load-own-bins.md with
# --own-bins). Exits 1 on any server error,
# duplicate, lost scan or integrity problem. The database is dropped at the end
# (BENCH_KEEP_DB=1 keeps it). BENCH_BASE_DB=<db with stock installed> skips the
# installation of stock.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DURATION=120 SCANNERS=20 DOCS=20 UNITS=5 WORKERS=4 PORT=8610 OWN_BINS=0 TAG=load
SERVERS=1 PACE=0
COMMAND_LINE="$*"
while [ $# -gt 0 ]; do
    case "$1" in
    --own-bins)
        OWN_BINS=1 TAG=load-own-bins
        shift
        continue
        ;;
    --duration) DURATION="$2" ;;
    --scanners) SCANNERS="$2" ;;
    --docs) DOCS="$2" ;;
    --units) UNITS="$2" ;;
    --workers) WORKERS="$2" ;;
    --port) PORT="$2" ;;
    --servers) SERVERS="$2" ;;
    --pace) PACE="$2" ;;
    *) die "unknown option $1 (see the top of bench/load.sh)" ;;
    esac
    shift 2
done

[ "$SERVERS" -ge 1 ] 2>/dev/null || die "--servers takes a number (1 or more)"
if [ "$SERVERS" -gt 1 ]; then TAG="$TAG-${SERVERS}servers"; fi
if [ "$PACE" != "0" ]; then TAG="$TAG-pace$PACE"; fi

setup_all test
RUN_ID="$$"
DB="bench_load_$RUN_ID"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wms-load.XXXXXX")"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"
SERVER_PIDS=()
PORTS=()

stop_server() {
    bench_stop_servers "${SERVER_PIDS[@]}"
    SERVER_PIDS=()
}
cleanup() {
    stop_server
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$WORK"
    else
        log "Kept the database $DB and the run's files in $WORK"
    fi
    stop_postgres
}
trap cleanup EXIT

bench_stock_db "$DB" "$LOGS/bench-load-install.log"
bench_install "$DB" "$ADDONS" "$LOGS/bench-load-install.log"

log "Fixtures: $SCANNERS scanner users, $DOCS receipts and $DOCS pick lists of $UNITS serials each"
LOAD_SCANNERS="$SCANNERS" LOAD_DOCS="$DOCS" LOAD_UNITS="$UNITS" LOAD_OWN_BINS="$OWN_BINS" LOAD_OUT="$WORK/fixtures.json" \
    "${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn \
    >"$LOGS/bench-load-fixtures.log" 2>&1 <"$REPO/bench/load_fixtures.py" || die "fixtures failed, see $LOGS/bench-load-fixtures.log"

rm -f "$LOGS"/bench-load-server-*.log
for i in $(seq 0 $((SERVERS - 1))); do
    port=$((PORT + 10 * i))
    PORTS+=("$port")
    log "Starting Odoo server $((i + 1))/$SERVERS: $WORKERS workers on 127.0.0.1:$port"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" \
        --workers "$WORKERS" --max-cron-threads 0 \
        --http-interface 127.0.0.1 --http-port "$port" --gevent-port "$((port + 1))" \
        --limit-time-real 300 --log-level=warn \
        --log-handler odoo.addons.serial_tracking_wms_hhd.controllers.main:INFO \
        >"$LOGS/bench-load-server-$i.log" 2>&1 &
    SERVER_PIDS+=($!)
done
for i in "${!PORTS[@]}"; do
    bench_wait_server "${SERVER_PIDS[$i]}" "${PORTS[$i]}" "$LOGS/bench-load-server-$i.log"
done
# PostgreSQL's postmaster, for its CPU time (readable when the cluster is this
# machine's; otherwise the report leaves it out).
PG_PID="$(psql -d "$DB" -Atc 'SHOW data_directory' 2>/dev/null | xargs -r -I{} head -1 {}/postmaster.pid 2>/dev/null || true)"

log "Driving $SCANNERS scanners for $DURATION s (pace: ${PACE} s)"
"$PY" "$REPO/bench/load_scanners.py" drive --ports "$(IFS=,; echo "${PORTS[*]}")" --db "$DB" \
    --fixtures "$WORK/fixtures.json" --duration "$DURATION" --pace "$PACE" \
    --server-pids "$(IFS=,; echo "${SERVER_PIDS[*]}")" --pg-pid "${PG_PID:-0}" \
    --out "$WORK/drive.json"
stop_server
# Serialization conflicts are logged as "bad query" and retried by Odoo's RPC layer
# (odoo.service.model.retrying): counted apart; any other ERROR is a server error.
SERVER_LOG="$LOGS/bench-load-server.log"
cat "$LOGS"/bench-load-server-*.log >"$SERVER_LOG"
LOG_ERRORS="$(grep -E ' (ERROR|CRITICAL) ' "$SERVER_LOG" | grep -vc 'odoo.sql_db: bad query' || true)"
LOG_CONFLICTS="$(grep -A1 'odoo.sql_db: bad query' "$SERVER_LOG" | grep -c 'could not serialize access' || true)"
# A scanner's finish that found its stock changed by another validation starts again
# in the scanner's endpoint (serial_tracking_wms_hhd/controllers/main.py): counted apart.
LOG_WAITS="$(grep -c 'waits for another validation of the same stock' "$SERVER_LOG" || true)"

log "Final check: acknowledged scans, duplicates, integrity"
LOAD_DRIVE="$WORK/drive.json" LOAD_OUT="$WORK/check.json" LOAD_LOG_ERRORS="$LOG_ERRORS" LOAD_LOG_CONFLICTS="$LOG_CONFLICTS" LOAD_LOG_WAITS="$LOG_WAITS" \
    "${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn \
    >"$LOGS/bench-load-check.log" 2>&1 <<'PY' || die "check failed, see $LOGS/bench-load-check.log"
import json, os
run = json.load(open(os.environ["LOAD_DRIVE"]))
env.cr.execute("""
    SELECT ml.picking_id, COALESCE(lot.name, ml.lot_name)
      FROM stock_move_line ml LEFT JOIN stock_lot lot ON lot.id = ml.lot_id
     WHERE ml.picking_id IS NOT NULL AND ml.picked
""")
recorded = {(pid, name) for pid, name in env.cr.fetchall() if name}
lost = [f"{pid} {serial}" for pid, serial in run["acked"]
        if (pid, serial) not in recorded]
env.cr.execute("""
    SELECT count(*) FROM (
        SELECT q.lot_id FROM stock_quant q
          JOIN stock_location l ON l.id = q.location_id
          JOIN product_product p ON p.id = q.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE l.usage = 'internal' AND q.lot_id IS NOT NULL AND t.tracking = 'serial'
      GROUP BY q.lot_id HAVING sum(q.quantity) > 1) twice
""")
on_hand_twice = env.cr.fetchone()[0]
env.cr.execute("""
    SELECT count(*) FROM (SELECT 1 FROM stock_lot lot
          JOIN product_product p ON p.id = lot.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE t.tracking = 'serial'
      GROUP BY lot.name, lot.product_id, lot.company_id HAVING count(*) > 1) twice
""")
lot_twice = env.cr.fetchone()[0]
env.cr.execute("SELECT count(*) FROM stock_picking WHERE state = 'done' AND origin LIKE 'LOAD-%%'")
done = env.cr.fetchone()[0]
problems = env["stock.serial.integrity"].sudo().wms_check()
json.dump({"lost": len(lost), "lost_examples": lost[:10],
           "duplicates": on_hand_twice + lot_twice, "done": done,
           "problems": problems,
           "server_log_errors": int(os.environ["LOAD_LOG_ERRORS"] or 0),
           "conflicts": int(os.environ["LOAD_LOG_CONFLICTS"] or 0),
           "waits": int(os.environ["LOAD_LOG_WAITS"] or 0)},
          open(os.environ["LOAD_OUT"], "w"), default=str)
PY

"$PY" "$REPO/bench/load_scanners.py" report --drive "$WORK/drive.json" \
    --check "$WORK/check.json" --results-dir "$REPO/bench/results" \
    --workers "$WORKERS" --servers "$SERVERS" --command "$COMMAND_LINE" --tag "$TAG"
