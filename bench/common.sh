#!/usr/bin/env bash
# What the bench commands share: the setup steps (setup/common.sh) and their
# throw-away databases. Sourced by bench/run.sh, bench/views.sh and bench/load.sh.
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

# bench_install DB MODULES LOGFILE: install MODULES (comma-separated) on DB.
bench_install() {
    local db="$1" modules="$2" logfile="$3"
    log "Installing $modules on $db"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i "$modules" \
        --stop-after-init --log-level=warn >>"$logfile" 2>&1 ||
        die "could not install $modules, see $logfile"
}
