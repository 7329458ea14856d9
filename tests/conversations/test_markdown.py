"""Markdown is rendered safely: a table of hostile and ordinary input, in Arabic and English."""

from __future__ import annotations

import pytest

from halqa.conversations.markdown import LINK_REL, mentioned_names, render


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;", "<script"),
        ("<b>مرحبا</b>", "&lt;b&gt;مرحبا&lt;/b&gt;", "<b>"),
        ('<img src="x" onerror="alert(1)">', "&lt;img", "<img"),
        ("[click](javascript:alert(1))", "[click]", "href"),
        ("[اضغط](JaVaScRiPt:alert(1))", "[اضغط]", "href"),
        ("[x](&#106;avascript:alert(1))", "[x]", "href"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "[x]", "href"),
        ("[x](vbscript:msgbox)", "[x]", "href"),
        ("<javascript:alert(1)>", "&lt;javascript", "href"),
        ("![cat](https://evil.example/cat.png)", ">cat</a> (evil.example)", "<img"),
        ("![قطة](https://evil.example/c.png)", ">قطة</a> (evil.example)", "<img"),
        ("![x](data:image/png;base64,AAAA)", "![x]", "<img"),
        ("# Title", "<h3>Title</h3>", "<h1"),
        ("## عنوان", "<h4>عنوان</h4>", "<h2"),
        ("###### six", "<h6>six</h6>", "<h8"),
        ("**strong** _em_", "<strong>strong</strong> <em>em</em>", "<script"),
        ("سطر\nسطر آخر", "سطر<br />", "<script"),
    ],
)
def test_render_is_safe(text, present, absent):
    html = render(text)
    assert present in html
    assert absent not in html


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("[read this](https://www.example.org/a?b=1)", "(example.org)"),
        ("[اقرأ هذا](https://who.int/ar)", "(who.int)"),
        ("<https://example.net/x>", "(example.net)"),
        ("[x](//evil.example/x)", "(evil.example)"),
    ],
)
def test_render_links_show_domain_and_rel(text, domain):
    html = render(text)
    assert f'rel="{LINK_REL}"' in html
    assert f"</a> {domain}" in html
    assert "target=" not in html


def test_render_relative_link_has_no_domain():
    html = render("[rules](/groups/x/)")
    assert '<a href="/groups/x/" rel="nofollow ugc noopener noreferrer">rules</a></p>' in html


def test_render_links_known_mentions_only():
    html = render("شكراً @سارة و @nobody", mentions={"سارة": "/m/1"})
    assert '<a href="/m/1" class="mention">@سارة</a>' in html
    assert "@nobody" in html
    assert html.count("<a") == 1


def test_render_ignores_mentions_inside_code_and_links():
    html = render("`@sam` [hi @sam](/x)", mentions={"sam": "/m/2"})
    assert 'class="mention"' not in html


def test_mentioned_names_finds_arabic_and_latin_names():
    assert mentioned_names("hi @Sam_1 و @ليلى, not a@b.c") == {"Sam_1", "ليلى"}
