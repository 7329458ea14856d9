"""Escaped text with the words that matched a query wrapped in <mark>, and short snippets."""

from __future__ import annotations

import functools
import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from halqa.conversations.markdown import render
from halqa.resources import text as terms

# Words, with the Arabic marks (harakat, shadda, tatweel) that \w leaves out.
_TOKEN = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+")
SNIPPET_WORDS = 30


def plain(markdown: str) -> str:
    """Markdown as plain text (rendered by the safe renderer, then tags dropped)."""
    if not markdown:
        return ""
    return " ".join(html.unescape(strip_tags(render(markdown))).split())


@functools.lru_cache(maxsize=50_000)
def _stems(word: str) -> frozenset[str]:
    return frozenset(stem for folded in terms.words(word) for stem in terms.variants(folded))


def _matches(word: str, stems: set[str]) -> bool:
    return not _stems(word).isdisjoint(stems)


def highlight(text: str, stems: set[str]) -> SafeString:
    """All of `text`, escaped, with matching words marked."""
    pieces, pos = [], 0
    for match in _TOKEN.finditer(text):
        if _matches(match.group(), stems):
            pieces += [escape(text[pos : match.start()]), f"<mark>{escape(match.group())}</mark>"]
            pos = match.end()
    pieces.append(escape(text[pos:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def snippet(text: str, stems: set[str], size: int = SNIPPET_WORDS) -> SafeString:
    """About `size` words around the first match (or the opening words), escaped and marked."""
    text = " ".join(text.split())
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return SafeString("")
    first = next((i for i, t in enumerate(tokens) if _matches(t.group(), stems)), 0)
    start_index = max(0, first - size // 3)
    end_index = min(len(tokens), start_index + size)
    start = tokens[start_index].start()
    end = len(text) if end_index == len(tokens) else tokens[end_index - 1].end()
    shown = highlight(text[start:end], stems)
    before = "… " if start_index > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{shown}{after}")  # noqa: S308 - highlight escapes
