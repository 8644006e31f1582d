#!/usr/bin/env bash
# The serial views on a PostgreSQL streaming replica while scanners work on the
# primary (issue 23). One throw-away database on the bench's private cluster (the
# primary) with the views' data (100,000 serials on hand, as bench/views.sh) and
# the scanners' fixtures (bench/load_fixtures.py, as bench/load.sh); then:
#
#   1. a second cluster from `pg_basebackup -R` of the primary, started on its own
#      socket as a hot standby streaming from it (hot_standby_feedback on);
#   2. three Odoo servers (prefork, --workers each, the same options but the
#      replica's): S for the scanners and R for the views, both with
#      db_replica_host/db_replica_port pointing at the replica (Odoo 18 serves
#      their read-only requests there; the scanners' calls all write, so they stay
#      on the primary); P, without replica, to open the same views on the primary.
#      The views have a server of their own in both phases, so that what differs
#      is the database they read, not a queue behind the scanners' requests;
#   3. three phases of --duration seconds, the scanners each time on fresh
#      documents: the scanners alone; the scanners and the views opened in a loop
#      through server R (on the replica), replication lag sampled every second;
#      the scanners and the views through server P (on the primary).
#
#   bench/replica.sh                        100,000 on hand, 40 scanners, 3 x 120 s
#   bench/replica.sh --quick                smoke test: 2,000 on hand, 4 scanners, 3 x 20 s
#   bench/replica.sh --on-hand 50000 --scanners 20 --duration 60 --pace 1
#
# --pace S: each scanner makes one call every S seconds, as a person scans
# (default 2). Reports PostgreSQL primary CPU per serial scan in each phase, the
# views' medians on the replica and on the primary, the replication lag; prints
# the table and writes it to bench/results/<date>-<host>-replica.md. Needs the
# bench's private cluster (not PGHOST). The database and the replica are removed
# at the end (BENCH_KEEP_DB=1 keeps them). BENCH_BASE_DB=<db with stock> skips
# the installation of stock.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DURATION=120 SCANNERS=40 UNITS=10 WORKERS=4 PORT=8630 PACE=2
ON_HAND=100000 DELIVERED=10000 DOCS=""
COMMAND_LINE="$*"
while [ $# -gt 0 ]; do
    case "$1" in
    --quick)
        DURATION=20 SCANNERS=4 ON_HAND=2000 DELIVERED=200
        shift
        continue
        ;;
    --duration) DURATION="$2" ;;
    --scanners) SCANNERS="$2" ;;
    --docs) DOCS="$2" ;;
    --units) UNITS="$2" ;;
    --workers) WORKERS="$2" ;;
    --port) PORT="$2" ;;
    --pace) PACE="$2" ;;
    --on-hand) ON_HAND="$2" ;;
    --delivered) DELIVERED="$2" ;;
    *) die "unknown option $1 (see the top of bench/replica.sh)" ;;
    esac
    shift 2
done
# Documents per scanner and phase: a call every PACE s, about UNITS + 3 calls a
# document, a receipt and a pick list each round; a third more for slack.
if [ -z "$DOCS" ]; then
    DOCS=$(python3 -c "import math; print(max(2, math.ceil($DURATION / max($PACE, 0.25) / ($UNITS + 3) / 2 * 4 / 3)))")
fi

setup_all test
[ -n "${PG_DIR:-}" ] || die "bench/replica.sh needs the bench's private cluster (unset PGHOST)"
PG_BIN="$(find_pg_bin)"
RUN_ID="$$"
DB="bench_replica_$RUN_ID"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wms-replica.XXXXXX")"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"
REPLICA_DIR="$(dirname "$PG_DIR")/pg-replica"
REPLICA_SOCK="$REPLICA_DIR/run"
REPLICA_PORT=$((DB_PORT + 10))
SERVER_PIDS=()

stop_servers() {
    bench_stop_servers "${SERVER_PIDS[@]}"
    SERVER_PIDS=()
}
stop_replica() {
    if [ -f "$REPLICA_DIR/data/postmaster.pid" ]; then
        log "Stopping the replica"
        pg_as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}
cleanup() {
    stop_servers
    stop_replica
    if [ -z "${BENCH_KEEP_DB:-}" ]; then
        rm -rf "$REPLICA_DIR"
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$WORK"
    else
        log "Kept the database $DB, the replica in $REPLICA_DIR and the run's files in $WORK"
    fi
    stop_postgres
}
trap cleanup EXIT

