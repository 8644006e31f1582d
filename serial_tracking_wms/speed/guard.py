# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether each set-based path may run in this database.

A path runs only where it has verified the code it restates and the fields it
writes (``allowlist.py``). Once per registry (and again when the registry's
classes change), for each path:

* the Odoo series must be the one verified (``SERIES``);
* every definition of every method it stands in for, found in the classes the
  registry runs (Odoo's, any installed module's), must be one the allow-list
  declares, with the same source: a fingerprint of the definition's code (its
  syntax tree without docstring, so that a comment or a blank line changes
  nothing and any change of code does). A definition of this addon is the
  path's own. A method with no definition left (renamed, removed) fails too;
* every field of the tables it makes rows of, whatever module added it, must be
  one a row can take as ``create`` gives it (``rows.py``: a default per row, a
  computed field computed per row, constraints checked): a default on a field
  that is not a plain column, or with an inverse, cannot;
* every field it writes in place must be a plain column without inverse or
  tracking, computed only if editable (``write`` then protects it, as the path
  does).

A path that fails is switched off: Odoo's own code runs, the log says once which
path and why (a warning), and the integrity check lists it. ``wms_no_bulk`` in
the context switches every path off for that call.

``WMS_SPEED_UNVERIFIED=1`` in the server's environment accepts a declared
definition whose source changed: only for ``setup/speed-verify.sh``, which runs
the parity tests on the new code and then records its fingerprints.
"""

import ast
import hashlib
import inspect
import logging
import os
import textwrap
import weakref
from typing import NamedTuple

from odoo import release

from .allowlist import ALLOW_LIST, SERIES

_logger = logging.getLogger(__name__)

OWN_MODULE = "serial_tracking_wms"
UNVERIFIED_ENV = "WMS_SPEED_UNVERIFIED"
# Where the verdicts of a registry are kept (an attribute of the registry).
_CACHE = "_wms_speed_verdicts"
# Fingerprints read so far, by function object (weakly: code unloaded goes).
_FINGERPRINTS = weakref.WeakKeyDictionary()
# The model through which other modules declare definitions (declarations.py).
DECLARATIONS = "stock.serial.speed"


class Verdict(NamedTuple):
    """Whether a path runs; ``reason``: why not. ``applicable``: ``False`` when
    the path has nothing to do in this database (the module it speeds up is not
    installed), which is not a path switched off."""

    on: bool
    reason: str = ""
    applicable: bool = True


# --- What the registry runs ---
def definition_key(cls):
    """How the allow-list names a definition: its module and class
    (``stock.StockQuant``; ``odoo.BaseModel`` for Odoo's ORM)."""
    return f"{getattr(cls, '_module', None) or 'odoo'}.{cls.__name__}"


def definitions(env, model, method):
    """The definitions of ``method`` the registry's ``model`` runs, from the
    first called to the last: ``[(key, function)]``."""
    found = []
    for cls in type(env[model]).__mro__:
        if method in vars(cls):
            function = vars(cls)[method]
            function = getattr(function, "__func__", function)
            found.append((definition_key(cls), function))
    return found


def fingerprint(function):
    """A fingerprint of ``function``'s source: its syntax tree (decorators
    included; docstring, comments and the name, which the allow-list's key
    holds, left out), hashed; ``None`` when its source cannot be read. Read once
    per function object (a changed function is another object)."""
    try:
        if function not in _FINGERPRINTS:
            _FINGERPRINTS[function] = _fingerprint(function)
        return _FINGERPRINTS[function]
    except TypeError:  # not weakly referable (a built-in): no source anyway
        return _fingerprint(function)


def _fingerprint(function):
    try:
        source = textwrap.dedent(inspect.getsource(function))
        node = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    body = getattr(node, "body", None)
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        node.body = body[1:] or [ast.Pass()]
    if hasattr(node, "name"):
        node.name = ""
    dump = ast.dump(node, annotate_fields=False, include_attributes=False)
    return hashlib.sha256(dump.encode()).hexdigest()[:16]


def split_method(name):
    """``"stock.move.line.write"`` -> ``("stock.move.line", "write")``."""
    model, _dot, method = name.rpartition(".")
    return model, method


def installed(env, module):
    return module in env.registry._init_modules


# --- Verdicts ---
def _signature(env):
    """What the verdicts depend on: the classes of every model a path names
    (a module installed, updated or loaded by a test gives new ones)."""
    models_ = {
        split_method(name)[0]
        for spec in ALLOW_LIST.values()
        for name in spec.get("methods", {})
    }
    models_ |= {m for spec in ALLOW_LIST.values() for m in spec.get("creates", ())}
    models_ |= {m for spec in ALLOW_LIST.values() for m in spec.get("writes", {})}
    models_.add(DECLARATIONS)
    return (
        os.environ.get(UNVERIFIED_ENV),
        tuple(
            (name, type(env[name]).__mro__)
            for name in sorted(models_)
            if name in env.registry
        ),
    )


def verdict(env, path):
    """The ``Verdict`` of ``path`` for this registry: verified the first time it
    is asked (each path alone, so that a call pays for the paths it uses),
    logged once when it is off."""
    registry = env.registry
    signature = _signature(env)
    cached = getattr(registry, _CACHE, None)
    if cached is None or cached[0] != signature:
        cached = (signature, {})
        setattr(registry, _CACHE, cached)
    found = cached[1].get(path)
    if found is None:
        found = _verify(env, ALLOW_LIST[path], _declared_elsewhere(env, path))
        if found.applicable and not found.on:
            _logger.warning(
                "Set-based path %s switched off, Odoo's own code runs instead: %s",
                path,
                found.reason,
            )
        cached[1][path] = found
    return found


def verdicts(env):
    """``{path: Verdict}`` for this registry (see ``verdict``)."""
    return {path: verdict(env, path) for path in ALLOW_LIST}


def enabled(env, path):
    """Whether ``path`` runs for this call: verified here, and not switched
    off by ``wms_no_bulk`` in the context."""
    return not env.context.get("wms_no_bulk") and verdict(env, path).on


def switched_off(env):
    """``{path: reason}`` of the paths switched off in this database."""
    return {
        path: verdict.reason
        for path, verdict in verdicts(env).items()
        if verdict.applicable and not verdict.on
    }


def reset(env):
    """Forget the verdicts of this registry (a test that changes code in
    place; the next call verifies again)."""
    if hasattr(env.registry, _CACHE):
        delattr(env.registry, _CACHE)


def _declared_elsewhere(env, path):
    """The definitions other modules declare for ``path`` (declarations.py)."""
    if DECLARATIONS not in env.registry:
        return {}
    return env[DECLARATIONS].sudo()._wms_declarations().get(path, {})


def _verify(env, spec, elsewhere=None):
    needs = [module for module in spec.get("needs", ()) if not installed(env, module)]
    if needs:
        return Verdict(False, f"needs {', '.join(needs)}", applicable=False)
    if release.serie != SERIES:
        return Verdict(
            False, f"Odoo {release.serie} runs; the path was verified on {SERIES}"
        )
    unverified_ok = bool(os.environ.get(UNVERIFIED_ENV))
    for name, declared in spec.get("methods", {}).items():
        declared = {**declared, **(elsewhere or {}).get(name, {})}
        model, method = split_method(name)
        if model not in env.registry:
            return Verdict(False, f"model {model} is not in the registry")
        found = [
            (key, function)
            for key, function in definitions(env, model, method)
            if not key.startswith(f"{OWN_MODULE}.")
        ]
        if not found:
            return Verdict(False, f"{name} is gone: no definition to verify")
        for key, function in found:
            if key not in declared:
                return Verdict(
                    False,
                    f"{name} is also defined by {key}, which the path has not verified",
                )
            if declared[key] != fingerprint(function) and not unverified_ok:
                return Verdict(
                    False,
                    f"the source of {name} in {key} is not the one verified "
                    f"(fingerprint {fingerprint(function)}, verified "
                    f"{declared[key]})",
                )
    for model in spec.get("creates", ()):
        problem = _creation_problem(env, model)
        if problem:
            return Verdict(False, problem)
    for model, fnames in spec.get("writes", {}).items():
        problem = _write_problem(env, model, fnames)
        if problem:
            return Verdict(False, problem)
    return Verdict(True)


def _creation_problem(env, model_name):
    """Why rows of ``model_name`` cannot be made as ``create`` makes them,
    whatever module added its fields; ``None`` when they can."""
    from .rows import column_problem

    model = env[model_name]
    if model._inherits or model._parent_store:
        return f"{model_name} has parent records or a hierarchy to keep"
    for name, field in model._fields.items():
        if not field.default:
            continue
        if field.inverse:
            return (
                f"{model_name}.{name} has a default and an inverse method, "
                "which create would call"
            )
        if field.store and field.column_type and not field.compute:
            problem = column_problem(model, name)
            if problem:
                return f"a default of {problem}"
    return None


def _write_problem(env, model_name, fnames):
    """Why ``fnames`` of ``model_name`` cannot be written in place as ``write``
    writes them; ``None`` when they can."""
    from .rows import column_problem

    model = env[model_name]
    tracked = (
        model._track_get_fields() if hasattr(model, "_track_get_fields") else set()
    )
    for name in fnames:
        problem = column_problem(model, name)
        if problem:
            return f"the path writes {problem}"
        field = model._fields[name]
        if field.compute and field.readonly and not field.precompute:
            return f"the path writes {model_name}.{name}, a computed field"
        if name in tracked:
            return f"the path writes {model_name}.{name}, a tracked field"
    return None


# --- The allow-list's fingerprints, for setup/speed-verify.sh ---
def current_fingerprints(env):
    """``{path: {method: {key: fingerprint}}}`` of the definitions this registry
    runs that the allow-list declares, and ``[(path, method, key, fingerprint)]``
    of those neither it nor another module declares (a module to verify, or
    Odoo moving a method)."""
    current, undeclared = {}, []
    for path, spec in ALLOW_LIST.items():
        elsewhere = _declared_elsewhere(env, path)
        for name, declared in spec.get("methods", {}).items():
            model, method = split_method(name)
            if model not in env.registry:
                continue
            for key, function in definitions(env, model, method):
                if key.startswith(f"{OWN_MODULE}.") or key in elsewhere.get(name, {}):
                    continue
                if key not in declared:
                    undeclared.append((path, name, key, fingerprint(function)))
                    continue
                current.setdefault(path, {}).setdefault(name, {})[key] = fingerprint(
                    function
                )
    return current, undeclared
