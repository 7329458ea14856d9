"""The 503 page (database busy or full) in a real browser: styled by Halqa's stylesheet, the
Arabic half right-to-left and the English half left-to-right, and it says nothing was saved.
Screenshots at phone and desktop width for people to look at."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError

from tests.e2e.conftest import screenshot


def _full(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("database or disk is full")


@pytest.mark.parametrize("width", [412, 1280])
def test_unavailable_page_is_styled_bilingual_and_says_nothing_was_saved(
    page: Any, monkeypatch: Any, width: int
) -> None:
    monkeypatch.setattr("halqa.core.views.featured_groups", _full)  # the live server's thread too
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto("/")
    assert response.status == 503
    sheet = page.evaluate(
        "[...document.styleSheets].map((s) => s.href + ':' + s.cssRules.length).join()"
    )
    assert "/static/halqa/css/halqa.css:" in sheet
    assert not sheet.endswith(":0")  # the stylesheet loaded and has rules
    style = "(el) => [getComputedStyle(el).direction, getComputedStyle(el).fontFamily]"
    arabic = page.locator("h1").first
    english = page.locator("h1[lang=en]")
    assert arabic.evaluate(style)[0] == "rtl"
    assert english.evaluate(style)[0] == "ltr"
    assert "Noto Sans Arabic" in arabic.evaluate(style)[1]  # Halqa's font, not the default
    # The Arabic heading's words sit at the right edge of its box, the English one's at the left.
    edges = """(el) => {
      const range = document.createRange(); range.selectNodeContents(el);
      const words = range.getBoundingClientRect(), box = el.getBoundingClientRect();
      return [words.left - box.left, box.right - words.right];
    }"""
    assert arabic.evaluate(edges)[1] < 2
    assert english.evaluate(edges)[0] < 2
    text = page.locator("main").inner_text()
    assert "لم يُحفظ ما أرسلته للتو" in text
    assert "What you just sent was not saved" in text
    assert page.locator("a[href='/crisis/']").count() == 2
    screenshot(page, f"unavailable-503-{width}")
