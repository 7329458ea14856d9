"""What one reader may see of a thread post or a live message, after moderation.

The author and the group's moderators see everything (with a note on its state for the author);
other members never get the text of held or hidden content, see a calm placeholder for a
plan/method message until a moderator reviews it, see personal details the author posted anyway
masked, and see a notice naming the rule in place of removed content. Screening results are
never part of what a member sees.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext, pgettext_lazy

from halqa.accounts.enums import Role
from halqa.groups.enums import GroupRole
from halqa.moderation.enums import ContentState
from halqa.trust.enums import Rule

MASK = "•••"
STAFF = frozenset({Role.MODERATOR, Role.OPERATOR})  # moderate every group
PLACEHOLDER = pgettext_lazy(
    "method hidden",
    "A member shared something difficult; a moderator will look at it. You can still reply "
    "with support.",
)


class Seen(enum.StrEnum):
    FULL = "full"  # the text as written (author, moderators)
    MASKED = "masked"  # personal details or watched words masked
    PLACEHOLDER = "placeholder"  # method details hidden until a moderator reviews
    REMOVED = "removed"  # a transparency notice
    NOTHING = "nothing"  # held or hidden: others do not see it at all


@dataclass(frozen=True, slots=True)
class View:
    seen: Seen
    body: str  # the Markdown to render for this reader ("" when there is nothing to show)
    mine: bool = False


def is_moderator(user: Any, group: Any) -> bool:
    from halqa.moderation.queries import is_moderator_of

    if not getattr(user, "is_authenticated", False) or group is None:
        return False
    known: dict[int, bool] = group.__dict__.setdefault("_is_moderator", {})
    roles = dict(group.__dict__.get("_live_roles", {}))  # live.queries.group_role read it
    if group.__dict__.get("_annotated_for") == user.pk and "my_role" in group.__dict__:
        roles[user.pk] = group.my_role  # groups.queries.access_group annotated it
    if user.pk not in known and user.pk in roles and user.role not in STAFF:
        known[user.pk] = roles[user.pk] == GroupRole.MODERATOR
    if user.pk not in known:
        known[user.pk] = is_moderator_of(user, group)
    return known[user.pk]


def masked(body: str, spans: list[list[int]]) -> str:
    """`body` with each [start, end] span replaced by •••, from the end so indexes hold."""
    text = body
    for start, end in sorted((tuple(span) for span in spans), reverse=True):
        if 0 <= start < end <= len(text):
            text = text[:start] + MASK + text[end:]
    return text


def view_of(item: Any, *, viewer_id: int | None, moderator: bool) -> View:
    """How `item` (a Post or LiveMessage) shows to the reader `viewer_id`."""
    mine = viewer_id is not None and item.author_id == viewer_id
    if mine or moderator:
        return View(Seen.FULL, item.body, mine=mine)
    if item.state == ContentState.REMOVED:
        return View(Seen.REMOVED, "")
    if item.state != ContentState.PUBLISHED:
        return View(Seen.NOTHING, "")
    if item.method_hidden:
        return View(Seen.PLACEHOLDER, str(PLACEHOLDER))
    if item.masked_spans:
        return View(Seen.MASKED, masked(item.body, item.masked_spans))
    return View(Seen.FULL, item.body)


def rules_of(item: Any) -> list[str]:
    """The rules behind the automatic decision, named in the reader's language (the author's)."""
    names = (item.screening or {}).get("policy", {}).get("rules", [])
    return [str(Rule(name).label) for name in names if name in Rule.values]


def author_note(item: Any) -> str:
    """What the author is told about their own message's state ("" when nothing to say)."""
    if item.state == ContentState.HELD:
        return pgettext(
            "author note",
            "Waiting for a moderator: only you and the moderators can see this message for now. "
            "You can still edit it.",
        )
    if item.state == ContentState.HIDDEN:
        return pgettext(
            "author note", "Hidden while a moderator looks at it: others cannot see it for now."
        )
    if item.method_hidden:
        return pgettext(
            "author note",
            "Others see a short note instead of this message until a moderator has looked at "
            "it, to keep details of self-harm away from people who may be struggling. You and "
            "the moderators see all of it.",
        )
    if item.masked_spans:
        return pgettext(
            "author note", "Others see the personal details in this message masked (•••)."
        )
    return ""


def removed_notice(item: Any) -> str:
    rule = item.removed_rule
    if rule:
        return pgettext("removed notice", "Removed by a moderator under the rule: %(rule)s") % {
            "rule": rule
        }
    return pgettext("removed notice", "Removed by a moderator.")
