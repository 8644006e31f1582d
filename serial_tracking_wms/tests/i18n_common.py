# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of a module's translation files, shared by both addons' tests.

``setup/i18n.sh`` regenerates the ``.pot`` files and merges the ``.po`` files; these
checks fail when someone adds a string and does not run it, or leaves the new
string untranslated.
"""

import os
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

# The languages both addons ship.
LANGUAGES = ("fr", "de", "es")
# Python and JavaScript placeholders: %s, %d, %r, %(name)s (not %%).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrfi]")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")
CODE_KINDS = ("odoo-python", "odoo-javascript")
FIX = "run setup/i18n.sh --merge and commit the .pot and .po files it changes"


def i18n_path(module, name):
    return os.path.join(get_module_path(module), "i18n", name)


def term_keys(msgid, occurrence, kinds):
    """What Odoo needs of a term to translate it: a code string by its text and
    kind (Python or JavaScript), a record's field by its text and external id."""
    if occurrence.startswith("code:"):
        return {(msgid, kind) for kind in kinds}
    return {(msgid, occurrence)}


def pot_keys(pot):
    keys = set()
    for entry in pot:
        kinds = [kind for kind in CODE_KINDS if kind in entry.comment.split("\n")]
        for occurrence, _line in entry.occurrences:
            keys |= term_keys(entry.msgid, occurrence, kinds)
    return keys


def exported_keys(cr, module):
    """The terms Odoo's exporter finds in ``module``'s code and records now."""
    keys = set()
    for (
        _module,
        ttype,
        name,
        res_id,
        source,
        _value,
        comments,
    ) in TranslationModuleReader(cr, modules=[module]):
        if ttype == "code":
            occurrence = f"code:{name}"
        else:
            occurrence = f"{ttype}:{name}:{res_id}"
        kinds = [kind for kind in CODE_KINDS if kind in comments]
        keys |= term_keys(source, occurrence, kinds)
    return keys


def short(text, width=90):
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


class TranslationFilesMixin:
    """Test methods for ``module``'s .pot and .po files (mixed into a
    TransactionCase that sets ``module``)."""

    module = None
    # Odoo's test loader runs only the test methods a class defines itself,
    # unless told otherwise: these are defined here.
    allow_inherited_tests_method = True

    def test_pot_has_every_term_of_the_code(self):
        """Every string of the code and records Odoo translates (Python ``_()``,
        JavaScript ``_t()``, OWL templates, fields, selections, views, menus,
        actions, demo data) is in the committed .pot, with the reference Odoo
        needs to apply its translation."""
        pot = polib.pofile(i18n_path(self.module, f"{self.module}.pot"))
        missing = exported_keys(self.env.cr, self.module) - pot_keys(pot)
        self.assertFalse(
            missing,
            f"{len(missing)} term(s) of {self.module} missing from its .pot "
            f"({FIX}):\n"
            + "\n".join(f"  {short(m)}  [{where}]" for m, where in sorted(missing)),
        )

    def test_po_files_translate_every_term(self):
        """Each shipped language translates every term of the .pot: no term
        missing, empty or fuzzy, and the same placeholders and markup."""
        pot = polib.pofile(i18n_path(self.module, f"{self.module}.pot"))
        self.assertGreater(len(pot), 0)
        problems = []
        for lang in LANGUAGES:
            path = i18n_path(self.module, f"{lang}.po")
            if not os.path.exists(path):
                problems.append(f"{lang}: no file i18n/{lang}.po")
                continue
            done = {e.msgid: e for e in polib.pofile(path) if not e.obsolete}
            for entry in pot:
                msgid = entry.msgid
                tr = done.get(msgid)
                if tr is None:
                    problem = "missing"
                elif not tr.msgstr.strip():
                    problem = "untranslated"
                elif tr.fuzzy:
                    problem = "fuzzy"
                elif sorted(PLACEHOLDER.findall(tr.msgstr)) != sorted(
                    PLACEHOLDER.findall(msgid)
                ):
                    problem = "other placeholders"
                elif sorted(TAG.findall(tr.msgstr)) != sorted(TAG.findall(msgid)):
                    problem = "other markup"
                else:
                    continue
                problems.append(f"{lang}: {problem}: {short(msgid)}")
        self.assertFalse(
            problems,
            f"{len(problems)} translation(s) of {self.module} to fill or fix "
            f"({FIX}, then translate):\n" + "\n".join(problems),
        )


def activate_language(env, code, modules):
    """Install language ``code`` and load ``modules``' terms in it, as Odoo
    does when a language is added (Settings > Languages)."""
    env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms(modules, [code], overwrite=True)
