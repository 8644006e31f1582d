# shellcheck shell=bash
# Shared steps of setup/run.sh and setup/test.sh: find or fetch Odoo 18.0, build the
# virtualenv, start (or reach) PostgreSQL, write the Odoo configuration.
# Sourced, never run. Everything it creates lives under .venv/ and .local/ (git-ignored).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$REPO/.local"
VENV="${WMS_VENV:-$REPO/.venv}"
ODOO_SRC="${ODOO_SRC:-/opt/odoo-18.0}"
ODOO_OFFICIAL_TARBALL="${ODOO_OFFICIAL_TARBALL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
ODOO_OFFICIAL_GIT="${ODOO_OFFICIAL_GIT:-https://github.com/odoo/odoo.git}"
ODOO_CONF="$LOCAL/odoo-run.conf" # per command: setup_all run|test
ADDONS="serial_tracking_wms,serial_tracking_wms_hhd"
# What real warehouses run besides stock: the modules of the "real-world" databases of
# the tests and benchmarks.
REAL_MODULES="stock,stock_picking_batch,purchase_stock,sale_stock,stock_account,product_expiry,mrp"
# Test-only addons standing for an integrator's code (tests/probes/README.md):
# on the addons path of the test runs, installed in their real-world database.
PROBES="$REPO/tests/probes"
PROBE_MODULES="wms_probe_defaults,wms_probe_computed,wms_probe_constraint,wms_probe_tracking"
mkdir -p "$LOCAL"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() {
    printf '\033[1;31m[setup] ERROR:\033[0m %s\n' "$*" >&2
    exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }

# --- Odoo source -------------------------------------------------------------------
odoo_tree_ok() { [ -f "$1/odoo-bin" ] && [ -d "$1/addons/stock" ] && [ -f "$1/addons/web/static/lib/owl/owl.js" ]; }

ensure_odoo() {
    if odoo_tree_ok "$ODOO_SRC"; then
        log "Odoo 18.0 source: $ODOO_SRC"
        return
    fi
    local fallback="$LOCAL/odoo-18.0"
    if odoo_tree_ok "$fallback"; then
        log "Odoo 18.0 source: $fallback (downloaded earlier; $ODOO_SRC has none)"
        ODOO_SRC="$fallback"
        return
    fi
    log "No Odoo 18.0 tree at $ODOO_SRC (set ODOO_SRC to use another one)."
    log "Fetching Odoo's official 18.0 source into $fallback ..."
    rm -rf "$fallback.part" && mkdir -p "$fallback.part"
    if curl -fsSL --connect-timeout 20 "$ODOO_OFFICIAL_TARBALL" | tar -xz -C "$fallback.part" --strip-components=1 2>/dev/null &&
        odoo_tree_ok "$fallback.part"; then
        mv "$fallback.part" "$fallback"
    elif rm -rf "$fallback.part" &&
        git clone -q --depth 1 --branch 18.0 "$ODOO_OFFICIAL_GIT" "$fallback.part" 2>/dev/null &&
        odoo_tree_ok "$fallback.part"; then
        mv "$fallback.part" "$fallback"
    else
        rm -rf "$fallback.part"
        die "Odoo 18.0 source not found and Odoo's official source cannot be reached
        (tried $ODOO_OFFICIAL_TARBALL and $ODOO_OFFICIAL_GIT, branch 18.0).
        Put an Odoo 18.0 Community tree (odoo-bin, odoo/, addons/) at /opt/odoo-18.0,
        or point ODOO_SRC at one, then run this command again."
    fi
    ODOO_SRC="$fallback"
    log "Odoo 18.0 source: $ODOO_SRC"
}

# --- Python virtualenv -------------------------------------------------------------
find_python() {
    local py
    for py in "${PYTHON:-}" python3.12 python3.11 python3.10 python3; do
        [ -n "$py" ] && command -v "$py" >/dev/null 2>&1 || continue
        if "$py" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            command -v "$py"
            return
        fi
    done
    die "Python 3.10, 3.11 or 3.12 is needed (Odoo 18.0 supports those); set PYTHON to one."
}

# pip, quiet, without the warnings about this machine's missing local index folders.
pip_install() {
    "$VENV/bin/python" -m pip install -q "$@" 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
}

