"""Every moderator write: claim, hand over, act on content, sanction, decide appeals.

Each function checks who may do it, changes what it must, appends one AuditEntry and tells
the people concerned through notifications (links made of ids, never content). Refusals raise
`Refused` with a sentence for the moderator.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.core import crypto
from halqa.groups.models import Group, GroupRule
from halqa.moderation import queries
from halqa.moderation.cases import record_first_response
from halqa.moderation.enums import (
    LADDER,
    Action,
    AppealState,
    CaseKind,
    CaseState,
    ContentState,
    SanctionKind,
)
from halqa.moderation.models import (
    AuditEntry,
    Case,
    Flag,
    ModeratorStatus,
    Redaction,
    Sanction,
    text_hash,
)
from halqa.notifications.actions import notify, notify_many
from halqa.notifications.enums import Kind

# Longest a mute or suspension may last (a longer need is a ban, decided by a person).
MAX_DURATION = timedelta(days=365)
# Sanctions older than this no longer count towards the next step of the ladder.
LADDER_MEMORY = timedelta(days=180)
CRISIS_LEVELS = ("ideation", "plan")


class Refused(Exception):
    """A moderator action that may not happen; `message` says why, in the reader's language."""

    def __init__(self, message: Promise | str, code: str) -> None:
        super().__init__(str(code))
        self.message = message
        self.code = code


def _not_allowed() -> Refused:
    return Refused(
        pgettext_lazy("moderation error", "You do not moderate this group."), "forbidden"
    )


# --- helpers ---------------------------------------------------------------------------------


def _item_of(case: Case) -> Any:
    return case.item


def content_kind(item: Any) -> str:
    """ "post", "live" or "expert" (a question or answer of halqa.experts)."""
    if hasattr(item, "thread_id"):
        return "post"
    if hasattr(item, "session_id"):
        return "live"
    return "expert"


def _version(item: Any) -> int | None:
    if item is None or content_kind(item) == "expert":
        return None
    if hasattr(item, "revisions"):
        return int(item.revisions.count())
    return int(Redaction.objects.filter(live_message=item).count())


