#!/usr/bin/env bash
# Run every test of the project on throw-away databases:
#   linters (ruff, ruff format, pylint-odoo), the addons' Odoo tests (Python and
#   browser tours in headless Chromium) and the repository tests in tests/ (pytest).
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
# A skipped test counts as a failure: a browser test that did not run proves nothing.
#
#   setup/test.sh                          everything
#   WMS_TEST_TAGS=/serial_tracking_wms:TestReceipt setup/test.sh
#                                          one module or class (Odoo --test-tags syntax);
#                                          linters and tests/ then are skipped
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PASSED=0
FAILED=0
RUN_ID="$$"
BASE_DB="wms_test_base_$RUN_ID"
TEST_DB="wms_test_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

count() { # name, passed, failed
    PASSED=$((PASSED + $2))
    FAILED=$((FAILED + $3))
    printf '\033[1m[test]\033[0m %-34s %s passed, %s failed\n' "$1" "$2" "$3" >&2
}

cleanup() {
    if [ -n "${PGHOST:-}" ]; then
        for db in "$TEST_DB" "$BASE_DB"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
        psql -d postgres -Atc "select datname from pg_database where datname like 'wms_pytest_${RUN_ID}_%'" 2>/dev/null |
            while read -r db; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    fi
    stop_postgres
}
trap cleanup EXIT

ensure_chromium() {
    local chrome
    for chrome in chromium chromium-browser google-chrome; do
        command -v "$chrome" >/dev/null 2>&1 && return
    done
    if is_root && command -v apt-get >/dev/null 2>&1; then
        log "Installing Chromium for the browser tests (apt-get install chromium)"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 ||
            die "could not install the Debian package chromium (needed by the browser tests)"
    else
        die "Chromium is needed by the browser tests: install the package chromium (as root: apt-get install chromium)"
    fi
}

run_linters() {
    local paths=(serial_tracking_wms serial_tracking_wms_hhd tests bench)
    local existing=() p
    for p in "${paths[@]}"; do [ -e "$REPO/$p" ] && existing+=("$p"); done
    (cd "$REPO" && "$VENV/bin/ruff" check "${existing[@]}") && count "lint: ruff check" 1 0 || count "lint: ruff check" 0 1
    (cd "$REPO" && "$VENV/bin/ruff" format --check "${existing[@]}") && count "lint: ruff format" 1 0 || count "lint: ruff format" 0 1
    (cd "$REPO" && "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory serial_tracking_wms serial_tracking_wms_hhd) &&
        count "lint: pylint-odoo (mandatory)" 1 0 || count "lint: pylint-odoo (mandatory)" 0 1
}

create_base_db() {
    log "Creating the base database $BASE_DB (stock, with demo data)"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$BASE_DB" -i stock --stop-after-init \
        --log-level=warn >"$LOGS/base-db.log" 2>&1 || {
        tail -n 30 "$LOGS/base-db.log" >&2
        die "could not create the base database, see $LOGS/base-db.log"
    }
}

# The addons' own tests (Python tests and browser tours) through Odoo's test runner.
run_odoo_tests() {
    local tags="${WMS_TEST_TAGS:-/serial_tracking_wms,/serial_tracking_wms_hhd}" log="$LOGS/odoo-tests.log"
    createdb -T "$BASE_DB" "$TEST_DB"
    log "Odoo tests ($tags) on $TEST_DB, log: $log"
    local rc=0
    # The scanner tours save phone-size screenshots of each step for the README.
    WMS_SCREENSHOTS_DIR="${WMS_SCREENSHOTS_DIR:-$REPO/docs/screenshots}" \
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$TEST_DB" -i "$ADDONS" --test-enable \
        --test-tags "$tags" --stop-after-init --http-port "${WMS_TEST_HTTP_PORT:-8169}" \
        --log-level=test >"$log" 2>&1 || rc=$?
    grep -E ' (ERROR|CRITICAL) | FAIL: | ERROR: ' "$log" | head -n 60 >&2 || true
    local summary failed errors total skipped
    summary="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1 || true)"
    if [ -z "$summary" ]; then
        tail -n 40 "$log" >&2
        count "odoo tests (no result: crashed)" 0 1
        return
    fi
    read -r failed errors total < <(echo "$summary" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/')
    skipped="$(grep -cE ': skipped ' "$log" || true)"
    if [ "$skipped" -gt 0 ]; then
        log "Skipped tests count as failures:"
        grep -E ': skipped ' "$log" >&2
    fi
    if [ "$total" -eq 0 ]; then
        count "odoo tests (none ran)" 0 1
        return
    fi
    [ "$rc" -eq 0 ] || [ $((failed + errors)) -gt 0 ] || errors=1
    count "odoo tests" $((total - failed - errors - skipped)) $((failed + errors + skipped))
}

# Repository-level tests (install/uninstall on a fresh database, setup scripts).
run_pytest() {
    local log="$LOGS/pytest.log"
    log "Repository tests (pytest tests/), log: $log"
    local rc=0 line passed failed
    WMS_ODOO_CONF="$ODOO_CONF" WMS_ODOO_BIN="$ODOO_SRC/odoo-bin" WMS_PYTHON="$PY" \
        WMS_SCREENSHOTS_DIR="${WMS_SCREENSHOTS_DIR:-$REPO/docs/screenshots}" WMS_BASE_DB="$BASE_DB" WMS_DB_PREFIX="wms_pytest_${RUN_ID}_" \
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
create_base_db
run_odoo_tests
if [ -z "${WMS_TEST_TAGS:-}" ]; then run_pytest; fi

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
