"""Geometry shared by the server-rendered SVG charts (moderation, console, growth).

SVG coordinates do not follow the page's direction: x=0 is the left edge even on an Arabic
page. So each chart lays itself out left to right and passes every x through `mirrored`,
which in a right-to-left language reflects it about the middle of the picture: bars then
grow from the right (the start side) and time runs from right (older) to left (newer).
The templates stay per page (a table of bars, day columns, labelled bars, a line); only the
numbers are computed here.
"""

from __future__ import annotations

from django.utils.translation import get_language_bidi


def is_rtl() -> bool:
    """Whether the active language is written right to left (Arabic)."""
    return get_language_bidi()


def scaled(value: float, top: float, span: float) -> float:
    """`value`'s share of `top` as a length along `span` (0 when there is nothing to show)."""
    return span * value / top if top else 0.0


def mirrored(x: float, width: float, rtl: bool, length: float = 0.0) -> float:
    """Where a mark laid out from `x` (and `length` long) starts once the page's direction
    is applied: unchanged left to right, reflected within `width` right to left."""
    return width - x - length if rtl else x