def audit(
    *,
    actor: User | None,
    action: str,
    case: Case | None = None,
    subject: User | None = None,
    item: Any = None,
    reason: str = "",
    rule: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; the message version is its text hash and its number of revisions."""
    if case is not None and item is None:
        item = _item_of(case)
    post_id = live_id = None
    detail = dict(detail or {})
    if item is not None:
        kind = content_kind(item)
        if kind == "expert":  # ids only, like the other links
            detail[f"expert_{item._meta.model_name}"] = item.pk
        else:
            post_id, live_id = (item.pk, None) if kind == "post" else (None, item.pk)
    return AuditEntry.objects.create(
        actor=actor,
        action=Action(action),
        case=case,
        subject=subject or (case.subject if case else None),
        group=case.group if case else None,
        post_id_value=post_id,
        live_message_id_value=live_id,
        rule=rule,
        reason=reason.replace("\x00", "")[:2000],  # PostgreSQL refuses NUL in text
        content_hash=text_hash(item.body) if item is not None else "",
        content_version=_version(item),
        detail=detail,
    )


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("group", "subject")
        .get(pk=case.pk)
    )


def _check_may_act(case: Case, by: User) -> None:
    if not queries.may_act_on(by, case):
        raise _not_allowed()
    if case.kind == CaseKind.APPEAL and case.excluded_moderator_id == by.pk:
        raise Refused(
            pgettext_lazy(
                "moderation error",
                "This appeal is about your own decision: another moderator decides it.",
            ),
            "own_decision",
        )


def _working(case: Case, by: User) -> Case:
    """Lock the case for an action by `by`: claim it if open, refuse if someone else has it."""
    _check_may_act(case, by)
    case = _locked(case)
    if case.state == CaseState.RESOLVED:
        raise Refused(pgettext_lazy("moderation error", "This case is already closed."), "resolved")
    if case.state == CaseState.CLAIMED and case.claimed_by_id not in (None, by.pk):
        raise Refused(
            pgettext_lazy(
                "moderation error",
                "Another moderator is working on this case. Ask them to hand it over.",
            ),
            "claimed",
        )
    if case.state == CaseState.OPEN:
        case.state, case.claimed_by, case.claimed_at = CaseState.CLAIMED, by, timezone.now()
        case.save(update_fields=["state", "claimed_by", "claimed_at"])
    record_first_response(case, by)
    return case


def _is_crisis(case: Case) -> bool:
    item = _item_of(case)
    screened = item is not None and item.screening.get("crisis") in CRISIS_LEVELS
    return case.kind == CaseKind.CRISIS or screened


def _refuse_if_crisis(case: Case, what: str) -> None:
    if not _is_crisis(case):
        return
    if what == "remove":
        message = pgettext_lazy(
            "moderation error",
            "This message shows someone in crisis. It is never removed for that, and its author "
            "is never penalised for it. If it must come down for other members, hide it; then "
            "reach out to its author.",
        )
    else:
        message = pgettext_lazy(
            "moderation error",
            "This case is about someone in crisis: its author is never penalised for it. Reach "
            "out to them instead; if a message must come down, hide it.",
        )
    raise Refused(message, "crisis")


def _set_state(item: Any, **fields: Any) -> None:
    previous = item.state
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    _content_changed(item, previous)


def _content_changed(item: Any, previous_state: str) -> None:
    """The apps that keep records of content (search index, ask an expert) follow a decision."""
    kind = content_kind(item)
    if kind == "post":
        from halqa.conversations.actions import recount_replies
        from halqa.resources.hooks import post_changed

        recount_replies(item.thread_id)
        post_changed(item)
    elif kind == "expert":
        from halqa.experts.actions import after_moderation

        after_moderation(item=item, previous_state=previous_state)


def _resolve(case: Case, by: User | None) -> None:
    case.state, case.resolved_at = CaseState.RESOLVED, timezone.now()
    case.save(update_fields=["state", "resolved_at"])
    _tell_reporters(case)


def _tell_reporters(case: Case) -> None:
    """Each reporter is told once that their report was looked at (never what was done)."""
    flags = list(Flag.objects.filter(case=case, outcome_sent_at__isnull=True))
    if not flags:
        return
    for flag in flags:
        notify(
            recipient=flag.reporter,
            kind=Kind.REPORT_OUTCOME,
            url=f"/moderation/reports/{flag.pk}/",
            group=case.group,
        )
    Flag.objects.filter(pk__in=[f.pk for f in flags]).update(outcome_sent_at=timezone.now())


def tell_member(entry: AuditEntry) -> None:
    if entry.subject is None:
        return
    notify(
        recipient=entry.subject,
        kind=Kind.MODERATION,
        url=f"/moderation/notices/{entry.pk}/",
        group=entry.group,
    )


# --- claiming and handing over ---------------------------------------------------------------


@transaction.atomic
def claim(case: Case, by: User) -> Case:
    """Take a case so nobody else works it at the same time (a conditional UPDATE decides)."""
    _check_may_act(case, by)
    now = timezone.now()
    won = Case.objects.filter(pk=case.pk, state=CaseState.OPEN).update(
        state=CaseState.CLAIMED, claimed_by=by, claimed_at=now
    )
    case.refresh_from_db()
    if not won:
        if case.state == CaseState.CLAIMED and case.claimed_by_id == by.pk:
            return case
        if case.state == CaseState.RESOLVED:
            raise Refused(
                pgettext_lazy("moderation error", "This case is already closed."), "resolved"
            )
        raise Refused(
            pgettext_lazy("moderation error", "Another moderator has just claimed this case."),
            "claimed",
        )
    record_first_response(case, by)
    audit(actor=by, action=Action.CLAIM, case=case)
    return case


@transaction.atomic
def release(case: Case, by: User) -> Case:
    case = _locked(case)
    if case.state != CaseState.CLAIMED or case.claimed_by_id != by.pk:
        return case
    case.state, case.claimed_by, case.claimed_at = CaseState.OPEN, None, None
    case.save(update_fields=["state", "claimed_by", "claimed_at"])
    audit(actor=by, action=Action.RELEASE, case=case)
    return case


@transaction.atomic
def hand_over(case: Case, by: User, to: User, note: str) -> Case:
    """Pass a case to another moderator of its group with a note; they are notified."""
    case = _working(case, by)
    if to.pk == by.pk or not queries.may_act_on(to, case):
        raise Refused(
            pgettext_lazy("moderation error", "Hand the case to another moderator of this group."),
            "bad_target",
        )
    if case.kind == CaseKind.APPEAL and case.excluded_moderator_id == to.pk:
        raise Refused(
            pgettext_lazy("moderation error", "This moderator made the decision under appeal."),
            "own_decision",
        )
    case.claimed_by, case.claimed_at = to, timezone.now()
    case.save(update_fields=["claimed_by", "claimed_at"])
    audit(actor=by, action=Action.HANDOVER, case=case, reason=note, detail={"to": to.pk})
    notify(
        recipient=to,
        kind=Kind.CASE_HANDOVER,
        url=f"/moderation/cases/{case.pk}/",
        actor=by,
        group=case.group,
    )
    return case


# --- content ---------------------------------------------------------------------------------


def _require_item(case: Case) -> Any:
    item = _item_of(case)
    if item is None:
        raise Refused(
            pgettext_lazy("moderation error", "This case is about a member, not a message."),
            "no_content",
        )
    return item


@transaction.atomic
def approve(case: Case, by: User, reason: str = "") -> Case:
    """Publish held or hidden content (and close the case)."""
    case = _working(case, by)
    item = _require_item(case)
    entry = audit(actor=by, action=Action.APPROVE, case=case, reason=reason)
    if item.state != ContentState.PUBLISHED:
        _set_state(item, state=ContentState.PUBLISHED, removed_rule="")
        if entry.subject is not None and item.author_id == entry.subject_id:
            tell_member(entry)
    _resolve(case, by)
    return case


@transaction.atomic
def redact(case: Case, by: User, body: str, reason: str = "") -> Case:
    """The moderator edits the text (e.g. leaves out method details); the old text is kept."""
    from halqa.conversations.publish import clean_body

    case = _working(case, by)
    item = _require_item(case)
    if content_kind(item) == "expert":
        raise Refused(
            pgettext_lazy(
                "moderation error",
                "Questions and answers for experts are not edited by moderators: hide or remove "
                "it, and tell its author why.",
            ),
            "not_editable",
        )
    try:  # the same cleaning as a member's message (control characters such as NUL dropped)
        body = clean_body(body)
    except ValidationError:  # only "empty" can happen: forms and API cap the length at its limit
        raise Refused(
            pgettext_lazy("moderation error", "The edited message cannot be empty."), "empty"
        ) from None
    if body == item.body:
        return case
    entry = audit(actor=by, action=Action.REDACT, case=case, reason=reason)
    previous = item.body
    if hasattr(item, "thread_id"):
        from halqa.conversations.models import PostRevision

        PostRevision.objects.create(post=item, body=previous, screening=item.screening)
        Redaction.objects.create(post=item, previous_encrypted=crypto.encrypt(previous), by=by)
    else:
        Redaction.objects.create(
            live_message=item, previous_encrypted=crypto.encrypt(previous), by=by
        )
    # Masked spans pointed into the old text: the moderator's edit replaces them.
    _set_state(item, body=body, masked_spans=[])
    tell_member(entry)
    return case


@transaction.atomic
def hide(case: Case, by: User, reason: str = "") -> Case:
    """Hide from other members (the author still sees it, marked). Allowed on crisis cases."""
    case = _working(case, by)
    item = _require_item(case)
    entry = audit(actor=by, action=Action.HIDE, case=case, reason=reason)
    _set_state(item, state=ContentState.HIDDEN)
    tell_member(entry)
    _tell_reporters(case)
    return case


def rule_of(group: Group | None, number: int | None) -> GroupRule | None:
    if group is None or number is None:
        return None
    return GroupRule.objects.filter(group=group, number=number).first()


def _rule_required(case: Case, number: int | None) -> GroupRule | None:
    """The group rule a removal is made under; None for content outside groups (ask an
    expert), which is removed with the written reason alone."""
    if case.group_id is None:
        return None
    rule = rule_of(case.group, number)
    if rule is None:
        raise Refused(pgettext_lazy("moderation error", "Choose one of the group's rules."), "rule")
    return rule


@transaction.atomic
def remove(case: Case, by: User, *, rule: int | None, reason: str) -> Case:
    """Remove under a group rule, with a reason; others see "removed under rule N"."""
    _check_may_act(case, by)
    _refuse_if_crisis(case, "remove")
    group_rule = _rule_required(case, rule)
    if not reason.strip():
        raise Refused(
            pgettext_lazy("moderation error", "Write the reason for the audit log."), "reason"
        )
    case = _working(case, by)
    item = _require_item(case)
    number = group_rule.number if group_rule is not None else None
    entry = audit(actor=by, action=Action.REMOVE, case=case, reason=reason, rule=number)
    removed_rule = f"{group_rule.number}. {group_rule.text}"[:300] if group_rule else ""
    _set_state(item, state=ContentState.REMOVED, removed_rule=removed_rule)
    tell_member(entry)
    _tell_reporters(case)
    _resolve(case, by)
    return case


@transaction.atomic
def clear_method(case: Case, by: User, reason: str = "") -> Case:
    """After review, let other members see a message whose method details were hidden."""
    case = _working(case, by)
    item = _require_item(case)
    if item.method_hidden:
        audit(actor=by, action=Action.CLEAR_METHOD, case=case, reason=reason)
        _set_state(item, method_hidden=False)
    return case


@transaction.atomic
def dismiss(case: Case, by: User, reason: str = "") -> Case:
    """No rule was broken: the flags are dismissed, auto-hidden content comes back."""
    case = _working(case, by)
    item = _item_of(case)
    audit(actor=by, action=Action.DISMISS, case=case, reason=reason)
    auto_hidden = AuditEntry.objects.filter(case=case, action=Action.AUTO_HIDE).exists()
    if item is not None and item.state == ContentState.HIDDEN and auto_hidden:
        _set_state(item, state=ContentState.PUBLISHED)
    _resolve(case, by)
    return case


@transaction.atomic
def resolve(case: Case, by: User, reason: str = "") -> Case:
    case = _working(case, by)
    audit(actor=by, action=Action.RESOLVE, case=case, reason=reason)
    _resolve(case, by)
    return case


# --- sanctions -------------------------------------------------------------------------------

SANCTION_ACTIONS = {
    SanctionKind.FEEDBACK: Action.FEEDBACK,
    SanctionKind.WARNING: Action.WARN,
    SanctionKind.MUTE: Action.MUTE,
    SanctionKind.SUSPENSION: Action.SUSPEND,
    SanctionKind.BAN: Action.BAN,
}
TIMED = (SanctionKind.MUTE, SanctionKind.SUSPENSION)


def next_step(user: User) -> SanctionKind:
    """The ladder's next step for `user`: one above the strongest recent sanction."""
    since = timezone.now() - LADDER_MEMORY
    recent = set(
        Sanction.objects.filter(user=user, starts_at__gte=since, lifted_at__isnull=True)
        .exclude(kind=SanctionKind.BAN)
        .values_list("kind", flat=True)
    )
    level = max((LADDER.index(SanctionKind(kind)) for kind in recent), default=-1)
    return LADDER[min(level + 1, len(LADDER) - 1)]


@transaction.atomic
def sanction(
    case: Case,
    by: User,
    *,
    kind: str,
    reason: str,
    rule: int | None = None,
    hours: int | None = None,
    site_wide: bool = False,
) -> Sanction:
    """One step of the ladder for the case's member. Skipping steps needs a written reason;
    suspensions, bans and site-wide mutes are for site moderators; nothing here is automatic."""
    kind = SanctionKind(kind)
    _check_may_act(case, by)
    _refuse_if_crisis(case, "sanction")
    member = case.subject
    if member.pk == by.pk:
        raise _not_allowed()
    site_only = kind in (SanctionKind.SUSPENSION, SanctionKind.BAN) or (
        kind == SanctionKind.MUTE and (site_wide or case.group_id is None)
    )
    if site_only and not queries.is_site_moderator(by):
        raise Refused(
            pgettext_lazy(
                "moderation error",
                "Only site moderators suspend, ban or mute across the whole site.",
            ),
            "site_only",
        )
    if not reason.strip():
        raise Refused(
            pgettext_lazy("moderation error", "Write the reason for the audit log."), "reason"
        )
    duration: timedelta | None = None
    if kind in TIMED:
        if hours is None or hours < 1 or timedelta(hours=hours) > MAX_DURATION:
            raise Refused(
                pgettext_lazy(
                    "moderation error", "Choose a duration between one hour and one year."
                ),
                "duration",
            )
        duration = timedelta(hours=hours)
    group_rule = rule_of(case.group, rule)
    case = _working(case, by)
    suggested = next_step(member)
    now = timezone.now()
    record = Sanction.objects.create(
        user=member,
        kind=kind,
        group=case.group if kind == SanctionKind.MUTE and not site_wide else None,
        case=case,
        created_by=by,
        rule=group_rule.number if group_rule else None,
        starts_at=now,
        ends_at=now + duration if duration else None,
    )
    entry = audit(
        actor=by,
        action=SANCTION_ACTIONS[kind],
        case=case,
        reason=reason,
        rule=record.rule,
        detail={
            "sanction": record.pk,
            "hours": hours if duration else None,
            "site_wide": record.group_id is None,
            "suggested": str(suggested),
        },
    )
    tell_member(entry)
    return record


def lift(sanction_record: Sanction, by: User | None) -> None:
    if sanction_record.lifted_at is None:
        sanction_record.lifted_at = timezone.now()
        sanction_record.save(update_fields=["lifted_at"])


# --- moderators ------------------------------------------------------------------------------


@transaction.atomic
def set_on_duty(user: User, on: bool) -> ModeratorStatus:
    if not queries.is_moderator(user):
        raise _not_allowed()
    status, _ = ModeratorStatus.objects.select_for_update(of=("self",)).get_or_create(user=user)
    if status.on_duty != on:
        status.on_duty, status.changed_at = on, timezone.now()
        status.save(update_fields=["on_duty", "changed_at"])
    return status


def lead_moderators() -> list[User]:
    """HALQA_LEAD_MODERATOR when it names an active moderator or operator; else the operators."""
    staff = User.objects.filter(is_active=True, role__in=(Role.MODERATOR, Role.OPERATOR))
    if settings.LEAD_MODERATOR:
        named = list(staff.filter(pseudonym_key=pseudonym_key(settings.LEAD_MODERATOR)))
        if named:
            return named
    return list(staff.filter(role=Role.OPERATOR).order_by("pk"))


@transaction.atomic
def ask_for_debrief(by: User, case: Case | None = None) -> int:
    """ "I need a debrief": the lead moderator is told who asked (and the case, if any)."""
    if not queries.is_moderator(by):
        raise _not_allowed()
    audit(actor=by, action=Action.DEBRIEF, case=case, subject=by, item=None)
    people = [user for user in lead_moderators() if user.pk != by.pk]
    url = f"/moderation/cases/{case.pk}/" if case else "/moderation/"
    return notify_many(recipients=people, kind=Kind.DEBRIEF, url=url, actor=by)


# --- appeals ---------------------------------------------------------------------------------

APPEALABLE = frozenset(
    {
        Action.REMOVE,
        Action.HIDE,
        Action.REDACT,
        Action.FEEDBACK,
        Action.WARN,
        Action.MUTE,
        Action.SUSPEND,
        Action.BAN,
        Action.AUTO_HIDE,
    }
)


def may_appeal(user: Any, entry: AuditEntry) -> bool:
    from halqa.moderation.models import Appeal

    return (
        getattr(user, "is_authenticated", False)
        and entry.subject_id == user.pk
        and entry.action in APPEALABLE
        and not Appeal.objects.filter(action=entry).exists()
    )


@transaction.atomic
def appeal(user: User, entry: AuditEntry, statement: str) -> Any:
    """Ask once for another look; a different moderator decides."""
    from halqa.moderation.cases import open_case
    from halqa.moderation.models import Appeal

    entry = AuditEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if entry.subject_id != user.pk or entry.action not in APPEALABLE:
        raise Refused(
            pgettext_lazy("moderation error", "This decision cannot be appealed."), "forbidden"
        )
    if Appeal.objects.filter(action=entry).exists():
        raise Refused(
            pgettext_lazy(
                "moderation error", "You have already appealed this decision (once per decision)."
            ),
            "already",
        )
    statement = statement.strip()[:2000]
    case = open_case(
        kind=CaseKind.APPEAL,
        subject=user,
        reason=f"appeal:{entry.action}",
        group=entry.group,
        opened_by=user,
    )
    if entry.actor_id:
        Case.objects.filter(pk=case.pk).update(excluded_moderator_id=entry.actor_id)
        case.excluded_moderator_id = entry.actor_id
    record = Appeal(action=entry, appellant=user, case=case)
    record.statement = statement
    record.save()
    return record


def _content_of(entry: AuditEntry) -> Any:
    from halqa.conversations.models import Post
    from halqa.live.models import LiveMessage

    if entry.post_id_value:
        return Post.objects.filter(pk=entry.post_id_value).first()
    if entry.live_message_id_value:
        return LiveMessage.objects.filter(pk=entry.live_message_id_value).first()
    from halqa.experts.models import Answer, Question

    for model in (Question, Answer):
        found = entry.detail.get(f"expert_{model._meta.model_name}")
        if found:
            return model.objects.filter(pk=found).first()
    return None


@transaction.atomic
def decide_appeal(case: Case, by: User, *, grant: bool, reason: str) -> Any:
    """Keep or reverse the appealed decision; the member is told the outcome."""
    from halqa.moderation.models import Appeal

    if case.kind != CaseKind.APPEAL:
        raise Refused(pgettext_lazy("moderation error", "This is not an appeal."), "kind")
    if not reason.strip():
        raise Refused(
            pgettext_lazy("moderation error", "Write the reason for the audit log."), "reason"
        )
    case = _working(case, by)
    record = Appeal.objects.select_for_update(of=("self",)).select_related("action").get(case=case)
    if record.state != AppealState.PENDING:
        raise Refused(
            pgettext_lazy("moderation error", "This appeal is already decided."), "decided"
        )
    entry = record.action
    item = _content_of(entry)
    if grant:
        if item is not None and entry.action in (Action.REMOVE, Action.HIDE, Action.AUTO_HIDE):
            _set_state(item, state=ContentState.PUBLISHED, removed_rule="")
        sanction_id = entry.detail.get("sanction")
        if sanction_id:
            found = Sanction.objects.filter(pk=sanction_id).first()
            if found is not None:
                lift(found, by)
    record.state = AppealState.GRANTED if grant else AppealState.UPHELD
    record.decided_at, record.decided_by = timezone.now(), by
    record.save(update_fields=["state", "decided_at", "decided_by"])
    audit(
        actor=by,
        action=Action.APPEAL_GRANTED if grant else Action.APPEAL_UPHELD,
        case=case,
        item=item,
        reason=reason,
        detail={"appealed": entry.pk},
    )
    _resolve(case, by)
    notify(
        recipient=record.appellant,
        kind=Kind.APPEAL_OUTCOME,
        url=f"/moderation/notices/{entry.pk}/",
        group=case.group,
    )
    return record
