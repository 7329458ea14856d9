"""The consented safety contact: stored encrypted, revealed only to the on-duty moderator who
claimed the member's open urgent case, with a reason, and every view logged for the member.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from halqa.accounts.models import User
from halqa.core.crypto import DecryptionError
from halqa.moderation.enums import URGENT, CaseState
from halqa.moderation.models import Case
from halqa.moderation.queries import is_on_duty, may_act_on
from halqa.safety.models import ContactView, SafetyContact

REASON_MIN = 10
REASON_MAX = 500


@transaction.atomic
def save_safety_contact(*, member: User, name: str, phone: str, location: str) -> SafetyContact:
    contact = SafetyContact.objects.filter(member=member).first() or SafetyContact(member=member)
    contact.seal({"name": name.strip(), "phone": phone.strip(), "location": location.strip()})
    contact.updated_at = timezone.now()
    contact.save()
    return contact


@transaction.atomic
def delete_safety_contact(*, member: User) -> bool:
    """Forget the contact at once; the log of past views stays for the member to see."""
    deleted, _ = SafetyContact.objects.filter(member=member).delete()
    return bool(deleted)


def contact_of(member: User) -> dict[str, Any] | None:
    contact = SafetyContact.objects.filter(member=member).first()
    return contact.unsealed() if contact else None


def has_contact(member_id: int) -> bool:
    return SafetyContact.objects.filter(member_id=member_id).exists()


def may_reveal(user: Any, case: Case) -> bool:
    """The on-duty moderator who claimed this open urgent case, and nobody else."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.pk != case.subject_id
        and case.state == CaseState.CLAIMED
        and case.claimed_by_id == user.pk
        and case.urgency >= URGENT
        and is_on_duty(user)
        and may_act_on(user, case)
    )


def clean_reason(reason: str) -> str:
    text = " ".join(reason.replace("\x00", " ").split())  # PostgreSQL refuses NUL in text
    if len(text) < REASON_MIN:
        raise ValidationError(
            pgettext(
                "safety contact",
                "Say why you need the safety contact (at least %(min)d characters).",
            )
            % {"min": REASON_MIN},
            code="reason",
        )
    return text[:REASON_MAX]


@transaction.atomic
def reveal_safety_contact(*, viewer: User, case: Case, reason: str) -> dict[str, Any] | None:
    """The member's contact in clear, logged; None when they stored none (nothing is logged).

    Raises PermissionDenied for anyone but the handling on-duty moderator, ValidationError
    without a reason.
    """
    if not may_reveal(viewer, case):
        raise PermissionDenied
    text = clean_reason(reason)
    contact = SafetyContact.objects.filter(member_id=case.subject_id).first()
    if contact is None:
        return None
    try:
        shown = contact.unsealed()
    except DecryptionError:
        message = pgettext(
            "safety contact",
            "The contact cannot be read with this site's current keys. Call the emergency "
            "number of the member's country and tell an operator.",
        )
        raise ValidationError(message, code="key") from None
    ContactView.objects.create(
        member_id=case.subject_id,
        viewer=viewer,
        viewer_pseudonym=viewer.pseudonym,
        case=case,
        reason=text,
    )
    return shown


def views_of(member: User) -> list[ContactView]:
    return list(ContactView.objects.filter(member=member))