# --- The primary: streaming needs wal_level replica (PostgreSQL's default),
# WAL senders and a replication entry in pg_hba.conf (initdb's own for local).
[ "$(psql -d postgres -Atc 'SHOW wal_level')" != minimal ] ||
    die "the primary runs with wal_level = minimal: set wal_level = replica and restart it"
[ "$(psql -d postgres -Atc 'SHOW max_wal_senders')" -gt 0 ] ||
    die "the primary runs with max_wal_senders = 0"

# --- The data ---
bench_stock_db "$DB" "$LOGS/bench-replica-install.log"
bench_install "$DB" "$ADDONS" "$LOGS/bench-replica-install.log"
log "Views' data: $ON_HAND serials on hand, $DELIVERED delivered (as bench/views.sh)"
"$PY" "$REPO/bench/bench_replica.py" prepare --conf "$ODOO_CONF" --db "$DB" \
    --on-hand "$ON_HAND" --delivered "$DELIVERED" --out "$WORK/data.json" ||
    die "could not prepare the views' data"
log "Scanners' fixtures: $SCANNERS scanner users, $((3 * DOCS)) receipts and pick lists of $UNITS serials each"
LOAD_SCANNERS="$SCANNERS" LOAD_DOCS="$((3 * DOCS))" LOAD_UNITS="$UNITS" LOAD_OWN_BINS=0 LOAD_OUT="$WORK/fixtures.json" \
    "${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn \
    >"$LOGS/bench-replica-fixtures.log" 2>&1 <"$REPO/bench/load_fixtures.py" ||
    die "fixtures failed, see $LOGS/bench-replica-fixtures.log"
# One third of each scanner's documents for each phase.
"$PY" - "$WORK/fixtures.json" "$DOCS" <<'PY'
import json, sys
path, docs = sys.argv[1], int(sys.argv[2])
fixtures = json.load(open(path))
for phase in range(3):
    part = dict(fixtures, scanners=[
        dict(s, receipts=s["receipts"][phase * docs:(phase + 1) * docs],
             picks=s["picks"][phase * docs:(phase + 1) * docs])
        for s in fixtures["scanners"]])
    json.dump(part, open(path.replace(".json", f"-{phase}.json"), "w"))
PY

# --- The replica: a base backup of the primary, streaming from it ---
log "Replica: pg_basebackup -R of the primary into $REPLICA_DIR"
stop_replica
rm -rf "$REPLICA_DIR"
mkdir -p "$REPLICA_SOCK"
is_root && chown -R postgres: "$REPLICA_DIR"
pg_as_owner "$PG_BIN/pg_basebackup" -h "$DB_HOST" -p "$DB_PORT" -U postgres \
    -D "$REPLICA_DIR/data" -R -X stream -c fast >"$LOGS/bench-replica-basebackup.log" 2>&1 ||
    die "pg_basebackup failed, see $LOGS/bench-replica-basebackup.log"
pg_as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR/data" -l "$REPLICA_DIR/server.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$REPLICA_SOCK' -p $REPLICA_PORT -c hot_standby=on -c hot_standby_feedback=on -c fsync=off" \
    -w -t 120 start >/dev/null || die "the replica did not start, see $REPLICA_DIR/server.log"
[ "$(psql -h "$REPLICA_SOCK" -p "$REPLICA_PORT" -d "$DB" -Atc 'SELECT pg_is_in_recovery()')" = t ] ||
    die "the replica is not in recovery"
for _ in $(seq 1 60); do
    [ "$(psql -U postgres -d postgres -Atc "SELECT state FROM pg_stat_replication" 2>/dev/null)" = streaming ] && break
    sleep 1
done
[ "$(psql -U postgres -d postgres -Atc "SELECT state FROM pg_stat_replication")" = streaming ] ||
    die "the replica is not streaming, see $REPLICA_DIR/server.log"
log "Replica streaming on socket $REPLICA_SOCK, port $REPLICA_PORT"

