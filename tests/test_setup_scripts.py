# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The two set-up commands: what a new user meets."""

import os
import subprocess
import time
import urllib.request

from conftest import HANG_GUARD, REPO


def test_scripts_are_valid_bash():
    for script in (
        "setup/common.sh",
        "setup/run.sh",
        "setup/test.sh",
        "setup/odoo-suites.sh",
        "setup/i18n.sh",
        ".ci/run",
    ):
        res = subprocess.run(["bash", "-n", str(REPO / script)], capture_output=True)
        assert res.returncode == 0, (script, res.stderr)


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci/run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "setup/test.sh" in ci
    assert "setup/test.sh" in readme and "setup/run.sh" in readme


def test_clear_error_when_odoo_cannot_be_found_or_fetched(tmp_path):
    """No tree at ODOO_SRC and Odoo's official source unreachable: a clear message."""
    env = dict(
        os.environ,
        ODOO_SRC=str(tmp_path / "no-odoo-here"),
        # Port 9 on loopback refuses at once: stands for an unreachable source.
        ODOO_OFFICIAL_TARBALL="http://127.0.0.1:9/odoo_18.0.latest.tar.gz",
        ODOO_OFFICIAL_GIT="http://127.0.0.1:9/odoo.git",
    )
    # A copy of common.sh in a scratch repo, so that no earlier download is found.
    setup = tmp_path / "repo" / "setup"
    setup.mkdir(parents=True)
    (setup / "common.sh").write_text((REPO / "setup/common.sh").read_text())
    res = subprocess.run(
        ["bash", "-c", f"source {setup}/common.sh; ensure_odoo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG_GUARD,
    )
    assert res.returncode != 0
    assert "Odoo 18.0 source not found" in res.stderr
    assert "cannot be reached" in res.stderr
    assert "ODOO_SRC" in res.stderr


def test_no_odoo_code_in_the_repository():
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert files, "git ls-files listed nothing"
    assert not [
        f for f in files if f.startswith(("odoo/", "addons/")) or f == "odoo-bin"
    ]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=HANG_GUARD) as response:
            return response.status
    except OSError:
        return None


def test_run_command_serves_the_login_page(odoo_runner):
    """setup/run.sh builds the demo database and serves /web/login; the second
    run reuses the database."""
    db = f"{odoo_runner.prefix}run"
    port = "8369"
    env = dict(os.environ, WMS_DB=db, WMS_HTTP_PORT=port)
    url = f"http://127.0.0.1:{port}/web/login"
    for attempt in (1, 2):
        proc = subprocess.Popen(
            ["bash", str(REPO / "setup/run.sh")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + HANG_GUARD
            status = None
            while time.monotonic() < deadline and proc.poll() is None:
                status = _get(url)
                if status == 200:
                    break
                time.sleep(2)
            assert status == 200, f"run {attempt}: /web/login never answered 200"
        finally:
            os.killpg(proc.pid, 2)  # Ctrl-C
            output, _ = proc.communicate(timeout=HANG_GUARD)
        if attempt == 2:
            assert "Creating the demo database" not in output, output[-2000:]
    installed = odoo_runner.psql(
        db,
        "select count(*) from ir_module_module where state = 'installed' "
        "and name in ('serial_tracking_wms', 'serial_tracking_wms_hhd')",
    )
    assert installed == "2"
    assert (
        odoo_runner.psql(
            db,
            "select count(*) from ir_model_data where module = 'serial_tracking_wms' "
            "and name = 'demo_receipt_with_serials'",
        )
        == "1"
    )
