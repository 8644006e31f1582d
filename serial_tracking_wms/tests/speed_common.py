# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers for the tests of the speed layer (``serial_tracking_wms/speed/``)."""

from contextlib import contextmanager
from unittest.mock import patch

from ..speed import guard
from ..speed.allowlist import ALLOW_LIST


@contextmanager
def unverified(env, path, method, key):
    """The allow-list of ``path`` without its definition ``key`` of ``method``
    (as if another module's were found there, one it has not verified); the
    guard verifies again on entry and on exit."""
    declared = ALLOW_LIST[path]["methods"][method]
    with patch.dict(declared):
        del declared[key]
        guard.reset(env)
        try:
            yield
        finally:
            guard.reset(env)
    guard.reset(env)
