#!/usr/bin/env bash
# Run every test of the project on throw-away databases:
#   linters (ruff, ruff format, pylint-odoo), the addons' Odoo tests (Python and
#   browser tours in headless Chromium) and the repository tests in tests/ (pytest).
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
# A skipped test counts as a failure: a browser test that did not run proves nothing.
#
# The addons' Odoo tests run twice: on a database with `stock` alone, and on a
# "real-world" one that also runs Purchase, Sales, Inventory Valuation, Expiration
# Dates and Manufacturing (REAL_MODULES). Tests tagged `wms_real` need those
# modules: they run on the second database only, with the accountants' tests
# (`wms_valuation`); tests tagged `wms_stock_only` run on the first only.
#
#   setup/test.sh                          everything
#   WMS_TEST_TAGS=/serial_tracking_wms:TestReceipt setup/test.sh
#                                          one module or class (Odoo --test-tags syntax);
#                                          linters and tests/ then are skipped
#   WMS_TEST_RUNS=real setup/test.sh       only the real-world database ("stock",
#                                          "real" or "stock real", the default)
#   WMS_BASE_TEMPLATE=db WMS_REAL_TEMPLATE=db
#                                          copy these databases instead of installing
#                                          the modules (kept databases, for quick runs)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PASSED=0
FAILED=0
RUN_ID="$$"
BASE_DB="wms_test_base_$RUN_ID"
TEST_DB="wms_test_$RUN_ID"
REAL_BASE_DB="wms_test_real_base_$RUN_ID"
REAL_TEST_DB="wms_test_real_$RUN_ID"
TEST_RUNS="${WMS_TEST_RUNS:-stock real}"
LOGS="$LOCAL/logs"
SCREENSHOTS="$(cd "$REPO" && realpath -m "${WMS_SCREENSHOTS_DIR:-$LOCAL/screenshots}")"
mkdir -p "$LOGS" "$SCREENSHOTS"

count() { # name, passed, failed
    PASSED=$((PASSED + $2))
    FAILED=$((FAILED + $3))
    printf '\033[1m[test]\033[0m %-34s %s passed, %s failed\n' "$1" "$2" "$3" >&2
}

cleanup() {
    if [ -n "${PGHOST:-}" ]; then
        for db in "$TEST_DB" "$BASE_DB" "$REAL_TEST_DB" "$REAL_BASE_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
        psql -d postgres -Atc "select datname from pg_database where datname like 'wms_pytest_${RUN_ID}_%'" 2>/dev/null |
            while read -r db; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    fi
    stop_postgres
}
trap cleanup EXIT

