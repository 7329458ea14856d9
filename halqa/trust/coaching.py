"""Coaching while writing: the draft is screened as the member types; nothing is stored or logged.

Crisis signals bring a calm note with the member's country's helplines; a plan or method brings
gentle safe-messaging guidance to leave the details out; personal data shows what to remove.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from halqa.conversations.guard import kind_label, marked
from halqa.conversations.publish import MAX_LENGTH
from halqa.safety.queries import crisis_card_for
from halqa.screening import screen
from halqa.trust.levels import site_policy
from halqa.trust.policy import Decision, Thresholds, decide, personal_data

PER_MINUTE = 40  # a draft every ~1.5 s of typing, with the client's 600 ms debounce


def allowed(user: Any) -> bool:
    """At most PER_MINUTE drafts a minute per member (the cache counts, keyed by member id)."""
    key = f"trust:coach:{user.pk}"
    if cache.add(key, 1, timeout=60):
        return True
    try:
        return cache.incr(key) <= PER_MINUTE
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        return True


def judge(user: Any, text: str) -> tuple[Decision, list[tuple[str, int, int]]]:
    """The draft's crisis judgement as on posting (trust.policy: a crisis the model alone
    suspects gets no crisis note), and the personal data found in it."""
    result = screen(text, lang=user.language, country=user.country or None)
    decision = decide(
        result,
        body=text,
        level=2,
        thresholds=Thresholds.of(site_policy()),
        confirmed_personal_data=True,
    )
    return decision, personal_data(result)


def coaching_for(user: Any, draft: str) -> dict[str, Any]:
    """What the partial shows for this draft; empty when there is nothing to say."""
    text = draft.strip()[:MAX_LENGTH]
    if len(text) < 3:
        return {}
    decision, found = judge(user, text)
    context: dict[str, Any] = {}
    if decision.crisis:
        context["crisis"] = crisis_card_for(user)
        context["method"] = decision.method_hidden
    if found:
        context["marked"] = marked(text, found)
        context["kinds"] = list(dict.fromkeys(kind_label(kind) for kind, _, _ in found))
    return context
