"""The two addons' translations: their .pot files as Odoo exports them, and per
language what each .po misses. Used by setup/i18n.sh (which runs Odoo's exporter).

    python setup/i18n.py pot EXPORTED.pot TARGET.pot
        write TARGET from Odoo's export; when its terms did not change, the file is
        left as it is (no diff for a new date)
    python setup/i18n.py report [--merge] [--lang it,pt_BR] [--all]
        per addon and language: terms of the .pot missing from the .po, left empty
        or fuzzy, placeholders or markup that differ, terms no longer in the code.
        --merge writes each .po again in the .pot's order (as gettext's msgmerge
        does): new terms with an empty msgstr (or, when a term was reworded, the
        old translation flagged fuzzy, with the old text as #| msgid), the
        references of the .pot, and without the terms gone from the code.
        --lang adds languages (a new .po is created by --merge).
        Exits 1 when a translation is left to fill or to check.
"""

import argparse
import difflib
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("serial_tracking_wms", "serial_tracking_wms_hhd")
# Python and JavaScript placeholders: %s, %d, %r, %(name)s (not %%).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrfi]")
# Markup of view terms (tags and their attributes must stay as they are).
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")
# How close a reworded term must be to an old one to reuse its translation.
FUZZY_CUTOFF = 0.75
LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish"}


def pot_path(addon, repo=REPO):
    return repo / addon / "i18n" / f"{addon}.pot"


def shown(path):
    """``path`` relative to the repository when it is inside it."""
    try:
        return path.relative_to(REPO)
    except ValueError:
        return path


def entry_key(entry):
    """What Odoo reads of a .pot entry: its text, references and kind."""
    return (entry.msgid, tuple(entry.occurrences), entry.comment)


def write_pot(exported, target):
    new = polib.pofile(str(exported))
    if target.exists():
        old = polib.pofile(str(target))
        if [entry_key(e) for e in old] == [entry_key(e) for e in new]:
            print(f"{shown(target)}: unchanged")
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(Path(exported).read_bytes())
    print(f"{shown(target)}: {len(new)} terms, written")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def tags(text):
    return sorted(TAG.findall(text))


def problems(pot, po):
    """{kind: [(entry of the .pot, line in the .po or None)]} and the msgids of
    the .po no longer in the .pot."""
    translated = {e.msgid: e for e in po if not e.obsolete}
    found = {
        "missing": [],
        "empty": [],
        "fuzzy": [],
        "placeholders": [],
        "markup": [],
    }
    for entry in pot:
        done = translated.get(entry.msgid)
        if done is None:
            found["missing"].append((entry, None))
        elif not done.msgstr.strip():
            found["empty"].append((entry, done.linenum))
        elif done.fuzzy:
            found["fuzzy"].append((entry, done.linenum))
        elif placeholders(done.msgstr) != placeholders(entry.msgid):
            found["placeholders"].append((entry, done.linenum))
        elif tags(done.msgstr) != tags(entry.msgid):
            found["markup"].append((entry, done.linenum))
    in_pot = {e.msgid for e in pot}
    gone = [msgid for msgid in translated if msgid and msgid not in in_pot]
    return found, gone


def new_po(addon, lang, pot):
    po = polib.POFile(wrapwidth=pot.wrapwidth)
    po.header = (
        "Translation of Odoo Server.\n"
        "This file contains the translation of the following modules:\n"
        f"\t* {addon}\n"
    )
    base = lang.split("_")[0]
    try:
        nplurals, plural = get_plural(lang)
        plural_forms = f"nplurals={nplurals}; plural={plural};"
    except ValueError:
        plural_forms = ""
    po.metadata = {
        "Project-Id-Version": "Odoo Server 18.0",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": pot.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": LANGUAGE_NAMES.get(base, ""),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Language": lang,
        "Plural-Forms": plural_forms,
    }
    return po


