"""Every write to the journal and the safety plan. Nothing here logs what a member wrote."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from halqa.accounts.models import User
from halqa.journal.enums import PlanEvent, Prompt, Section
from halqa.journal.models import Entry, PlanLogEntry, SafetyPlan

TITLE_MAX = 120
BODY_MAX = 20_000
ITEM_MAX = 300
ITEMS_MAX = 20


def _check_entry(title: str, body: str, prompt: str) -> tuple[str, str, str]:
    title, body = title.strip(), body.strip()
    if not body:
        raise ValidationError(
            {"body": [pgettext("journal error", "Write something before saving.")]}
        )
    if len(title) > TITLE_MAX or len(body) > BODY_MAX:
        raise ValidationError(
            {"body": [pgettext("journal error", "This entry is too long to save.")]}
        )
    if prompt and prompt not in Prompt.values:
        raise ValidationError({"prompt": [pgettext("journal error", "Unknown prompt.")]})
    return title, body, prompt


@transaction.atomic
def create_entry(*, author: User, body: str, title: str = "", prompt: str = "") -> Entry:
    title, body, prompt = _check_entry(title, body, prompt)
    entry = Entry(author=author)
    entry.seal(title=title, body=body, prompt=prompt)
    entry.save()
    return entry


@transaction.atomic
def update_entry(*, entry: Entry, body: str, title: str = "", prompt: str = "") -> Entry:
    """`entry` must come from queries.access_entry."""
    title, body, prompt = _check_entry(title, body, prompt)
    entry.seal(title=title, body=body, prompt=prompt)
    entry.edited_at = timezone.now()
    entry.save(update_fields=["sealed", "edited_at"])
    return entry


@transaction.atomic
def delete_entry(*, entry: Entry) -> None:
    """`entry` must come from queries.access_entry. Gone for good: there is no bin."""
    entry.delete()


def clean_items(items: Iterable[str]) -> list[str]:
    """Blank lines dropped, each item trimmed; ValidationError when too long or too many."""
    kept = [" ".join(item.split()) for item in items if item.strip()]
    if any(len(item) > ITEM_MAX for item in kept):
        raise ValidationError(
            pgettext("safety plan error", "Keep each item under %(max)d characters.")
            % {"max": ITEM_MAX}
        )
    if len(kept) > ITEMS_MAX:
        raise ValidationError(
            pgettext("safety plan error", "A section can hold up to %(max)d items.")
            % {"max": ITEMS_MAX}
        )
    return kept


def _plan_for(owner: User) -> SafetyPlan:
    plan = SafetyPlan.objects.select_for_update().filter(owner=owner).first()
    if plan is None:
        plan = SafetyPlan(owner=owner)
        plan.seal({})
    return plan


@transaction.atomic
def save_safety_plan(*, owner: User, sections: Mapping[str, Iterable[str]]) -> SafetyPlan:
    """Replace the sections given (others keep their items); unknown sections are an error."""
    unknown = set(sections) - set(Section.values)
    if unknown:
        raise ValidationError(pgettext("safety plan error", "Unknown section."))
    cleaned = {key: clean_items(items) for key, items in sections.items()}
    plan = _plan_for(owner)
    plan.seal({**plan.opened(), **cleaned})
    plan.updated_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def set_plan_sharing(*, owner: User, shared: bool) -> SafetyPlan:
    """Turn sharing with moderators on or off; each change is written to the plan's log."""
    plan = _plan_for(owner)
    if plan.pk is not None and plan.shared_with_moderators == shared:
        return plan
    plan.shared_with_moderators = shared
    plan.save()
    event = PlanEvent.SHARED if shared else PlanEvent.UNSHARED
    PlanLogEntry.objects.create(owner=owner, event=event)
    return plan


@transaction.atomic
def record_plan_view(*, owner: User, viewer: User) -> PlanLogEntry:
    """Called each time a moderator opens a shared plan (queries.access_shared_plan first)."""
    return PlanLogEntry.objects.create(
        owner=owner, event=PlanEvent.VIEWED, viewer=viewer, viewer_pseudonym=viewer.pseudonym
    )