ensure_venv() {
    local odoo_reqs="$LOCAL/odoo-requirements.txt" constraints="$LOCAL/pip-constraints.txt" stamp
    # Odoo's pins minus python-ldap (it needs LDAP headers; only auth_ldap uses it).
    grep -viE '^python-ldap' "$ODOO_SRC/requirements.txt" >"$odoo_reqs"
    # Old pins build from source with setup.py files importing pkg_resources, which
    # setuptools 81+ no longer ships; keep the machine's own constraints as well.
    {
        echo 'setuptools<81'
        [ -f /etc/xdg/pip/constraints.txt ] && cat /etc/xdg/pip/constraints.txt
        true
    } >"$constraints"
    stamp="$(cat "$odoo_reqs" "$REPO/requirements.txt" "$constraints" | sha1sum | cut -c1-16)"
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.wms-stamp" 2>/dev/null)" = "$stamp" ]; then
        log "Python environment: $VENV (up to date)"
    else
        if [ ! -x "$VENV/bin/python" ]; then
            local py
            py="$(find_python)"
            log "Creating the virtualenv $VENV with $py"
            "$py" -m venv "$VENV" || die "could not create a virtualenv (Debian/Ubuntu: apt-get install python3-venv)"
        fi
        log "Installing Odoo's and the project's Python requirements (a few minutes the first time)"
        export PIP_CONSTRAINT="$constraints" PIP_DISABLE_PIP_VERSION_CHECK=1
        pip_install 'setuptools<81' wheel ||
            die "pip could not install setuptools/wheel: is the package index reachable?"
        pip_install -r "$odoo_reqs" -r "$REPO/requirements.txt" ||
            die "pip could not install the requirements (see above). Debian/Ubuntu build needs:
        apt-get install build-essential python3-dev libpq-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev"
        echo "$stamp" >"$VENV/.wms-stamp"
    fi
    # Make `import odoo` work in this venv (pytest-odoo, odoo shell helpers) without
    # installing Odoo into it.
    local site
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$ODOO_SRC" >"$site/odoo-src.pth"
    PY="$VENV/bin/python"
    ODOO_BIN=("$PY" "$ODOO_SRC/odoo-bin")
}

# --- PostgreSQL --------------------------------------------------------------------
PG_STARTED_HERE=""
PG_DIR=""
pg_as_owner() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

find_pg_bin() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$d" ] && command -v initdb >/dev/null 2>&1; then d="$(dirname "$(command -v initdb)")"; fi
    if [ -z "$d" ] && is_root && command -v apt-get >/dev/null 2>&1; then
        log "Installing the PostgreSQL server (apt-get install postgresql)"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
            die "could not install PostgreSQL with apt-get"
        d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    fi
    [ -n "$d" ] && [ -x "$d/initdb" ] || die "no PostgreSQL server binaries (initdb, pg_ctl) found:
        install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or point PGHOST/PGPORT/PGUSER
        at a running server."
    echo "$d"
}

# Where the private cluster lives: .local/pg in the repository. As root, the
# server runs as the postgres user, which must be able to reach that folder; when
# a parent folder is closed to it (a clone under /root, say), the cluster goes to
# /var/lib/serial_tracking_wms/<hash of the repository path> instead.
private_cluster_dir() {
    local dir="$LOCAL/pg"
    mkdir -p "$dir/run"
    if is_root; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        chown -R postgres: "$dir"
        if ! runuser -u postgres -- test -w "$dir/run"; then
            dir="/var/lib/serial_tracking_wms/$(echo "$REPO" | sha1sum | cut -c1-12)/pg"
            log "The postgres user cannot reach $LOCAL/pg: the private cluster lives in $dir"
            mkdir -p "$dir/run"
            chown -R postgres: "$(dirname "$dir")"
        fi
    fi
    echo "$dir"
}

