# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""setup/i18n.py, the report and merge of the translation files (no database):
what the lead runs after merging branches that add strings."""

import importlib.util
import shutil
import subprocess

import polib
import pytest
from conftest import REPO

SPEC = importlib.util.spec_from_file_location("wms_i18n", REPO / "setup" / "i18n.py")
i18n = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(i18n)

ADDONS = i18n.ADDONS


@pytest.fixture
def repo(tmp_path):
    """A copy of both addons' i18n folders."""
    for addon in ADDONS:
        shutil.copytree(REPO / addon / "i18n", tmp_path / addon / "i18n")
    return tmp_path


def edit_pot(repo, addon, change):
    path = i18n.pot_path(addon, repo)
    pot = polib.pofile(str(path))
    change(pot)
    pot.save(str(path))


def entry(po_path, msgid):
    return next(e for e in polib.pofile(str(po_path)) if e.msgid == msgid)


def test_the_committed_translations_are_complete(repo, capsys):
    assert i18n.report([], do_merge=False, show_all=False, repo=repo) == 0
    out = capsys.readouterr().out
    for addon in ADDONS:
        for lang in ("fr", "de", "es"):
            assert f"{addon} {lang}: " in out and "complete" in out
    assert "Every term of both addons is translated" in out


def test_merge_adds_new_terms_keeps_reworded_ones_fuzzy_and_drops_gone_ones(
    repo, capsys
):
    addon = "serial_tracking_wms_hhd"
    old = "Scan the serial numbers of %s, one per unit."
    reworded = "Scan the serial numbers of %s: one per unit."

    def change(pot):
        for e in pot:
            if e.msgid == old:
                e.msgid = reworded
        pot.append(
            polib.POEntry(
                msgid="A brand new refusal of %(serial)s.",
                comment="module: serial_tracking_wms_hhd\nodoo-python",
                occurrences=[("code:addons/serial_tracking_wms_hhd/x.py", "0")],
            )
        )
        pot.remove(next(e for e in pot if e.msgid == "Nothing was scanned."))

    edit_pot(repo, addon, change)
    terms = len(polib.pofile(str(i18n.pot_path(addon, repo))))
    # Before the merge: the report counts what is missing and exits 1.
    assert i18n.report([], do_merge=False, show_all=False, repo=repo) == 1
    out = capsys.readouterr().out
    assert f"serial_tracking_wms_hhd fr: {terms} terms, 2 missing" in out
    assert "missing      serial_tracking_wms_hhd/i18n/fr.po  A brand new" in out
    assert (
        "gone         serial_tracking_wms_hhd/i18n/fr.po  Nothing was scanned." in out
    )

    assert i18n.report([], do_merge=True, show_all=False, repo=repo) == 1
    out = capsys.readouterr().out
    assert (
        "dropped      serial_tracking_wms_hhd/i18n/de.po  Nothing was scanned." in out
    )
    fr = repo / addon / "i18n" / "fr.po"
    new = entry(fr, "A brand new refusal of %(serial)s.")
    assert new.msgstr == "" and not new.fuzzy
    assert new.occurrences == [("code:addons/serial_tracking_wms_hhd/x.py", "0")]
    fuzzy = entry(fr, reworded)
    assert fuzzy.fuzzy and fuzzy.previous_msgid == old
    assert fuzzy.msgstr == "Scannez les numéros de série de %s, un par unité."
    assert "Nothing was scanned." not in {e.msgid for e in polib.pofile(str(fr))}
    assert f"serial_tracking_wms_hhd fr: {terms} terms, 1 empty, 1 fuzzy" in out

    # Filled and checked: complete again; a second merge changes nothing.
    for lang, text in (
        ("fr", "Refus de %(serial)s."),
        ("de", "%(serial)s abgelehnt."),
        ("es", "%(serial)s rechazado."),
    ):
        po_path = repo / addon / "i18n" / f"{lang}.po"
        po = polib.pofile(str(po_path))
        for e in po:
            if e.msgid == "A brand new refusal of %(serial)s.":
                e.msgstr = text
            if e.fuzzy:
                e.flags.remove("fuzzy")
                e.previous_msgid = None
        po.save(str(po_path))
    assert i18n.report([], do_merge=True, show_all=False, repo=repo) == 0
    assert "merged" not in capsys.readouterr().out


def test_placeholders_that_differ_are_reported(repo, capsys):
    po_path = repo / "serial_tracking_wms" / "i18n" / "de.po"
    po = polib.pofile(str(po_path))
    for e in po:
        if e.msgid == "Serial number %s is unknown.":
            e.msgstr = "Seriennummer ist unbekannt."
    po.save(str(po_path))
    assert i18n.report([], do_merge=False, show_all=False, repo=repo) == 1
    assert "placeholders serial_tracking_wms/i18n/de.po:" in capsys.readouterr().out


def test_a_new_language_gets_its_files(repo, capsys):
    assert i18n.report(["it"], do_merge=True, show_all=False, repo=repo) == 1
    for addon in ADDONS:
        po = polib.pofile(str(repo / addon / "i18n" / "it.po"))
        assert po.metadata["Language"] == "it"
        assert po.metadata["Plural-Forms"].startswith("nplurals=2;")
        assert len(po) == len(polib.pofile(str(i18n.pot_path(addon, repo))))
        assert not any(e.msgstr for e in po)


def test_i18n_sh_help_and_report():
    res = subprocess.run(
        ["bash", str(REPO / "setup/i18n.sh"), "--help"], capture_output=True, text=True
    )
    assert res.returncode == 0 and "--merge" in res.stdout
