"""`{% expert_badge user %}` next to a pseudonym; `{% expert_settings_link %}` for settings.

The verified experts are read once per request (or per render without a request), so a page
of fifty posts costs one query, not fifty.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from halqa.accounts.enums import STAFF_ROLES
from halqa.experts import queries

register = template.Library()
CACHE = "_halqa_expert_badges"


def _badges(context: Context) -> dict[int, str]:
    request = context.get("request")
    holder: Any = request if request is not None else context.dicts[0]
    cached = getattr(holder, CACHE, None) if request is not None else holder.get(CACHE)
    if cached is None:
        cached = queries.badge_names()
        if request is not None:
            setattr(request, CACHE, cached)
        else:
            holder[CACHE] = cached
    return cached


@register.simple_tag(takes_context=True)
def expert_badge(context: Context, user: Any) -> SafeString | str:
    """The "Expert" badge and chosen professional name, for verified experts only.

    Given a loaded user (not an id), authors whose role is not a staff role are answered
    without reading anything: pages of members' posts cost no query at all.
    """
    role = getattr(user, "role", None)
    if role is not None and role not in STAFF_ROLES:
        return ""
    user_id = getattr(user, "pk", user)
    badges = _badges(context)
    if user_id not in badges:
        return ""
    label = pgettext("expert badge", "Verified expert")
    name = badges[user_id]
    if name:
        return format_html(
            ' · <span class="expert-name"><bdi>{}</bdi></span>'
            ' <span class="badge expert-badge">{}</span>',
            name,
            label,
        )
    return format_html(' <span class="badge expert-badge">{}</span>', label)


@register.simple_tag
def experts_nav_link() -> SafeString:
    """The "Experts" link of the main navigation (its words live in this app's catalogue)."""
    return format_html(
        '<a href="{}">{}</a>', reverse("experts:directory"), pgettext("navigation", "Experts")
    )


@register.inclusion_tag("experts/_settings_link.html", takes_context=True)
def expert_settings_link(context: Context) -> dict[str, Any]:
    user = context.get("user")
    staff = getattr(user, "role", None) in STAFF_ROLES  # members need no query
    return {"is_expert": staff and queries.expert_of(user) is not None}