def merge(addon, lang, pot, path):
    """The .po of ``lang`` again, in the .pot's order and with its references.
    Returns the msgids dropped (no longer in the code), or None when the file
    was already in step with the .pot."""
    old = polib.pofile(str(path)) if path.exists() else None
    po = new_po(addon, lang, pot)
    if old is not None:
        po.header = old.header
        po.metadata = dict(old.metadata)
        po.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    translated = {e.msgid: e for e in (old or []) if not e.obsolete and e.msgid}
    in_pot = {e.msgid for e in pot}
    leftovers = {m: e for m, e in translated.items() if m not in in_pot and e.msgstr}
    changed = False
    for template in pot:
        entry = polib.POEntry(
            msgid=template.msgid,
            msgstr="",
            occurrences=list(template.occurrences),
            comment=template.comment,
            flags=[f for f in template.flags if f != "fuzzy"],
        )
        done = translated.get(template.msgid)
        if done is not None:
            entry.msgstr = done.msgstr
            entry.tcomment = done.tcomment
            if done.fuzzy:
                entry.flags.append("fuzzy")
                entry.previous_msgid = done.previous_msgid
        else:
            changed = True
            close = difflib.get_close_matches(
                template.msgid, list(leftovers), n=1, cutoff=FUZZY_CUTOFF
            )
            if close:
                entry.msgstr = leftovers[close[0]].msgstr
                entry.flags.append("fuzzy")
                entry.previous_msgid = close[0]
        po.append(entry)
    dropped = sorted(set(translated) - in_pot)
    if dropped:
        changed = True
    if old is not None and not changed:
        # Same terms: only the references may have moved.
        if [entry_key(e) for e in old if not e.obsolete] == [entry_key(e) for e in po]:
            return None
    if changed or old is None:
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
        po.metadata["PO-Revision-Date"] = now
    po.save(str(path))
    return dropped


def short(text, width=100):
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def report(langs, do_merge, show_all, repo=REPO):
    left = 0
    for addon in ADDONS:
        pot = polib.pofile(str(pot_path(addon, repo)))
        folder = pot_path(addon, repo).parent
        languages = sorted({p.stem for p in folder.glob("*.po")} | set(langs))
        for lang in languages:
            path = folder / f"{lang}.po"
            rel = path.relative_to(repo)
            dropped = merge(addon, lang, pot, path) if do_merge else None
            if dropped is not None:
                print(f"{rel}: merged with the .pot")
                for msgid in dropped:
                    print(f"    {'dropped':<12} {rel}  {short(msgid)}")
            if not path.exists():
                print(f"{rel}: no such file (--merge creates it)")
                left += len(pot)
                continue
            found, gone = problems(pot, polib.pofile(str(path)))
            todo = sum(len(v) for v in found.values())
            left += todo
            counts = ", ".join(f"{len(v)} {k}" for k, v in found.items() if v)
            status = "complete" if not todo else counts
            print(f"{addon} {lang}: {len(pot)} terms, {status}", end="")
            print(f"; {len(gone)} no longer in the code" if gone else "")
            limit = None if show_all else 20
            for kind, entries in found.items():
                for entry, line in entries[:limit]:
                    where = f"{rel}:{line}" if line else str(rel)
                    print(f"    {kind:<12} {where}  {short(entry.msgid)}")
                if limit and len(entries) > limit:
                    print(f"    ... {len(entries) - limit} more {kind} (--all)")
            for msgid in gone[:limit]:
                print(f"    {'gone':<12} {rel}  {short(msgid)}")
    if left:
        print(
            f"{left} translation(s) to fill or check: run setup/i18n.sh --merge, "
            "then fill the empty msgstr and review the fuzzy ones (remove the "
            "'#, fuzzy' line once checked)."
        )
    else:
        print("Every term of both addons is translated in every language.")
    return 1 if left else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pot = sub.add_parser("pot")
    pot.add_argument("exported", type=Path)
    pot.add_argument("target", type=Path)
    rep = sub.add_parser("report")
    rep.add_argument("--merge", action="store_true")
    rep.add_argument("--lang", default="")
    rep.add_argument("--all", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "pot":
        write_pot(args.exported, args.target.resolve())
        return 0
    langs = [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    return report(langs, args.merge, args.all)


if __name__ == "__main__":
    sys.exit(main())
