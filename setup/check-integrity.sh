#!/usr/bin/env bash
# The serial integrity check on a database (default: the demo database of run.sh):
# serials on hand twice or with a quantity other than 1, done lines without the
# serial they needed, pre-receipts breaking all-or-none. Prints each problem;
# exits 1 when there is one. Also notes the set-based paths switched off in that
# database (Odoo's own code runs there: exact, slower; not a problem).
#
#   setup/check-integrity.sh [DATABASE]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${1:-${WMS_DB:-serial_tracking_demo}}"
setup_all run
trap stop_postgres EXIT
db_exists "$DB" || die "no database $DB"
"${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn <<'PY'
import sys
found = env["stock.serial.integrity"].sudo().wms_check()
problems = [problem for problem in found if problem["kind"] != "speed_path_off"]
for problem in found:
    label = "PROBLEM" if problem in problems else "NOTE"
    print(f"{label} {problem['kind']}: {problem['message']}")
print(f"{len(problems)} problem(s) found")
sys.exit(1 if problems else 0)
PY
