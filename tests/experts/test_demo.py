"""The experts demo data: a verified expert without licence data, idempotent."""

from __future__ import annotations

import pytest

from halqa.core.demo import seed_demo
from halqa.experts.models import Answer, Application, Expert, OfficeHours, Question

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    models = (Expert, Application, Question, Answer, OfficeHours)
    return tuple(model.objects.count() for model in models)


def test_demo_seed_creates_expert_data_once() -> None:
    seed_demo()
    first = _counts()
    assert first == (1, 2, 2, 2, 1)
    expert = Expert.objects.get()
    assert expert.user.pseudonym == "د.سلمى"
    assert expert.user.role == "expert"
    approved = Application.objects.get(applicant=expert.user)
    assert not approved.has_licence_details
    assert Application.objects.get(state="pending").has_licence_details
    assert Question.objects.filter(private=True).count() == 1
    assert Question.objects.exclude(helpful_answer=None).count() == 1
    seed_demo()
    assert _counts() == first
