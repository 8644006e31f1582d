#!/usr/bin/env bash
# What the bench commands share: the setup steps (setup/common.sh) and their
# throw-away databases. Sourced by the bench/*.sh commands.
source "$(dirname "${BASH_SOURCE[0]}")/../setup/common.sh"

# bench_stock_db DB LOGFILE: a database with stock: a copy of $BENCH_BASE_DB when set,
# else stock installed without demo data.
bench_stock_db() {
    local db="$1" logfile="$2"
    if [ -n "${BENCH_BASE_DB:-}" ]; then
        log "Database $db: copy of $BENCH_BASE_DB"
        createdb -T "$BENCH_BASE_DB" "$db"
    else
        log "Database $db: installing stock"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i stock --without-demo=all \
            --stop-after-init --log-level=warn >"$logfile" 2>&1 ||
            die "could not install stock, see $logfile"
    fi
}

# bench_wait_server PID PORT LOGFILE: wait until the Odoo server PID answers on
# PORT; die when it stops or never answers (60 s).
bench_wait_server() {
    local pid="$1" port="$2" logfile="$3"
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || die "Odoo stopped, see $logfile"
        sleep 0.5
    done
    die "Odoo never answered, see $logfile"
}

# bench_stop_servers PID...: stop Odoo servers started by this shell (TERM, up
# to 30 s for each to end, then KILL).
bench_stop_servers() {
    local pid
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "$@"; do
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

# bench_install DB MODULES LOGFILE: install MODULES (comma-separated) on DB.
bench_install() {
    local db="$1" modules="$2" logfile="$3"
    log "Installing $modules on $db"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i "$modules" \
        --stop-after-init --log-level=warn >>"$logfile" 2>&1 ||
        die "could not install $modules, see $logfile"
}
