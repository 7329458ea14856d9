"""Permission-checked reads: a journal entry and a safety plan belong to one member only."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.text import Truncator

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.core.crypto import DecryptionError
from halqa.journal.enums import Prompt
from halqa.journal.guidance import STEPS, Step
from halqa.journal.models import Entry, PlanLogEntry, SafetyPlan

# Who may open a plan a member chose to share (with two-factor, see accounts.decorators).
PLAN_READERS = frozenset({Role.MODERATOR, Role.OPERATOR})


def entries_for(user: User) -> QuerySet[Entry]:
    """The member's own entries, newest first."""
    return Entry.objects.filter(author=user).order_by("-created_at", "-id")


def access_entry(user: User, entry_id: int) -> Entry:
    """The member's own entry, or Http404: another member's entry is never revealed."""
    try:
        return Entry.objects.get(pk=entry_id, author=user)
    except Entry.DoesNotExist:
        raise Http404 from None


def safety_plan_of(user: User) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(owner=user).first()


def safety_plan_shared_with_moderators(user: User) -> bool:
    """Whether the member chose to let moderators open their safety plan."""
    return SafetyPlan.objects.filter(owner=user, shared_with_moderators=True).exists()


def shared_plan_url(user: User) -> str | None:
    """Where moderators open the member's plan, or None while it is not shared."""
    if not safety_plan_shared_with_moderators(user):
        return None
    return reverse("journal:shared_safety_plan", args=[user.pk])


def plan_log_for(user: User) -> QuerySet[PlanLogEntry]:
    """Every view of the member's plan and every change of sharing, newest first."""
    return PlanLogEntry.objects.filter(owner=user).order_by("-at", "-id")


def access_shared_plan(reader: User, owner_id: int) -> tuple[User, SafetyPlan]:
    """A plan its owner shares, for a moderator or operator; Http404 for an unknown member,
    PermissionDenied when the plan is not shared (or the reader has no such role)."""
    if reader.role not in PLAN_READERS:
        raise Http404
    owner = User.objects.filter(pk=owner_id, is_active=True).first()
    if owner is None:
        raise Http404
    plan = safety_plan_of(owner)
    if plan is None or not plan.shared_with_moderators:
        raise PermissionDenied
    return owner, plan


EXCERPT_WORDS = 30


@dataclass(frozen=True)
class Shown:
    """An entry opened for its author; `unreadable` when its key is no longer configured."""

    entry: Entry
    title: str = ""
    body: str = ""
    prompt_key: str = ""
    unreadable: bool = False

    @property
    def prompt(self) -> str:
        """The prompt in the reader's language, or ""."""
        return str(Prompt(self.prompt_key).label) if self.prompt_key else ""

    @property
    def excerpt(self) -> str:
        return Truncator(self.body).words(EXCERPT_WORDS)


def open_entry(entry: Entry) -> Shown:
    try:
        text = entry.opened()
    except DecryptionError:
        return Shown(entry, unreadable=True)
    return Shown(entry, text["title"], text["body"], text["prompt"])


@dataclass(frozen=True)
class PlanStep:
    step: Step
    items: list[str]


def plan_steps(plan: SafetyPlan | None) -> tuple[list[PlanStep], bool]:
    """Each step with its items, and whether the plan could not be decrypted."""
    try:
        sections = plan.opened() if plan else {}
    except DecryptionError:
        return [PlanStep(step, []) for step in STEPS], True
    return [PlanStep(step, sections.get(step.section, [])) for step in STEPS], False
