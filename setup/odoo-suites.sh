#!/usr/bin/env bash
# Odoo's own test suites, without and with this project's addons (issue 14):
# the tests of stock, stock_account, purchase_stock, sale_stock, product_expiry,
# stock_picking_batch and mrp, run on two throw-away copies of one database that has
# those modules (and demo data): "native" as it is, "ours" with serial_tracking_wms and
# serial_tracking_wms_hhd installed on top. Prints both summaries (tests, failures,
# errors, skipped per module) and the tests that fail only with our addons (those
# listed with their reason in setup/odoo-suites-by-design.txt apart); exits 1
# when there is one (a test skipped only with our addons counts as failing).
#
# How the tests run: Odoo runs a module's at_install tests while that module is
# being installed or loaded, before the modules that depend on it (ours) are
# loaded, so a plain `odoo-bin -i stock --test-enable` never runs our code in them.
# setup/odoo_suites.py starts Odoo's own server as `odoo-bin --test-enable
# --stop-after-init` does, on the installed database, but holds the at_install
# tests back until every installed module is loaded, then runs them and the
# post_install ones (browser tests included). Both runs go the same way, so what
# differs between them is our addons only.
#
# Not part of setup/test.sh: on 2 cores it takes about 25 minutes (both runs).
#
#   setup/odoo-suites.sh
#   WMS_SUITES_MODULES=stock_picking_batch setup/odoo-suites.sh
#                         only these modules' tests (comma-separated)
#   WMS_SUITES_TAGS=/stock:TestPickShip setup/odoo-suites.sh
#                         only these tests (Odoo --test-tags syntax)
#   WMS_REAL_TEMPLATE=db  copy this database (with the modules) instead of installing
#                         them; same variable as setup/test.sh
#   WMS_SUITES_HTTP_PORT  port of the browser tests' server (default 8171)
#   WMS_SUITES_KEEP=1     keep the two databases
#
# Same set-up as setup/test.sh: the private PostgreSQL cluster, or yours with PGHOST.
# Logs and results: .local/logs/odoo-suites-{native,ours}.{log,json}.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SUITE_MODULES="${WMS_SUITES_MODULES:-stock,stock_account,purchase_stock,sale_stock,product_expiry,stock_picking_batch,mrp}"
RUN_ID="$$"
BASE_DB="wms_suites_base_$RUN_ID"
NATIVE_DB="wms_suites_native_$RUN_ID"
OURS_DB="wms_suites_ours_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

cleanup() {
    if [ -n "${PGHOST:-}" ] && [ -z "${WMS_SUITES_KEEP:-}" ]; then
        for db in "$NATIVE_DB" "$OURS_DB" "$BASE_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    fi
    stop_postgres
}
trap cleanup EXIT

# run_suites RUN DB: Odoo's tests of SUITE_MODULES on DB, every one with the whole
# registry loaded; writes $LOGS/odoo-suites-RUN.{log,json}.
run_suites() {
    local run="$1" db="$2" log="$LOGS/odoo-suites-$1.log" tags
    tags="${WMS_SUITES_TAGS:-$(echo "$SUITE_MODULES" | sed -E 's#(^|,)#\1/#g')}"
    log "Odoo's tests ($tags) on $db, $run run, log: $log"
    "$PY" "$REPO/setup/odoo_suites.py" run --results "$LOGS/odoo-suites-$run.json" -- \
        -c "$ODOO_CONF" -d "$db" --test-enable --test-tags "$tags" --stop-after-init \
        --http-port "${WMS_SUITES_HTTP_PORT:-8171}" --log-level=test >"$log" 2>&1 || true
    grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$log" |
        tail -n 1 | sed "s/^/[suites] $run: /" >&2 || true
}

setup_all test
ensure_chromium

if [ -n "${WMS_REAL_TEMPLATE:-}" ]; then
    log "Base database $BASE_DB: a copy of $WMS_REAL_TEMPLATE (WMS_REAL_TEMPLATE)"
    createdb -T "$WMS_REAL_TEMPLATE" "$BASE_DB"
else
    log "Creating the base database $BASE_DB ($REAL_MODULES, with demo data)"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$BASE_DB" -i "$REAL_MODULES,$SUITE_MODULES" \
        --stop-after-init --log-level=warn >"$LOGS/$BASE_DB.log" 2>&1 ||
        die "could not create the base database, see $LOGS/$BASE_DB.log"
fi
for module in ${SUITE_MODULES//,/ }; do
    module_installed "$BASE_DB" "$module" || die "$module is not installed in the base database"
done
createdb -T "$BASE_DB" "$NATIVE_DB"
createdb -T "$BASE_DB" "$OURS_DB"
log "Installing $ADDONS on $OURS_DB"
"${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$OURS_DB" -i "$ADDONS" --stop-after-init \
    --log-level=warn >"$LOGS/odoo-suites-install.log" 2>&1 ||
    die "could not install $ADDONS, see $LOGS/odoo-suites-install.log"

run_suites native "$NATIVE_DB"
run_suites ours "$OURS_DB"
"$PY" "$REPO/setup/odoo_suites.py" compare "$LOGS/odoo-suites-native.json" "$LOGS/odoo-suites-ours.json" \
    --by-design "$REPO/setup/odoo-suites-by-design.txt"
