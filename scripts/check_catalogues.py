"""Fail when an Arabic catalogue has an empty, fuzzy or obsolete message, or is missing.

Every app with translatable strings keeps `halqa/<app>/locale/ar/LC_MESSAGES/django.po`.
"""

from __future__ import annotations

import re
import sys
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
            found += problems_in(po)
        else:
            found.append(f"{po.relative_to(ROOT)} is missing")
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} Arabic catalogue problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
