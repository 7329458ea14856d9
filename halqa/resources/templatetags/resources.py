"""Template helpers: an article's Markdown, and the suggestions shown under threads and on the
crisis card."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from halqa.conversations.markdown import render
from halqa.resources.models import Resource

register = template.Library()


@register.filter
def resource_markdown(text: str) -> SafeString:
    """The project's safe renderer: no raw HTML, safe links only, no images from elsewhere."""
    return render(text)


def _reader_language() -> str:
    return "en" if (get_language() or "ar").startswith("en") else "ar"


@register.simple_tag
def thread_suggestions(thread: Any) -> list[Resource]:
    """What was stored for the thread when it was published, in the reader's language."""
    from halqa.resources.suggest import suggestions_for

    if thread is None or getattr(thread, "pk", None) is None:
        return []
    return suggestions_for(thread, _reader_language())


@register.simple_tag(takes_context=True)
def crisis_suggestions(context: Any) -> list[Resource]:
    """For the crisis card: the thread's stored suggestions about crisis first, then the
    library's crisis resources in the reader's language."""
    from halqa.resources.suggest import for_crisis

    return for_crisis(context.get("thread"), _reader_language())
