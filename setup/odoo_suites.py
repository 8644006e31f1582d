"""Run Odoo's own tests of some modules on an installed database, every test with
the whole registry loaded; compare two such runs. Used by setup/odoo-suites.sh.

    python setup/odoo_suites.py run --results FILE.json -- ODOO SERVER OPTIONS
    python setup/odoo_suites.py compare NATIVE.json OURS.json

``run`` starts Odoo's own server exactly as ``odoo-bin --test-enable
--stop-after-init`` does (HTTP server for the browser tests, assets, test cursor,
exit code), with one change: the tests Odoo would run while each module is being
loaded (``at_install``) are held back and run, with the ``post_install`` ones,
once every installed module is loaded. On an installed database, a plain
``odoo-bin --test-enable`` runs a module's ``at_install`` tests before the modules
that depend on it (such as this project's addons) are loaded, so those tests
would never meet their code. Each test is recorded (module, id, outcome) in the
JSON file.

``compare`` prints both runs' summaries per module and the tests that fail only in
the second; it exits 1 when there is one.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from unittest import case

# As odoo-bin: the server runs in UTC.
os.environ["TZ"] = "UTC"
time.tzset()

TEST_ID_MODULE = re.compile(r"odoo\.addons\.(\w+)\.")


def _test_id(test):
    """(module, test id) of a test, a subtest or a class/module fixture error."""
    while isinstance(test, case._SubTest):
        test = test.test_case
    if isinstance(test, case.TestCase) and hasattr(test, "test_module"):
        return test.test_module, f"{type(test).__qualname__}.{test._testMethodName}"
    # unittest's _ErrorHolder: "setUpClass (odoo.addons.stock.tests.test_x.TestX)"
    description = str(test)
    match = TEST_ID_MODULE.search(description)
    return (match.group(1) if match else "?"), description


def run(results_path, odoo_args):
    import odoo  # noqa: PLC0415  (the Odoo tree is on the path only at run time)
    from odoo.cli.server import main as server_main  # noqa: PLC0415
    from odoo.tests import loader, result  # noqa: PLC0415
    from odoo.tests.suite import OdooSuite  # noqa: PLC0415

    make_suite = loader.make_suite

    def make_suite_full_registry(module_names, position="at_install"):
        if position == "at_install":
            # Called by the module loader, the registry half loaded: held back.
            return OdooSuite([])
        # Called once every installed module is loaded: both kinds, in the order
        # of an installation (at_install first).
        at_install = make_suite(module_names, "at_install")
        post_install = make_suite(module_names, "post_install")
        return OdooSuite(list(at_install) + list(post_install))

    loader.make_suite = make_suite_full_registry

    records = {}  # test id -> {"module", "outcome"}

    def record(test, outcome):
        module, test_id = _test_id(test)
        entry = records.setdefault(test_id, {"module": module, "outcome": "ok"})
        # A failure or an error wins over a pass (subtests, tearDown errors).
        if outcome != "ok" and entry["outcome"] in ("ok", "skipped"):
            entry["outcome"] = outcome

    Result = result.OdooTestResult
    originals = {
        name: getattr(Result, name)
        for name in ("startTest", "addError", "addFailure", "addSkip")
    }

    def start_test(self, test):
        record(test, "ok")
        return originals["startTest"](self, test)

    def add_error(self, test, err):
        record(test, "error")
        return originals["addError"](self, test, err)

    def add_failure(self, test, err):
        record(test, "failure")
        return originals["addFailure"](self, test, err)

    def add_skip(self, test, reason):
        record(test, "skipped")
        return originals["addSkip"](self, test, reason)

    Result.startTest = start_test
    Result.addError = add_error
    Result.addFailure = add_failure
    Result.addSkip = add_skip

    code = 0
    try:
        server_main(odoo_args)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        with open(results_path, "w", encoding="utf-8") as out:
            json.dump(
                {"odoo": odoo.release.version, "exit": code, "tests": records},
                out,
                indent=1,
                sort_keys=True,
            )
    return code


def summarise(tests):
    """{module: {tests, failures, errors, skipped}}"""
    summary = defaultdict(lambda: dict(tests=0, failures=0, errors=0, skipped=0))
    for entry in tests.values():
        row = summary[entry["module"]]
        row["tests"] += 1
        key = {"failure": "failures", "error": "errors", "skipped": "skipped"}.get(
            entry["outcome"]
        )
        if key:
            row[key] += 1
    return summary


def print_summary(title, data):
    summary = summarise(data["tests"])
    print(f"\n{title}")
    print(f"  {'module':<22} {'tests':>6} {'failures':>9} {'errors':>7} {'skipped':>8}")
    total = dict(tests=0, failures=0, errors=0, skipped=0)
    for module in sorted(summary):
        row = summary[module]
        print(
            f"  {module:<22} {row['tests']:>6} {row['failures']:>9} "
            f"{row['errors']:>7} {row['skipped']:>8}"
        )
        for key in total:
            total[key] += row[key]
    print(
        f"  {'total':<22} {total['tests']:>6} {total['failures']:>9} "
        f"{total['errors']:>7} {total['skipped']:>8}"
    )
    if data.get("exit"):
        print(f"  (Odoo exited with {data['exit']})")


def by_design(path):
    """{test id: reason} of the tests listed in ``path`` as failing with our
    addons on purpose (lines "module  Class.method  reason", # comments)."""
    listed = {}
    if not path or not os.path.exists(path):
        return listed
    with open(path, encoding="utf-8") as listing:
        for line in listing:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            _module, test_id, reason = re.split(r"\s{2,}", line, maxsplit=2)
            listed[test_id] = reason
    return listed


def compare(native_path, ours_path, by_design_path=None):
    with open(native_path, encoding="utf-8") as native_file:
        native = json.load(native_file)
    with open(ours_path, encoding="utf-8") as ours_file:
        ours = json.load(ours_file)
    print_summary("Without our addons (native):", native)
    print_summary("With serial_tracking_wms and serial_tracking_wms_hhd (ours):", ours)

    def bad(entry):
        return entry and entry["outcome"] in ("failure", "error", "skipped")

    new = sorted(
        (entry["module"], test_id, entry["outcome"])
        for test_id, entry in ours["tests"].items()
        if bad(entry) and not bad(native["tests"].get(test_id))
    )
    missing = sorted(
        (entry["module"], test_id)
        for test_id, entry in native["tests"].items()
        if test_id not in ours["tests"]
    )
    listed = by_design(by_design_path)
    designed = [entry for entry in new if entry[1] in listed]
    new = [entry for entry in new if entry[1] not in listed]
    print()
    if designed:
        print(
            f"{len(designed)} test(s) fail only with our addons by design "
            "(setup/odoo-suites-by-design.txt):"
        )
        for module, test_id, outcome in designed:
            print(f"  {module}: {test_id} ({outcome}): {listed[test_id]}")
    if new:
        print(f"{len(new)} test(s) fail only with our addons:")
        for module, test_id, outcome in new:
            print(f"  {module}: {test_id} ({outcome})")
    else:
        print("No other test fails only with our addons.")
    if missing:
        print(f"{len(missing)} test(s) ran without our addons only:")
        for module, test_id in missing:
            print(f"  {module}: {test_id}")
    if not native["tests"] or not ours["tests"]:
        print("A run recorded no test: see its log.")
        return 1
    return 1 if new or missing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("--results", required=True)
    run_parser.add_argument("odoo_args", nargs=argparse.REMAINDER)
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("native")
    compare_parser.add_argument("ours")
    compare_parser.add_argument("--by-design")
    args = parser.parse_args()
    if args.command == "run":
        odoo_args = (
            args.odoo_args[1:] if args.odoo_args[:1] == ["--"] else args.odoo_args
        )
        return run(args.results, odoo_args)
    return compare(args.native, args.ours, args.by_design)


if __name__ == "__main__":
    sys.exit(main())
