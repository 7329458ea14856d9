"""{% load safety %}: the moderators' crisis tools for a case, and the moderation hours note."""

from __future__ import annotations

from typing import Any

from django import template

from halqa.safety.hours import published_hours

register = template.Library()


@register.inclusion_tag("safety/_case_tools.html", takes_context=True)
def case_tools(context: dict[str, Any], case: Any) -> dict[str, Any]:
    """`{% case_tools case %}` on a moderator's page (the viewer must moderate the case)."""
    from halqa.safety.support_views import case_tools_context

    request = context["request"]
    return {"request": request, "csrf_token": context.get("csrf_token")} | case_tools_context(
        request.user, case
    )


@register.inclusion_tag("safety/_moderation_hours.html")
def moderation_hours() -> dict[str, Any]:
    """`{% moderation_hours %}`: when moderators are here, and what happens outside those hours."""
    return {"hours": published_hours()}
