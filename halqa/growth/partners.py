"""Accountability partners: invitations, consent, what each shares, encouragement, nudges.

Both members consent (the inviter by inviting, the other by accepting). Nothing is shared
until each chooses it; either can end the partnership at any time, and access ends with it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.conversations.publish import PersonalDataFound, Verdict, prepare_message
from halqa.growth.enums import PartnershipState
from halqa.growth.models import Encouragement, Goal, PartnerShare, Partnership
from halqa.notifications.actions import notify
from halqa.notifications.enums import Kind

logger = logging.getLogger(__name__)

LINK_DAYS = 7
ENCOURAGEMENT_MAX = 500
# Limits that keep invitations and encouragement from becoming a way to pester someone.
OPEN_INVITES_MAX = 10
REINVITE_AFTER = timedelta(days=30)
ENCOURAGEMENTS_PER_DAY = 10
OPEN = (PartnershipState.PENDING, PartnershipState.ACTIVE)


def _invalid(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def page_url(partnership: Partnership) -> str:
    return reverse("growth:partner", args=[partnership.pk])


def _other(partnership: Partnership, user: User) -> User:
    other = partnership.partner_of(user)
    if other is None:
        raise ValueError("an accepted partnership has two members")
    return other


def _open_between(first: User, second: User) -> bool:
    pair = Q(inviter=first, invitee=second) | Q(inviter=second, invitee=first)
    return Partnership.objects.filter(pair, state__in=OPEN).exists()


def _check_not_pestering(inviter: User, invitee: User) -> None:
    """No new invitation to someone who said "not now" in the last 30 days, and no more than
    ten waiting invitations at once."""
    recent = timezone.now() - REINVITE_AFTER
    declined = Partnership.objects.filter(
        inviter=inviter, invitee=invitee, state=PartnershipState.DECLINED, created_at__gte=recent
    )
    waiting = Partnership.objects.filter(inviter=inviter, state=PartnershipState.PENDING)
    if declined.exists() or waiting.count() >= OPEN_INVITES_MAX:
        message = pgettext(
            "partner error", "You cannot invite this member right now. Please try again later."
        )
        raise _invalid("pseudonym", message, "later")


@transaction.atomic
def invite_partner(*, inviter: User, pseudonym: str) -> Partnership:
    key = pseudonym_key(
        pseudonym.replace("\x00", "")
    )  # no pseudonym has one; PostgreSQL refuses it
    invitee = User.objects.filter(pseudonym_key=key, is_active=True).first()
    if invitee is None or invitee.pk == inviter.pk:
        message = pgettext("partner error", "We could not find another member with that pseudonym.")
        raise _invalid("pseudonym", message, "not_found")
    if _open_between(inviter, invitee):
        message = pgettext("partner error", "You two already have a partnership or an invitation.")
        raise _invalid("pseudonym", message, "exists")
    _check_not_pestering(inviter, invitee)
    partnership = Partnership.objects.create(inviter=inviter, invitee=invitee)
    notify(recipient=invitee, kind=Kind.PARTNER_INVITE, url=page_url(partnership), actor=inviter)
    return partnership


@transaction.atomic
def create_invite_link(*, inviter: User, now: datetime | None = None) -> tuple[Partnership, str]:
    """A link anyone signed in may accept once, within LINK_DAYS; only its hash is kept."""
    token = secrets.token_urlsafe(24)
    expires = (now or timezone.now()) + timedelta(days=LINK_DAYS)
    partnership = Partnership.objects.create(
        inviter=inviter, token_hash=hash_token(token), expires_at=expires
    )
    return partnership, token


@transaction.atomic
def accept(*, partnership: Partnership, user: User) -> Partnership:
    """`partnership` from queries: access_partnership (named invitee) or invite_for_token."""
    if partnership.state != PartnershipState.PENDING or user.pk == partnership.inviter_id:
        raise _invalid("__all__", pgettext("partner error", "This invitation is no longer open."))
    if partnership.invitee_id not in (None, user.pk):
        raise _invalid("__all__", pgettext("partner error", "This invitation is no longer open."))
    if partnership.invitee_id is None and _open_between(partnership.inviter, user):
        message = pgettext("partner error", "You two already have a partnership or an invitation.")
        raise _invalid("__all__", message, "exists")
    partnership.invitee = user
    partnership.state, partnership.accepted_at = PartnershipState.ACTIVE, timezone.now()
    partnership.save(update_fields=["invitee", "state", "accepted_at"])
    for member in (partnership.inviter_id, user.pk):
        PartnerShare.objects.get_or_create(partnership=partnership, user_id=member)
    notify(
        recipient=partnership.inviter,
        kind=Kind.PARTNER_UPDATE,
        url=page_url(partnership),
        actor=user,
    )
    from halqa.growth.nudges import schedule_nudge_check

    transaction.on_commit(lambda: schedule_nudge_check(partnership.pk))
    return partnership


@transaction.atomic
def decline(*, partnership: Partnership, user: User) -> Partnership:
    """The invitee says not now; the inviter is not notified: no one is told "no"."""
    if partnership.state == PartnershipState.PENDING and partnership.invitee_id == user.pk:
        partnership.state = PartnershipState.DECLINED
        partnership.save(update_fields=["state"])
    return partnership


@transaction.atomic
def revoke_invite(*, partnership: Partnership, user: User) -> None:
    """The inviter withdraws a pending invitation or link: it stops working at once."""
    if partnership.state == PartnershipState.PENDING and partnership.inviter_id == user.pk:
        partnership.delete()


@transaction.atomic
def end_partnership(*, partnership: Partnership, user: User) -> Partnership:
    """Either partner, at any time: the other loses access at once and gets a neutral note."""
    if partnership.state != PartnershipState.ACTIVE:
        return partnership
    partnership.state, partnership.ended_at = PartnershipState.ENDED, timezone.now()
    partnership.save(update_fields=["state", "ended_at"])
    PartnerShare.objects.filter(partnership=partnership).delete()
    notify(
        recipient=_other(partnership, user),
        kind=Kind.PARTNER_UPDATE,
        url=reverse("growth:partners"),
    )
    return partnership


@transaction.atomic
def set_share(
    *,
    partnership: Partnership,
    user: User,
    goal_ids: Iterable[int],
    notes: bool,
    mood: bool,
    nudges: bool,
) -> PartnerShare:
    """What `user` lets the other partner see; only the member's own goals can be chosen."""
    if partnership.state != PartnershipState.ACTIVE:
        raise _invalid("__all__", pgettext("partner error", "This partnership has ended."))
    share, _ = PartnerShare.objects.get_or_create(partnership=partnership, user=user)
    ids = set(goal_ids)
    goals = list(Goal.objects.filter(owner=user, pk__in=ids))
    if len(goals) != len(ids):
        raise _invalid("goals", pgettext("partner error", "Please choose from your own goals."))
    share.notes, share.mood, share.nudges = notes, mood, nudges
    share.save(update_fields=["notes", "mood", "nudges"])
    share.goals.set(goals)
    return share