# --- Odoo: A with the replica (scanners, views on the replica), B without ---
start_server() { # NAME PORT WORKERS [extra options]
    local name="$1" port="$2" workers="$3"
    shift 3
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" \
        --workers "$workers" --max-cron-threads 0 \
        --http-interface 127.0.0.1 --http-port "$port" --gevent-port "$((port + 1))" \
        --limit-time-real 600 --limit-time-cpu 300 --log-level=warn "$@" \
        >"$LOGS/bench-replica-server-$name.log" 2>&1 &
    SERVER_PIDS+=($!)
    bench_wait_server "${SERVER_PIDS[-1]}" "$port" "$LOGS/bench-replica-server-$name.log"
}
REPLICA_OPTIONS=(--db_replica_host "$REPLICA_SOCK" --db_replica_port "$REPLICA_PORT")
log "Odoo S (scanners): $WORKERS workers on 127.0.0.1:$PORT, db_replica_host=$REPLICA_SOCK db_replica_port=$REPLICA_PORT"
start_server S "$PORT" "$WORKERS" "${REPLICA_OPTIONS[@]}"
log "Odoo R (views on the replica): $WORKERS workers on 127.0.0.1:$((PORT + 10)), the same replica options"
start_server R "$((PORT + 10))" "$WORKERS" "${REPLICA_OPTIONS[@]}"
log "Odoo P (views on the primary): $WORKERS workers on 127.0.0.1:$((PORT + 20)), no replica"
start_server P "$((PORT + 20))" "$WORKERS"
PG_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
PRIMARY_DSN="host=$DB_HOST port=$DB_PORT user=postgres dbname=postgres"
REPLICA_DSN="host=$REPLICA_SOCK port=$REPLICA_PORT user=postgres dbname=postgres"

drive() { # PHASE OUT
    "$PY" "$REPO/bench/load_scanners.py" drive --ports "$PORT" --db "$DB" \
        --fixtures "$WORK/fixtures-$1.json" --duration "$DURATION" --pace "$PACE" \
        --server-pids "${SERVER_PIDS[0]}" --pg-pid "$PG_PID" --out "$2"
}
views() { # URL OUT
    "$PY" "$REPO/bench/bench_replica.py" views --url "$1" --db "$DB" \
        --data "$WORK/data.json" --duration "$((DURATION - 10))" --start-after 5 \
        --lag-dsn "$PRIMARY_DSN" --primary-dsn "$PRIMARY_DSN" --replica-dsn "$REPLICA_DSN" \
        --out "$2"
}
log "Views twice on each server (warm-up of the workers and both clusters' caches, not measured)"
for url in "http://127.0.0.1:$((PORT + 10))" "http://127.0.0.1:$((PORT + 20))"; do
    for _ in 1 2; do
        "$PY" "$REPO/bench/bench_replica.py" views --url "$url" --db "$DB" \
            --data "$WORK/data.json" --duration 0 --out "$WORK/warm-up.json" || die "views failed on $url"
    done
done

log "Phase 1/3: $SCANNERS scanners alone for $DURATION s"
drive 0 "$WORK/drive-alone.json" || die "scanners failed"
log "Phase 2/3: $SCANNERS scanners + the views on the replica (through R)"
views "http://127.0.0.1:$((PORT + 10))" "$WORK/views-replica.json" &
VIEWS_PID=$!
drive 1 "$WORK/drive-replica.json" || die "scanners failed"
wait "$VIEWS_PID" || die "views failed on the replica"
log "Phase 3/3: $SCANNERS scanners + the views on the primary (through P)"
views "http://127.0.0.1:$((PORT + 20))" "$WORK/views-primary.json" &
VIEWS_PID=$!
drive 2 "$WORK/drive-primary.json" || die "scanners failed"
wait "$VIEWS_PID" || die "views failed on the primary"
stop_servers
RETRIES="$(cat "$LOGS"/bench-replica-server-*.log | grep -c 'retrying with a read/write cursor' || true)"

"$PY" "$REPO/bench/bench_replica.py" report --data "$WORK/data.json" \
    --alone "$WORK/drive-alone.json" \
    --replica-drive "$WORK/drive-replica.json" --replica-views "$WORK/views-replica.json" \
    --primary-drive "$WORK/drive-primary.json" --primary-views "$WORK/views-primary.json" \
    --scanners "$SCANNERS" --duration "$DURATION" --retries "${RETRIES:-0}" \
    --command="$COMMAND_LINE" --results-dir "$REPO/bench/results" \
    ${BENCH_RESULTS_NAME:+--name "$BENCH_RESULTS_NAME"}
