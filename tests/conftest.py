# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Repository tests: they drive the real setup scripts and a real Odoo process.

setup/test.sh runs them with the environment it prepared (WMS_* variables): an Odoo
configuration, a running PostgreSQL and a base database with ``stock`` installed.
"""

import os
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = "serial_tracking_wms,serial_tracking_wms_hhd"
# Lines Odoo logs about this machine rather than about the addons.
ENVIRONMENT_NOISE = ("Running as user 'root' is a security risk",)
# The tests wait for conditions (a process ends, a page answers), never for the
# clock. This bound only stops a hung process from hanging the whole run: it is
# far above any step's time, even on a machine busy with other work (a valuation
# run took 56 s alone on 2 cores and over 900 s beside two other test runs).
HANG_GUARD = int(os.environ.get("WMS_TEST_HANG_GUARD", "7200"))


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests through setup/test.sh")
    return value


class OdooRunner:
    """Runs odoo-bin on throw-away copies of the base database."""

    def __init__(self):
        self.conf = _env("WMS_ODOO_CONF")
        self.odoo_bin = _env("WMS_ODOO_BIN")
        self.python = _env("WMS_PYTHON")
        self.base_db = _env("WMS_BASE_DB")
        self.prefix = _env("WMS_DB_PREFIX")

    def new_db(self):
        name = f"{self.prefix}{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-T", self.base_db, name], check=True)
        return name

    def drop_db(self, name):
        subprocess.run(["dropdb", "--if-exists", name], check=False)

    def odoo(self, db, *args, command=(), stdin=None, timeout=HANG_GUARD):
        cmd = [self.python, self.odoo_bin, *command, "-c", self.conf, "-d", db, *args]
        return subprocess.run(
            cmd, input=stdin, capture_output=True, text=True, timeout=timeout
        )

    def shell(self, db, code):
        """Run Python code in ``odoo-bin shell`` (``env`` bound), then commit."""
        script = code + "\nenv.cr.commit()\n"
        res = self.odoo(
            db, "--no-http", "--log-level=warn", command=["shell"], stdin=script
        )
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    def psql(self, db, sql):
        res = subprocess.run(
            ["psql", "-d", db, "-Atc", sql], capture_output=True, text=True, check=True
        )
        return res.stdout.strip()


def problems_in_log(text):
    """WARNING, ERROR and CRITICAL lines of an Odoo log, minus environment noise."""
    return [
        line
        for line in text.splitlines()
        if any(f" {level} " in line for level in ("WARNING", "ERROR", "CRITICAL"))
        and not any(noise in line for noise in ENVIRONMENT_NOISE)
    ]


def free_port():
    """A free TCP port for an Odoo server of a test (8600-8699)."""
    for port in range(8600, 8700):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("no free port in 8600-8699")


@pytest.fixture(scope="session")
def odoo_runner():
    return OdooRunner()


@pytest.fixture
def scratch_db(odoo_runner):
    name = odoo_runner.new_db()
    yield name
    odoo_runner.drop_db(name)
