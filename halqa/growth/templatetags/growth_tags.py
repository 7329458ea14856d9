"""The group page's commitments section, rendered from the group page without its view."""

from __future__ import annotations

from typing import Any

from django import template

from halqa.conversations.enums import ReactionKind
from halqa.groups.models import Group
from halqa.growth.commitments import commitments_in

register = template.Library()


@register.inclusion_tag("growth/_commitments.html", takes_context=True)
def group_commitments(context: dict[str, Any], group: Group) -> dict[str, Any]:
    user = context["user"]
    return {
        "rows": commitments_in(group, user),
        "kinds": ReactionKind.choices,
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }
