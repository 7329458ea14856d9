"""Template helpers for the flag button and the content notice (used in others' templates)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def flag_target(item: Any) -> dict[str, Any]:
    """Which field names `item` in the flag form: posts and live messages."""
    field = "post" if hasattr(item, "thread_id") else "message"
    return {"field": field, "id": item.pk, "key": f"{field}-{item.pk}"}


@register.simple_tag(takes_context=True)
def appealable_notice(context: dict[str, Any], item: Any) -> Any:
    """For the author only: the last decision about `item` they may read (and appeal)."""
    user = context.get("user")
    if user is None or not user.is_authenticated or item.author_id != user.pk:
        return None
    from halqa.moderation.views import latest_notice_for

    return latest_notice_for(item)


@register.filter
def rule_number(removed_rule: str) -> str:
    """ "3. Be kind." -> "3" (the notice says "removed under rule 3")."""
    head = (removed_rule or "").split(".", 1)[0].strip()
    return head if head.isdigit() else ""


@register.filter
def rule_text(removed_rule: str) -> str:
    parts = (removed_rule or "").split(".", 1)
    return parts[1].strip() if len(parts) == 2 and parts[0].strip().isdigit() else removed_rule


@register.inclusion_tag("moderation/_nav_link.html", takes_context=True)
def moderation_nav_link(context: dict[str, Any]) -> dict[str, Any]:
    """The header link to the queue, for those who moderate something."""
    from halqa.moderation.queries import is_moderator

    user = context.get("user")
    show = bool(user is not None and user.is_authenticated and is_moderator(user))
    return {"show": show}
