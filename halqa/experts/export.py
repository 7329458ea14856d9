"""The experts part of "export my data": applications (never licence details), the expert
record, questions and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from halqa.accounts.models import User
from halqa.experts.models import Answer, Application, Expert, Question


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _application(row: Application) -> dict[str, Any]:
    return {
        "profession": row.profession,
        "specialties": row.specialties,
        "languages": row.languages,
        "display_name": row.display_name,
        "state": row.state,
        "submitted_at": _when(row.submitted_at),
        "decided_at": _when(row.decided_at),
        "decline_reason": row.decline_reason,
        # Held encrypted for operators only until the decision, then deleted.
        "licence_details_held": row.has_licence_details,
    }


def _expert(user: User) -> dict[str, Any] | None:
    expert = Expert.objects.filter(user=user).first()
    if expert is None:
        return None
    return {
        "profession": expert.profession,
        "specialties": expert.specialties,
        "languages": expert.languages,
        "display_name": expert.display_name,
        "verified_at": _when(expert.verified_at),
        "verified_by": expert.verified_by_name,
        "active": expert.is_active,
    }


def export_experts(user: User) -> dict[str, Any]:
    questions = Question.objects.filter(asker=user).order_by("id")
    answers = Answer.objects.filter(author=user).order_by("id")
    return {
        "applications": [_application(row) for row in Application.objects.filter(applicant=user)],
        "expert": _expert(user),
        "questions": [
            {
                "id": q.pk,
                "title": q.title,
                "body": q.body,
                "topic": q.topic,
                "private": q.private,
                "created_at": _when(q.created_at),
            }
            for q in questions
        ],
        "answers": [
            {
                "question": a.question_id,
                "body": a.body,
                "as_expert": a.by_expert,
                "created_at": _when(a.created_at),
            }
            for a in answers
        ],
    }
