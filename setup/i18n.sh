#!/usr/bin/env bash
# The addons' translations (fr, de, es, ...) kept in step with the code.
#
#   setup/i18n.sh            export both addons' .pot files from the code with Odoo's
#                            own exporter (odoo-bin --i18n-export, on a throw-away
#                            database with both addons, their demo data and
#                            Inventory Valuation installed), then report, per addon
#                            and language, the terms each .po misses, leaves empty
#                            or fuzzy, or translates with other placeholders
#   setup/i18n.sh --merge    the same, and merge each .po with its .pot (as gettext's
#                            msgmerge does): new terms get an empty msgstr (a reworded
#                            term gets its old translation, flagged fuzzy), terms gone
#                            from the code are dropped. Then fill the empty msgstr,
#                            check the fuzzy ones and run it again: it ends with
#                            "Every term ... is translated" and exits 0.
#   setup/i18n.sh --report   the report alone, from the committed files (no database)
#   setup/i18n.sh --merge --lang it
#                            add a language: creates i18n/it.po in both addons
#   --all                    list every term left (the report shows 20 per kind)
#
#   WMS_I18N_DB=db           export from this database instead (both addons installed;
#                            they are updated in it first, so that it has the code's
#                            records)
#   WMS_BASE_TEMPLATE=db     start the throw-away database from this one (stock
#                            installed, as for setup/test.sh) to save time
#
# Exits 1 when a translation is left to fill or check. The tests
# (TestTranslationFiles in both addons) fail in the same cases.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

EXPORT=1
REPORT_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --report) EXPORT="" ;;
    --merge | --all) REPORT_ARGS+=("$1") ;;
    --lang)
        [ $# -ge 2 ] || die "--lang needs a language code (fr, de, es, it, pt_BR, ...)"
        REPORT_ARGS+=(--lang "$2")
        shift
        ;;
    -h | --help)
        sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown option $1 (see setup/i18n.sh --help)" ;;
    esac
    shift
done

ensure_odoo
ensure_venv
# Inventory Valuation: the accountants' Serial Valuation menus exist only with it.
I18N_MODULES="stock_account,$ADDONS"
RUN_ID="$$"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"

export_pots() {
    ODOO_CONF="$LOCAL/odoo-i18n.conf"
    ensure_postgres test
    write_odoo_conf
    local db log="$LOGS/i18n.log" tmp
    tmp="$(mktemp -d)"
    if [ -n "${WMS_I18N_DB:-}" ]; then
        db="$WMS_I18N_DB"
        db_exists "$db" || die "no database $db (WMS_I18N_DB)"
        log "Updating both addons in $db"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -u "$ADDONS" --stop-after-init \
            --log-level=warn >"$log" 2>&1 || die "could not update the addons in $db, see $log"
    else
        db="wms_i18n_$RUN_ID"
        I18N_DROP_DB="$db"
        if [ -n "${WMS_BASE_TEMPLATE:-}" ]; then
            createdb -T "$WMS_BASE_TEMPLATE" "$db"
        fi
        log "Installing $I18N_MODULES (with demo data) on the throw-away database $db"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" -i "$I18N_MODULES" --stop-after-init \
            --log-level=warn >"$log" 2>&1 || {
            tail -n 30 "$log" >&2
            die "could not install the addons, see $log"
        }
    fi
    local addon
    for addon in ${ADDONS//,/ }; do
        log "Exporting $addon/i18n/$addon.pot"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$db" --i18n-export="$tmp/$addon.pot" \
            --modules="$addon" --stop-after-init --log-level=warn >>"$log" 2>&1 &&
            [ -s "$tmp/$addon.pot" ] || die "Odoo's export of $addon failed, see $log"
        "$PY" "$REPO/setup/i18n.py" pot "$tmp/$addon.pot" "$REPO/$addon/i18n/$addon.pot"
    done
    rm -rf "$tmp"
}

I18N_DROP_DB=""
cleanup() {
    if [ -n "$I18N_DROP_DB" ]; then dropdb --if-exists "$I18N_DROP_DB" >/dev/null 2>&1 || true; fi
    stop_postgres
}
trap cleanup EXIT

if [ -n "$EXPORT" ]; then export_pots; fi
"$PY" "$REPO/setup/i18n.py" report "${REPORT_ARGS[@]}"
