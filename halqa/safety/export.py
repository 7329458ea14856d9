"""The member's part of "export my data": their safety contact (decrypted), who opened it and
why, their crisis card answers, and their private conversations with moderators."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.core.crypto import DecryptionError
from halqa.safety.models import CardAnswer, ContactView, SafetyContact, SupportMessage


def export_safety(user: User) -> dict[str, Any]:
    return {
        "safety_contact": _contact(user),
        "safety_contact_views": [
            {
                "viewed_at": view.viewed_at.isoformat(),
                "moderator": view.viewer_pseudonym,
                "case": view.case_id,
                "reason": view.reason,
            }
            for view in ContactView.objects.filter(member=user)
        ],
        "crisis_card_answers": [
            {"answered_at": answer.created_at.isoformat(), "choice": answer.choice}
            for answer in CardAnswer.objects.filter(member=user)
        ],
        "support_messages": [
            {
                "thread": message.thread_id,
                "sent_at": message.created_at.isoformat(),
                "from": "me" if message.from_member else "moderator",
                "moderator": None if message.from_member else _name(message.author),
                "body": message.body,
            }
            for message in SupportMessage.objects.filter(thread__member=user).select_related(
                "author"
            )
        ],
    }


def _contact(user: User) -> dict[str, Any] | None:
    contact = SafetyContact.objects.filter(member=user).first()
    if contact is None:
        return None
    try:
        return {**contact.unsealed(), "updated_at": contact.updated_at.isoformat()}
    except DecryptionError:
        return {"error": "encrypted with a key this site no longer has"}


def _name(author: User | None) -> str | None:
    return author.pseudonym if author else None
