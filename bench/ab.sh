#!/usr/bin/env bash
# The suite's flows on two versions of the code, turn by turn on one machine:
# whether a change kept the speed (a refactoring, say), with the machine's load
# drifting alike for both (each round runs A then B, then B then A).
#
#   bench/ab.sh REV                 REV (a git revision) against the working tree
#   bench/ab.sh REV --sizes 5000 --rounds 3
#
# Each version gets its own database (stock, then serial_tracking_wms from its
# tree); each round receives N serials through the expected list, validates,
# confirms a delivery (reservation), picks all serials, validates. Prints the
# median server time of each step per version, and their ratio; writes the
# table to bench/results/<date>-<host>-ab.md. Native Odoo is bench/run.sh's.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

REV="${1:?usage: bench/ab.sh REV [--sizes N] [--rounds R]}"
shift
SIZES=2000
ROUNDS=3
while [ $# -gt 0 ]; do
    case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
    esac
done

setup_all test
RUN_ID="$$"
TREE_A="$LOCAL/ab-tree-$RUN_ID"
DB_A="bench_ab_a_$RUN_ID" DB_B="bench_ab_b_$RUN_ID"
LOGS="$LOCAL/logs"
mkdir -p "$LOGS"
cleanup() {
    for db in "$DB_A" "$DB_B"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
    git -C "$REPO" worktree remove --force "$TREE_A" >/dev/null 2>&1 || true
    stop_postgres
}
trap cleanup EXIT

git -C "$REPO" worktree add -q --detach "$TREE_A" "$REV" || die "no revision $REV"
CONF_A="$LOCAL/odoo-ab-a.conf"
sed "s|^addons_path = .*|addons_path = $ODOO_SRC/addons,$TREE_A|" "$ODOO_CONF" >"$CONF_A"

bench_stock_db "$DB_A" "$LOGS/bench-ab.log"
createdb -T "$DB_A" "$DB_B"
log "A: $REV on $DB_A; B: the working tree on $DB_B"
"${ODOO_BIN[@]}" -c "$CONF_A" -d "$DB_A" -i serial_tracking_wms --stop-after-init \
    --log-level=warn >>"$LOGS/bench-ab.log" 2>&1 || die "could not install A, see $LOGS/bench-ab.log"
bench_install "$DB_B" serial_tracking_wms "$LOGS/bench-ab.log"

"$PY" "$REPO/bench/bench_ab.py" --conf-a "$CONF_A" --db-a "$DB_A" --label-a "$REV" \
    --conf-b "$ODOO_CONF" --db-b "$DB_B" --label-b "working tree" \
    --odoo-bin "$ODOO_SRC/odoo-bin" --python "$PY" --size "$SIZES" --rounds "$ROUNDS"
