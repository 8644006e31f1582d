#!/usr/bin/env bash
# A container through a real server's limits, over HTTP (issue 23, point 1): native
# Odoo 18.0 (stock only) and this suite (stock, serial_tracking_wms,
# serial_tracking_wms_hhd), each on its own throw-away database served by a prefork
# Odoo with Odoo's default limits (2 workers, limit_time_cpu 60 s, limit_time_real
# 120 s, memory soft 2 GiB / hard 2.5 GiB, one cron worker so background jobs run).
# A stock user drives the receipt and the delivery of N serials through the web
# client's JSON-RPC calls (bench/bench_http.py): each request timed (client wall
# time; server time and queries from the server's log), each flow from the first
# click, requests killed by the limits reported with the transfer's state after.
#
#   nice -n 19 bench/http.sh                         N = 5,000 and 50,000
#   nice -n 19 bench/http.sh --sizes 2000            a quick check
#   nice -n 19 bench/http.sh --sizes 5000 --native-cap 20 --port 8404
#   bench/http.sh --skip-native                      ours only
#   bench/http.sh --note "shared machine: ..."       a line in the results file
#   bench/http.sh --sizes 1000 --limit-time-real 3   lower limits: checks how killed
#                                                    requests are reported
#   bench/http.sh --set-param serial_tracking_wms.background_threshold=1000
#                                                    an ir.config_parameter on ours
#   BENCH_ADDONS_DIR=<dir> bench/http.sh ...         another checkout's addons (a
#                                                    branch under test) instead of these
#
# The servers run one after the other on --port (and --port + 1 for gevent). Prints
# the report and writes it to bench/results/<date>-<host>-http[-N].md. The databases
# are dropped at the end (BENCH_KEEP_DB=1 keeps them). BENCH_BASE_DB=<db with stock
# installed> skips the installation of stock.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SIZES="5000,50000" CAP=20 PORT=8404 SKIP_NATIVE=0 NOTE="" SUFFIX=""
LIMIT_CPU=60 LIMIT_REAL=120 SET_PARAMS=()
COMMAND_LINE="bench/http.sh $*"
while [ $# -gt 0 ]; do
    case "$1" in
    --sizes) SIZES="$2" ;;
    --native-cap) CAP="$2" ;;
    --port) PORT="$2" ;;
    --note) NOTE="$2" ;;
    --suffix) SUFFIX="$2" ;;
    --limit-time-cpu) LIMIT_CPU="$2" ;;
    --limit-time-real) LIMIT_REAL="$2" ;;
    --set-param) SET_PARAMS+=("$2") ;;
    --skip-native)
        SKIP_NATIVE=1
        shift
        continue
        ;;
    *) die "unknown option $1 (see the top of bench/http.sh)" ;;
    esac
    shift 2
done
[ "$SIZES" = "5000,50000" ] || [ -n "$SUFFIX" ] || SUFFIX="-${SIZES//,/-}"

setup_all test
if [ -n "${BENCH_ADDONS_DIR:-}" ]; then
    [ -d "$BENCH_ADDONS_DIR/serial_tracking_wms" ] || die "no serial_tracking_wms in $BENCH_ADDONS_DIR"
    sed "s|^addons_path = .*|addons_path = $ODOO_SRC/addons,$BENCH_ADDONS_DIR|" "$ODOO_CONF" \
        >"$LOCAL/odoo-bench-http.conf"
    ODOO_CONF="$LOCAL/odoo-bench-http.conf"
    log "Addons from $BENCH_ADDONS_DIR"
fi
RUN_ID="$$"
NATIVE_DB="bench_http_native_$RUN_ID"
OURS_DB="bench_http_ours_$RUN_ID"
LOGS="$LOCAL/logs"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wms-http.XXXXXX")"
mkdir -p "$LOGS"
SERVER_PID=""
STARTED="$(date -u '+%Y-%m-%d %H:%M')"
START_S="$(date +%s)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    bench_stop_servers "$SERVER_PID"
    SERVER_PID=""
}
cleanup() {
    stop_server
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        for db in "$NATIVE_DB" "$OURS_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
        rm -rf "$WORK"
    else
        log "Kept $NATIVE_DB, $OURS_DB and $WORK"
    fi
    stop_postgres
}
trap cleanup EXIT

# start_server DB LOGFILE: the prefork server, Odoo's default limits, one cron worker.
start_server() {
    local db="$1" logfile="$2"
    ! curl -s -o /dev/null "http://127.0.0.1:$PORT/" || die "port $PORT is taken"
    log "Starting Odoo on $db: 2 workers, 1 cron worker, limits cpu $LIMIT_CPU s real $LIMIT_REAL s, 127.0.0.1:$PORT"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" --db-filter "^$db\$" \
        --workers 2 --max-cron-threads 1 \
        --limit-time-cpu "$LIMIT_CPU" --limit-time-real "$LIMIT_REAL" \
        --limit-memory-soft $((2 << 30)) --limit-memory-hard $((5 << 29)) \
        --http-interface 127.0.0.1 --http-port "$PORT" --gevent-port "$((PORT + 1))" \
        --log-level=warn --log-handler werkzeug:INFO --log-handler odoo.service.server:INFO \
        >"$logfile" 2>&1 &
    SERVER_PID=$!
    bench_wait_server "$SERVER_PID" "$PORT" "$logfile"
}

# drive SIDE DB: one server on DB, the clerk's flows, the server stopped.
drive() {
    local side="$1" db="$2" logfile="$LOGS/bench-http-server-$1.log"
    start_server "$db" "$logfile"
    "$PY" "$REPO/bench/bench_http.py" drive --conf "$ODOO_CONF" --db "$db" \
        --side "$side" --port "$PORT" --server-log "$logfile" --sizes "$SIZES" \
        --native-cap "$CAP" --run-id "$RUN_ID" --out "$WORK/$side.json" ||
        log "the $side run stopped early, see $logfile"
    stop_server
    # Kept for a new report (bench_http.py report --native ... --ours ...).
    cp "$WORK/$side.json" "$LOGS/bench-http-$side.json" 2>/dev/null || true
}

bench_stock_db "$NATIVE_DB" "$LOGS/bench-http-native.log"
log "Our database $OURS_DB: the same plus $ADDONS"
createdb -T "$NATIVE_DB" "$OURS_DB"
bench_install "$OURS_DB" "$ADDONS" "$LOGS/bench-http-ours.log"
for param in "${SET_PARAMS[@]}"; do
    log "Parameter on $OURS_DB: $param"
    psql -q -d "$OURS_DB" -v key="${param%%=*}" -v value="${param#*=}" <<'SQL'
INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
VALUES (:'key', :'value', 1, 1, now() at time zone 'UTC', now() at time zone 'UTC')
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
SQL
done

drive ours "$OURS_DB"
[ "$SKIP_NATIVE" = 1 ] || drive native "$NATIVE_DB"

"$PY" "$REPO/bench/bench_http.py" report --native "$WORK/native.json" \
    --ours "$WORK/ours.json" --native-cap "$CAP" --command "$COMMAND_LINE" \
    --started "$STARTED" --elapsed-min "$(( ($(date +%s) - START_S) / 60 ))" \
    --load-start="$LOAD_START" --modules "${ADDONS//,/, }" --note "$NOTE" \
    --limits="$LIMIT_CPU,$LIMIT_REAL" --suffix="$SUFFIX" --out-dir "$REPO/bench/results"
