"""Fail on physical left/right in stylesheets: one stylesheet must serve RTL and LTR."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHYSICAL = re.compile(
    r"(?<![-\w])(?:margin|padding|border)-(?:left|right)\b"
    r"|(?<![-\w])(?:left|right)\s*:"
    r"|\b(?:float|clear|text-align)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
)


def main() -> int:
    found = []
    for path in sorted((ROOT / "halqa").rglob("*.css")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if PHYSICAL.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for line in found:
        print(f"physical direction (use logical properties): {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
