#!/usr/bin/env bash
# Install whatever is missing, then start Odoo with both addons and their demo data
# at http://localhost:8069 (login admin / admin). Ctrl-C stops Odoo; the database
# stays for the next run, which reuses everything.
#
#   WMS_DB=name        database to use (default serial_tracking_demo)
#   WMS_HTTP_PORT=8069 port to serve on; WMS_HTTP_INTERFACE=0.0.0.0 to serve the LAN
#                      (phones and scanners on the same network)
#   WMS_UPDATE=1       update both addons before starting (after pulling new code)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${WMS_DB:-serial_tracking_demo}"
setup_all run
trap stop_postgres EXIT

if module_installed "$DB" serial_tracking_wms_hhd; then
    if [ -n "${WMS_UPDATE:-}" ]; then
        log "Updating $ADDONS in $DB"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn
    fi
else
    log "Creating the demo database $DB with $ADDONS and demo data (a few minutes the first time)"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn ||
        die "could not install the addons in $DB"
fi

log "Odoo is starting at http://localhost:${WMS_HTTP_PORT:-8069} (login admin / admin). Ctrl-C stops it."
"${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" --db-filter "^${DB}\$" || true
