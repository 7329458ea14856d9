"""The API's own messages (contexts starting with "api") are all in Arabic."""

from __future__ import annotations

from pathlib import Path

import polib

import halqa.accounts

CATALOGUE = Path(halqa.accounts.__file__).parent / "locale/ar/LC_MESSAGES/django.po"


def test_api_messages_are_translated_to_arabic():
    catalogue = polib.pofile(str(CATALOGUE))
    entries = [e for e in catalogue if (e.msgctxt or "").startswith("api") and not e.obsolete]
    assert len(entries) >= 18  # the API's messages were extracted
    for entry in entries:
        assert "fuzzy" not in entry.flags, entry.msgid
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        assert all(translations), entry.msgid
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 6, entry.msgid