# Private cluster under .local/pg unless PGHOST points at the user's own server.
# $1 = "test" for a throw-away tuning (no fsync), anything else for normal durability.
ensure_postgres() {
    local mode="${1:-run}"
    if [ -n "${PGHOST:-}" ]; then
        DB_HOST="$PGHOST" DB_PORT="${PGPORT:-5432}" DB_USER="${PGUSER:-$(id -un)}" DB_PASSWORD="${PGPASSWORD:-}"
        log "PostgreSQL: your server at $DB_HOST:$DB_PORT as $DB_USER"
        PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" psql -d postgres -Atc 'select 1' >/dev/null 2>&1 ||
            die "cannot connect to PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER (role needs LOGIN and CREATEDB; Odoo refuses the role 'postgres')"
        return
    fi
    local bin pgdir data sock
    bin="$(find_pg_bin)"
    pgdir="$(private_cluster_dir)"
    data="$pgdir/data" sock="$pgdir/run"
    PG_DIR="$pgdir"
    DB_HOST="$sock" DB_PORT="${WMS_PGPORT:-54329}" DB_USER=odoo DB_PASSWORD=""
    if [ ! -f "$data/PG_VERSION" ]; then
        log "Creating a private PostgreSQL cluster in $data"
        pg_as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
            die "initdb failed, see $pgdir/initdb.log"
    fi
    if ! pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        local opts="-c listen_addresses='' -c unix_socket_directories='$sock' -p $DB_PORT"
        [ "$mode" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        local locales
        locales="$(messages_locales "$pgdir")"
        log "Starting PostgreSQL (socket $sock, port $DB_PORT)"
        pg_as_owner env ${locales:+LOCPATH="$locales"} "$bin/pg_ctl" -D "$data" -l "$pgdir/server.log" \
            -o "$opts" -w -t 60 start >/dev/null ||
            die "PostgreSQL did not start, see $pgdir/server.log"
        PG_STARTED_HERE="$bin"
    fi
    psql -h "$sock" -p "$DB_PORT" -U postgres -d postgres -qAtc \
        "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo') THEN CREATE ROLE odoo LOGIN CREATEDB; END IF; END \$\$;" ||
        die "could not create the PostgreSQL role odoo"
    export PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER"
}

# A German locale for the server's messages, for the test that refuses a duplicate
# serial whatever language the server speaks (PostgreSQL's lc_messages): the
# machine's own when it has one, else compiled into the cluster's folder
# (LOCPATH) from the distribution's locale sources. Prints the LOCPATH folder
# to use, nothing when none is needed or none can be made.
messages_locales() {
    local pgdir="$1" dir="$1/locale"
    locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$' && return 0
    if [ ! -d "$dir/de_DE.UTF-8" ] && [ -f /usr/share/i18n/locales/de_DE ] && command -v localedef >/dev/null 2>&1; then
        mkdir -p "$dir"
        localedef -i de_DE -f UTF-8 "$dir/de_DE.UTF-8" >/dev/null 2>&1 || true
        is_root && chown -R postgres: "$dir"
    fi
    # glibc's built-in C.UTF-8 needs no file: the cluster's own locale works too.
    [ -d "$dir/de_DE.UTF-8" ] && echo "$dir"
    return 0
}

stop_postgres() {
    if [ -n "$PG_STARTED_HERE" ]; then
        log "Stopping the private PostgreSQL cluster"
        pg_as_owner "$PG_STARTED_HERE/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED_HERE=""
PG_DIR=""
    fi
}

db_exists() { psql -d postgres -Atc "select 1 from pg_database where datname = '$1'" | grep -q 1; }
module_installed() { psql -d "$1" -Atc "select 1 from ir_module_module where name = '$2' and state = 'installed'" 2>/dev/null | grep -q 1; }

# --- Chromium, for the browser tests ---------------------------------------------
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

# --- Odoo configuration --------------------------------------------------------------
write_odoo_conf() { # [test]: the probe modules on the addons path too
    local addons="$ODOO_SRC/addons,$REPO"
    [ "${1:-}" = test ] && addons="$addons,$PROBES"
    mkdir -p "$LOCAL/data"
    cat >"$ODOO_CONF" <<CONF
[options]
addons_path = $addons
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
admin_passwd = admin
http_interface = ${WMS_HTTP_INTERFACE:-127.0.0.1}
http_port = ${WMS_HTTP_PORT:-8069}
CONF
}

setup_all() {
    ODOO_CONF="$LOCAL/odoo-${1:-run}.conf"
    ensure_odoo
    ensure_venv
    ensure_postgres "${1:-run}"
    write_odoo_conf "${1:-run}"
}