def _screened(sender: User, body: str) -> Verdict:
    """The one publish path's checks; personal details are refused outright in a note to one
    partner (there is no "send anyway", and pseudonyms stay pseudonymous)."""
    try:
        return prepare_message(author=sender, body=body)
    except PersonalDataFound:
        message = pgettext(
            "partner error",
            "Please leave out personal details such as phone numbers, e-mails or addresses.",
        )
        raise _invalid("body", message, "personal_data") from None


def _crisis_case(author: User, level: str) -> None:
    """The urgent case for the author, as for threads; a failure to open it is logged, never
    the text, and does not lose what the member wrote."""
    from halqa.safety.crisis import open_crisis_case

    try:
        with transaction.atomic():
            open_crisis_case(author=author, level=level)
    except Exception:
        logger.exception("growth: the crisis case could not be opened")


def encourage(*, partnership: Partnership, sender: User, body: str) -> Encouragement:
    """A short note to the other partner, screened like every message before it is stored.

    Not one transaction: a crisis case opened for the author stays even when the note itself
    is refused."""
    if partnership.state != PartnershipState.ACTIVE:
        raise _invalid("body", pgettext("partner error", "This partnership has ended."))
    since = timezone.now() - timedelta(days=1)
    sent = Encouragement.objects.filter(
        partnership=partnership, sender=sender, created_at__gte=since
    )
    if sent.count() >= ENCOURAGEMENTS_PER_DAY:
        message = pgettext(
            "partner error", "That is a lot of encouragement for one day. Try again tomorrow."
        )
        raise _invalid("body", message, "too_many")
    verdict = _screened(sender, body)
    if len(verdict.body) > ENCOURAGEMENT_MAX:
        message = pgettext("partner error", "Please keep it under %(limit)d characters.")
        raise _invalid("body", message % {"limit": ENCOURAGEMENT_MAX}, "too_long")
    if verdict.needs_crisis_help:  # Guarantee 1: words of crisis reach the moderators
        _crisis_case(sender, verdict.decision.crisis)
    if verdict.decision.held:
        message = pgettext(
            "partner error", "This note could not be sent as written. Could you put it another way?"
        )
        raise _invalid("body", message, "held")
    with transaction.atomic():
        note = Encouragement.objects.create(
            partnership=partnership, sender=sender, body=verdict.body, screening=verdict.record
        )
        notify(
            recipient=_other(partnership, sender),
            kind=Kind.PARTNER_CHEER,
            url=page_url(partnership),
            actor=sender,
        )
    return note