run_linters() {
    local paths=(serial_tracking_wms serial_tracking_wms_hhd tests bench setup)
    local existing=() p
    for p in "${paths[@]}"; do [ -e "$REPO/$p" ] && existing+=("$p"); done
    (cd "$REPO" && "$VENV/bin/ruff" check "${existing[@]}") && count "lint: ruff check" 1 0 || count "lint: ruff check" 0 1
    (cd "$REPO" && "$VENV/bin/ruff" format --check "${existing[@]}") && count "lint: ruff format" 1 0 || count "lint: ruff format" 0 1
    (cd "$REPO" && "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory serial_tracking_wms serial_tracking_wms_hhd) &&
        count "lint: pylint-odoo (mandatory)" 1 0 || count "lint: pylint-odoo (mandatory)" 0 1
}

# create_db DB TEMPLATE_VAR MODULES LABEL: a base database with MODULES and demo data,
# or a copy of the database named by TEMPLATE_VAR when it is set.
create_db() {
    local db="$1" template="${!2:-}" modules="$3" label="$4"
    if [ -n "$template" ]; then
        log "Base database $db: a copy of $template ($2)"
        createdb -T "$template" "$db"
        return
    fi
    log "Creating the base database $db ($label, with demo data)"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i "$modules" --stop-after-init \
        --log-level=warn >"$LOGS/$db.log" 2>&1 || {
        tail -n 30 "$LOGS/$db.log" >&2
        die "could not create the base database, see $LOGS/$db.log"
    }
}

# install_test_helpers DB: what the tests need from a superuser of the server.
# A duplicate serial is refused clearly whatever language the server speaks: the
# test sets PostgreSQL's lc_messages (superuser only) through this function.
install_test_helpers() {
    psql -U "${WMS_PG_SUPERUSER:-postgres}" -d "$1" -qAt >/dev/null 2>&1 <<SQL || log "Could not install the test helpers in $1 (needs a superuser, WMS_PG_SUPERUSER): TestDuplicateSerialsServerInGerman will fail"
CREATE OR REPLACE FUNCTION wms_test_set_lc_messages(value text) RETURNS text
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
    AS \$\$ SELECT set_config('lc_messages', value, false) \$\$;
REVOKE ALL ON FUNCTION wms_test_set_lc_messages(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wms_test_set_lc_messages(text) TO "$PGUSER";
SQL
}

# The addons' own tests (Python tests and browser tours) through Odoo's test runner,
# on a copy of base database $2, as run "$1".
run_odoo_tests() {
    local run="$1" base="$2" db="$3" more="$4" exclude="$5" modules="$6" log="$LOGS/odoo-tests-$1.log"
    local tags="${WMS_TEST_TAGS:-/serial_tracking_wms,/serial_tracking_wms_hhd$more}$exclude"
    createdb -T "$base" "$db"
    install_test_helpers "$db"
    log "Odoo tests, $run database ($tags) on $db, log: $log"
    local rc=0
    # The tours save screenshots of each step: under .local/ (the checkout stays
    # clean), or WMS_SCREENSHOTS_DIR=docs/screenshots to refresh the README's.
    WMS_SCREENSHOTS_DIR="$SCREENSHOTS" \
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i "$modules" --test-enable \
        --test-tags "$tags" --stop-after-init --http-port "${WMS_TEST_HTTP_PORT:-8169}" \
        --log-level=test >"$log" 2>&1 || rc=$?
    grep -E ' (ERROR|CRITICAL) | FAIL: | ERROR: ' "$log" | head -n 60 >&2 || true
    local summary failed errors total skipped
    summary="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1 || true)"
    if [ -z "$summary" ]; then
        tail -n 40 "$log" >&2
        count "odoo tests, $run (no result: crashed)" 0 1
        return
    fi
    read -r failed errors total < <(echo "$summary" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/')
    skipped="$(grep -cE ': skipped ' "$log" || true)"
    if [ "$skipped" -gt 0 ]; then
        log "Skipped tests count as failures:"
        grep -E ': skipped ' "$log" >&2
    fi
    if [ "$total" -eq 0 ]; then
        count "odoo tests, $run (none ran)" 0 1
        return
    fi
    [ "$rc" -eq 0 ] || [ $((failed + errors)) -gt 0 ] || errors=1
    count "odoo tests, $run" $((total - failed - errors - skipped)) $((failed + errors + skipped))
}

# Repository-level tests (install/uninstall on a fresh database, setup scripts).
run_pytest() {
    local log="$LOGS/pytest.log"
    log "Repository tests (pytest tests/), log: $log"
    local rc=0 line passed failed
    WMS_ODOO_CONF="$ODOO_CONF" WMS_ODOO_BIN="$ODOO_SRC/odoo-bin" WMS_PYTHON="$PY" \
        WMS_SCREENSHOTS_DIR="$SCREENSHOTS" WMS_BASE_DB="$BASE_DB" WMS_DB_PREFIX="wms_pytest_${RUN_ID}_" \
        "$PY" -m pytest -p no:cacheprovider -p no:odoo -q -rfEs "$REPO/tests" >"$log" 2>&1 || rc=$?
    tail -n 25 "$log" >&2
    line="$(tail -n 1 "$log")"
    passed=0 failed=0
    for word in $(echo "$line" | grep -oE '[0-9]+ (passed|failed|errors?|skipped)' | tr ' ' ':' || true); do
        case "$word" in
        *:passed) passed=$((passed + ${word%%:*})) ;;
        *) failed=$((failed + ${word%%:*})) ;;
        esac
    done
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    count "repository tests (pytest)" "$passed" "$failed"
}

setup_all test
ensure_chromium
"$PY" -c 'import websocket' 2>/dev/null || die "websocket-client is missing: browser tests would be skipped"

if [ -z "${WMS_TEST_TAGS:-}" ]; then run_linters; fi
case " $TEST_RUNS " in *" stock "*)
    create_db "$BASE_DB" WMS_BASE_TEMPLATE stock "stock"
    run_odoo_tests stock "$BASE_DB" "$TEST_DB" "" ",-wms_real" "$ADDONS"
    ;;
esac
case " $TEST_RUNS " in *" real "*)
    create_db "$REAL_BASE_DB" WMS_REAL_TEMPLATE "$REAL_MODULES" "real-world modules"
    # The probe modules (an integrator's code) installed with the addons.
    run_odoo_tests real "$REAL_BASE_DB" "$REAL_TEST_DB" ",wms_valuation/serial_tracking_wms" ",-wms_stock_only" \
        "$ADDONS,$PROBE_MODULES${WMS_EXTRA_MODULES:+,$WMS_EXTRA_MODULES}"
    ;;
esac
if [ -z "${WMS_TEST_TAGS:-}" ]; then
    # The repository tests copy the stock-only base database.
    db_exists "$BASE_DB" || create_db "$BASE_DB" WMS_BASE_TEMPLATE stock "stock"
    run_pytest
fi

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
