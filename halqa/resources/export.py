"""The member's part of the library in "export my data": what they saved and how they rated."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.resources.models import Rating, SavedResource


def export_resources(user: User) -> dict[str, Any]:
    saved = SavedResource.objects.filter(user=user).select_related("resource")
    ratings = Rating.objects.filter(user=user).select_related("resource")
    return {
        "saved": [
            {"resource": s.resource.title, "id": s.resource_id, "saved_at": s.saved_at.isoformat()}
            for s in saved
        ],
        "ratings": [
            {"resource": r.resource.title, "id": r.resource_id, "score": r.score,
             "rated_at": r.rated_at.isoformat()}
            for r in ratings
        ],
    }  # fmt: skip
