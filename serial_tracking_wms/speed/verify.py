# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Writing the allow-list's fingerprints (``setup/speed-verify.sh``).

``render`` gives ``allowlist.py`` with the fingerprints of the definitions the
registry runs now; the command writes it once the parity tests passed on that
code. ``render`` of the current registry equals the committed file exactly when
nothing changed (``TestAllowList`` checks it).
"""

import ast
from pathlib import Path

from . import guard
from .allowlist import ALLOW_LIST

ALLOW_LIST_FILE = Path(__file__).with_name("allowlist.py")
INDENT = "    "


def _literal(value, depth):
    """``value`` as Python source in the allow-list's layout: one item per line,
    trailing commas (stable under ``ruff format``)."""
    pad = INDENT * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = "".join(
            f"{pad}{_literal(key, depth + 1)}: {_literal(item, depth + 1)},\n"
            for key, item in value.items()
        )
        return "{\n" + items + INDENT * depth + "}"
    if isinstance(value, tuple | list):
        if len(value) == 1:
            # Its trailing comma is the syntax of a tuple of one: ruff keeps it
            # on one line.
            return f"({_literal(value[0], depth + 1)},)"
        items = "".join(f"{pad}{_literal(item, depth + 1)},\n" for item in value)
        return "(\n" + items + INDENT * depth + ")"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def updated_table(env):
    """``ALLOW_LIST`` with the fingerprints of the definitions this registry
    runs (those declared; a definition not found keeps its fingerprint), and
    the undeclared definitions found (``guard.current_fingerprints``)."""
    current, undeclared = guard.current_fingerprints(env)
    table = {}
    for path, spec in ALLOW_LIST.items():
        table[path] = dict(spec)
        table[path]["methods"] = {
            name: {
                key: current.get(path, {}).get(name, {}).get(key, fingerprint)
                for key, fingerprint in declared.items()
            }
            for name, declared in spec.get("methods", {}).items()
        }
    return table, undeclared


def render(env, source=None):
    """``allowlist.py`` (``source``: its current text) with the fingerprints of
    this registry's definitions: everything before ``ALLOW_LIST`` kept as it is."""
    source = ALLOW_LIST_FILE.read_text() if source is None else source
    node = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and any(getattr(target, "id", "") == "ALLOW_LIST" for target in node.targets)
    )
    head = "".join(source.splitlines(keepends=True)[: node.lineno - 1])
    table, _undeclared = updated_table(env)
    return head + "ALLOW_LIST = " + _literal(table, 0) + "\n"


def write(env):
    """Write ``allowlist.py`` with this registry's fingerprints; return the
    undeclared definitions found (they need a decision: declare them, once the
    parity tests cover their module)."""
    ALLOW_LIST_FILE.write_text(render(env))
    return updated_table(env)[1]
