"""Fail when an Arabic catalogue has an empty, fuzzy or obsolete message, or is missing, or
lacks a string the app's code and templates use (a catalogue not updated after a change).

Every app with translatable strings keeps `halqa/<app>/locale/ar/LC_MESSAGES/django.po`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
STRING_MARKERS = re.compile(
    r"\b(?:pgettext|npgettext|gettext|ngettext)(?:_lazy)?\(|\{%\s*(?:translate|blocktranslate)\b"
)


def problems_in(path: Path) -> list[str]:
    catalogue = polib.pofile(str(path))
    found = []
    if catalogue.metadata_is_fuzzy:
        found.append(f"{path.relative_to(ROOT)}: the header is fuzzy (pybabel would skip it)")
    # Without these pybabel compiles the catalogue with English plural rules: every Arabic
    # count would show one form.
    if catalogue.metadata.get("Language") != "ar":
        found.append(f"{path.relative_to(ROOT)}: the header does not say 'Language: ar'")
    if "nplurals=6" not in catalogue.metadata.get("Plural-Forms", ""):
        found.append(f"{path.relative_to(ROOT)}: the header lacks Arabic's six plural forms")
    for entry in catalogue:
        where = f"{path.relative_to(ROOT)}: {entry.msgctxt or ''}|{entry.msgid[:60]!r}"
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{where} is fuzzy")
        elif entry.msgid_plural:
            if len(entry.msgstr_plural) < 6 or not all(entry.msgstr_plural.values()):
                found.append(f"{where} lacks some of the six Arabic plural forms")
        elif not entry.msgstr:
            found.append(f"{where} is not translated")
    return found


def missing_from(app: Path, po: Path) -> list[str]:
    """Strings the code uses that the catalogue lacks: makemessages on a copy of the app."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        django_admin = Path(sys.executable).with_name("django-admin")
        run = subprocess.run(  # noqa: S603 (our own django-admin, fixed arguments)
            [str(django_admin), "makemessages", "-l", "ar", "--no-location"],
            cwd=copy,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            return [f"{po.relative_to(ROOT)}: makemessages failed: {run.stderr.strip()[-300:]}"]
        fresh = polib.pofile(str(copy / po.relative_to(app)))
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po)) if not e.obsolete}
    return [
        f"{po.relative_to(ROOT)}: {e.msgctxt or ''}|{e.msgid[:60]!r} is used but not in the "
        "catalogue (run makemessages and translate it)"
        for e in fresh
        if not e.obsolete and (e.msgctxt, e.msgid) not in known
    ]


def apps_with_strings() -> list[Path]:
    apps = []
    for app in sorted((ROOT / "halqa").iterdir()):
        files = [*app.rglob("*.py"), *app.rglob("*.html")]
        if app.is_dir() and any(STRING_MARKERS.search(f.read_text("utf-8")) for f in files):
            apps.append(app)
    return apps


def main() -> int:
    found = []
    for app in apps_with_strings():
        po = app / "locale" / "ar" / "LC_MESSAGES" / "django.po"
        if po.exists():
            found += problems_in(po) + missing_from(app, po)
        else:
            found.append(f"{po.relative_to(ROOT)} is missing")
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} Arabic catalogue problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
