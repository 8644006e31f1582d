#!/usr/bin/env bash
# Verify the speed layer again on the Odoo tree at hand (an Odoo 18.0 update, a
# new module declared in the allow-list), then record what was verified.
#
#   setup/speed-verify.sh
#
# 1. builds a real-world database (REAL_MODULES; the tests add both addons and
#    the probe modules);
# 2. runs the parity tests and the probes' tests on it, with the allow-list's
#    fingerprints not enforced (WMS_SPEED_UNVERIFIED=1): every set-based path
#    runs on the code at hand and must leave Odoo's rows, row by row;
# 3. only when they all pass, writes the fingerprints of the definitions that
#    code runs into serial_tracking_wms/speed/allowlist.py (review and commit
#    the diff). A definition the allow-list does not declare (another module's,
#    or Odoo moving a method to another class) keeps its path off: the command
#    lists it with its fingerprint; declare it once the parity tests cover its
#    module: Odoo's and the real-world modules' in allowlist.py (then run this
#    again), another module's in its own code (speed/declarations.py).
#
#   WMS_SPEED_MODULES=my_module setup/speed-verify.sh
#                          installs your module too, so that the parity tests run
#                          with it and its definitions are printed
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PARITY_TAGS="/serial_tracking_wms:TestParityReceipts,/serial_tracking_wms:TestParityDeliveries,\
/serial_tracking_wms:TestParityValuation,/serial_tracking_wms:TestParityCount,\
/serial_tracking_wms:TestParityConfirmation,\
/serial_tracking_wms:TestParityHarness,/serial_tracking_wms:TestBulkDone,\
/serial_tracking_wms:TestSpeedProbes"
DB="wms_speed_verify_$$"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

setup_all test
cleanup() {
    [ -n "${PGHOST:-}" ] && dropdb --if-exists "$DB" >/dev/null 2>&1
    stop_postgres
}
trap cleanup EXIT

install() { # MODULES: on $DB
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -i "$1" \
        --stop-after-init --log-level=warn >>"$LOGS/speed-verify-install.log" 2>&1 ||
        die "could not install $1 in $DB, see $LOGS/speed-verify-install.log"
}
: >"$LOGS/speed-verify-install.log"
log "Building $DB: $REAL_MODULES"
install "$REAL_MODULES"

log "The parity tests on the code at hand, every path running (fingerprints not enforced)"
WMS_SPEED_UNVERIFIED=1 WMS_REAL_TEMPLATE="$DB" WMS_TEST_RUNS=real WMS_TEST_TAGS="$PARITY_TAGS" \
    WMS_EXTRA_MODULES="${WMS_SPEED_MODULES:-}" bash "$REPO/setup/test.sh" ||
    die "the parity tests failed: the set-based paths do not leave Odoo's rows on this code; nothing written"

install "$ADDONS,$PROBE_MODULES${WMS_SPEED_MODULES:+,$WMS_SPEED_MODULES}"

log "Writing the fingerprints of the code verified into serial_tracking_wms/speed/allowlist.py"
"${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=error <<'PY' || die "could not write the fingerprints"
from odoo.addons.serial_tracking_wms.speed import verify
undeclared = verify.write(env)
for path, method, key, fingerprint in undeclared:
    print(
        f"UNDECLARED {path}: {method} is also defined by {key} (fingerprint "
        f"{fingerprint}): the path stays off until it is declared"
    )
print(f"{len(undeclared)} undeclared definition(s)")
PY
git -C "$REPO" diff --stat -- serial_tracking_wms/speed/allowlist.py
