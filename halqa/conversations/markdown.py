"""Safe Markdown for messages: threads, replies and live messages share this renderer.

CommonMark with raw HTML off, so whatever a member types as HTML shows as text. Links keep
the reader safe: only http(s), mailto and same-site addresses survive; each link is marked
`nofollow ugc noopener noreferrer` and followed by its domain, so nobody is misled by link
text. Images never load (nothing comes from another host): their alt text becomes a link.
Headings are demoted below the page's own. `@pseudonym` mentions become links when the
caller passes the names it resolved (see `mention_names`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

LINK_REL = "nofollow ugc noopener noreferrer"
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# A mention: "@" then letters, digits, marks, "_" or "-" (the characters pseudonyms use).
MENTION = re.compile(r"(?<![\w@])@([\w\u064b-\u065f\u0670\-]{2,30})")


def _validate_link(url: str) -> bool:
    """Absolute links only with a safe scheme; relative links (same site) are fine."""
    cleaned = "".join(url.split()).lower()
    scheme, sep, _ = cleaned.partition(":")
    if not sep or "/" in scheme or "?" in scheme or "#" in scheme:
        return True  # no scheme: relative address
    return scheme in SAFE_SCHEMES


def _domain(href: str) -> str:
    try:
        host = urlsplit(href).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _link(href: str, children: list[Token]) -> list[Token]:
    opening = Token("link_open", "a", 1)
    opening.attrs = {"href": href, "rel": LINK_REL}
    tokens = [opening, *children, Token("link_close", "a", -1)]
    domain = _domain(href)
    if domain:
        tokens.append(_text(f" ({domain})"))
    return tokens


def _image_as_link(token: Token) -> list[Token]:
    src = str(token.attrs.get("src", ""))
    children = list(token.children or []) or [_text(token.content or src)]
    return _link(src, children) if src else children


def _mentions(token: Token, names: Mapping[str, str]) -> list[Token]:
    """Split a text token around known mentions; unknown @words stay text."""
    out: list[Token] = []
    rest = token.content
    for match in MENTION.finditer(token.content):
        url = names.get(match.group(1))
        if url is None:
            continue
        before, _, rest = rest.partition(match.group(0))
        if before:
            out.append(_text(before))
        out += _mention(url, match.group(0))
    if rest:
        out.append(_text(rest))
    return out


def _mention(url: str, text: str) -> list[Token]:
    """A link to `url`, or, with no page to link to, the name set apart."""
    if url:
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": url, "class": "mention"}
        return [opening, _text(text), Token("link_close", "a", -1)]
    opening = Token("strong_open", "strong", 1)
    opening.attrs = {"class": "mention"}
    return [opening, _text(text), Token("strong_close", "strong", -1)]


def _inline(state: StateCore) -> None:
    names: Mapping[str, str] = state.env.get("mentions") or {}
    for block in state.tokens:
        if block.type in ("heading_open", "heading_close"):
            block.tag = f"h{min(6, int(block.tag[1]) + 2)}"
        if block.type != "inline" or not block.children:
            continue
        block.children = _rewrite(block.children, names)


def _rewrite(children: list[Token], names: Mapping[str, str]) -> list[Token]:
    out: list[Token] = []
    in_link = 0
    for index, child in enumerate(children):
        if child.type == "image":
            out += list(child.children or []) if in_link else _image_as_link(child)
        elif child.type == "link_open":
            in_link += 1
            child.attrSet("rel", LINK_REL)
            out.append(child)
        elif child.type == "link_close":
            in_link -= 1
            out.append(child)
            domain = _domain(str(_opening_of(children, index).attrs.get("href", "")))
            if domain:
                out.append(_text(f" ({domain})"))
        elif child.type == "text" and names and not in_link:
            out += _mentions(child, names)
        else:
            out.append(child)
    return out


def _opening_of(children: list[Token], close_index: int) -> Token:
    depth = 0
    for token in reversed(children[:close_index]):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            if depth == 0:
                return token
            depth -= 1
    return Token("link_open", "a", 1)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.core.ruler.push("halqa_safety", _inline)
    return md


_MD = _parser()


def render(text: str, *, mentions: Mapping[str, str] | None = None) -> SafeString:
    """Message text as safe HTML.

    `mentions` maps a mentioned name (as typed) to its URL ("" sets the name apart unlinked).
    """
    html: str = _MD.render(text, {"mentions": dict(mentions or {})})
    return mark_safe(html)  # noqa: S308 - markdown-it escapes all text; raw HTML is off


def mentioned_names(text: str) -> set[str]:
    """The names typed after "@" in `text`, as typed (resolve them with pseudonym_key)."""
    return {match.group(1) for match in MENTION.finditer(text)}
