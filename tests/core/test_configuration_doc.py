"""Every HALQA_* variable the code reads is documented (a Datasette habit)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_configuration_doc_lists_every_variable_read():
    sources = [ROOT / "halqa" / "settings.py", *(ROOT / "halqa").rglob("cli.py")]
    read = set()
    for path in sources:
        read |= set(re.findall(r'"((?:HALQA_[A-Z_]+)|DATABASE_URL|REDIS_URL)"', path.read_text()))
    documented = set(re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text()))
    assert read, "found no variables: the pattern is wrong"
    assert read - documented == set()
