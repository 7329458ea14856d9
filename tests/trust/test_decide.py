"""trust.policy.decide: each row of DESIGN §4 on injected screenings, thresholds and overrides."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from halqa.moderation.enums import CaseKind, ContentState
from halqa.screening import CrisisLevel, PersonalDataKind, Span
from halqa.trust import watch
from halqa.trust.enums import Outcome, Rule
from halqa.trust.models import GroupPolicy, SitePolicy
from halqa.trust.policy import Thresholds, decide
from tests.trust.fixtures import screening

DEFAULT = Thresholds()


def test_clean_message_is_published() -> None:
    d = decide(screening(), body="hello", level=0, thresholds=DEFAULT)
    assert d.outcome == Outcome.PUBLISH
    assert d.state == ContentState.PUBLISHED
    assert d.case is None


@pytest.mark.parametrize(
    ("abuse", "state", "urgency"),
    [(0.9, ContentState.HELD, None), (0.6, ContentState.PUBLISHED, 20), (0.3, "published", -1)],
)
def test_abuse_thresholds(abuse: float, state: str, urgency: int | None) -> None:
    d = decide(screening(abuse=abuse), body="x", level=2, thresholds=DEFAULT)
    assert d.state == state
    if urgency == -1:
        assert d.case is None
    else:
        assert d.case is not None
        assert d.case.kind == CaseKind.ABUSE
        assert d.case.urgency == urgency


def test_crisis_rows() -> None:
    ideation = decide(screening(crisis=CrisisLevel.IDEATION), body="x", level=0, thresholds=DEFAULT)
    assert ideation.outcome == Outcome.PUBLISH_WITH_CARD
    assert ideation.crisis == "ideation"
    assert not ideation.method_hidden
    plan = decide(screening(crisis=CrisisLevel.PLAN), body="x", level=0, thresholds=DEFAULT)
    assert plan.outcome == Outcome.PUBLISH_WITH_CARD
    assert plan.method_hidden
    assert plan.state == ContentState.PUBLISHED  # never held for crisis alone
    assert Rule.METHOD in plan.rules
    distress = decide(screening(crisis=CrisisLevel.DISTRESS), body="x", level=0, thresholds=DEFAULT)
    assert distress.outcome == Outcome.PUBLISH
    assert distress.crisis == ""


def test_crisis_the_model_alone_suspects_asks_a_moderator_to_check_in_without_paging() -> None:
    """Below `crisis_urgent`, without a crisis rule: no card, no urgent case, nothing hidden."""
    for level in (CrisisLevel.IDEATION, CrisisLevel.PLAN):
        weak = screening(crisis=level, probability=0.2, rules=False)
        d = decide(weak, body="x", level=2, thresholds=DEFAULT)
        assert d.outcome == Outcome.PUBLISH
        assert d.crisis == ""
        assert not d.method_hidden
        assert Rule.CRISIS_POSSIBLE in d.rules
        assert d.case is not None
        assert (d.case.kind, d.case.urgency) == (CaseKind.CRISIS, 60)


def test_crisis_urgent_score_is_the_operators_choice() -> None:
    weak = screening(crisis=CrisisLevel.IDEATION, probability=0.2, rules=False)
    stricter = Thresholds(crisis_urgent=0.15)
    assert decide(weak, body="x", level=2, thresholds=stricter).crisis == "ideation"
    site = SitePolicy(crisis_urgent=0.1)
    assert Thresholds.of(site).crisis_urgent == 0.1


def test_method_and_timing_together_are_a_confident_plan_one_alone_is_not() -> None:
    from halqa.screening import Signal

    both = screening(crisis=CrisisLevel.PLAN, probability=0.28, rules=False)
    both = replace(
        both,
        signals=[
            Signal("rule", "crisis:plan:method", 1.0),
            Signal("rule", "crisis:plan:timeline", 1.0),
        ],
    )
    d = decide(both, body="x", level=2, thresholds=DEFAULT)
    assert (d.crisis, d.method_hidden, d.outcome) == ("plan", True, Outcome.PUBLISH_WITH_CARD)
    one = replace(both, signals=[Signal("rule", "crisis:plan:timeline", 1.0)])
    d = decide(one, body="x", level=2, thresholds=DEFAULT)
    assert (d.crisis, d.method_hidden, d.outcome) == ("", False, Outcome.PUBLISH)


def test_a_confident_plan_without_method_words_is_not_hidden() -> None:
    """Method details are hidden only when the engine found method, preparation or timing words."""
    sure = screening(crisis=CrisisLevel.PLAN, probability=0.95, rules=False)
    d = decide(sure, body="x", level=2, thresholds=DEFAULT)
    assert d.outcome == Outcome.PUBLISH_WITH_CARD
    assert d.crisis == "plan"
    assert not d.method_hidden
    assert Rule.CRISIS in d.rules


def test_crisis_with_abuse_is_held_but_still_gets_its_crisis_case() -> None:
    d = decide(
        screening(abuse=0.95, crisis=CrisisLevel.PLAN), body="x", level=2, thresholds=DEFAULT
    )
    assert d.held
    assert d.crisis == "plan"
    assert d.method_hidden


def test_personal_data_asks_unless_confirmed_or_turned_off() -> None:
    found = screening(
        spans=[Span(PersonalDataKind.PHONE, 3, 10), Span(PersonalDataKind.URL, 12, 20)]
    )
    ask = decide(found, body="x" * 30, level=2, thresholds=DEFAULT)
    assert ask.outcome == Outcome.CONFIRM_PERSONAL_DATA
    assert ask.personal_data == (("phone", 3, 10),)  # links are not personal data
    posted = decide(found, body="x" * 30, level=2, thresholds=DEFAULT, confirmed_personal_data=True)
    assert posted.outcome == Outcome.PUBLISH
    assert posted.masked_spans == ((3, 10),)
    assert ask.crisis == ""
    off = Thresholds(ask_about_personal_data=False)
    assert decide(found, body="x" * 30, level=2, thresholds=off).masked_spans == ((3, 10),)


def test_asking_about_personal_data_still_judges_a_crisis() -> None:
    """The author is asked first, but a confident crisis needs help now (PersonalDataFound)."""
    phone = [Span(PersonalDataKind.PHONE, 3, 10)]
    ask = decide(
        screening(crisis=CrisisLevel.IDEATION, spans=phone),
        body="x" * 30,
        level=2,
        thresholds=DEFAULT,
    )
    assert ask.outcome == Outcome.CONFIRM_PERSONAL_DATA
    assert ask.crisis == "ideation"
    model_only = screening(crisis=CrisisLevel.IDEATION, spans=phone, probability=0.2, rules=False)
    assert decide(model_only, body="x" * 30, level=2, thresholds=DEFAULT).crisis == ""


def test_links_held_at_level_zero_only() -> None:
    link = screening(spans=[Span(PersonalDataKind.URL, 0, 19)])
    assert decide(link, body="https://example.org", level=0, thresholds=DEFAULT).held
    assert not decide(link, body="https://example.org", level=1, thresholds=DEFAULT).held
    off = Thresholds(hold_new_member_links=False)
    assert not decide(link, body="https://example.org", level=0, thresholds=off).held


@pytest.mark.django_db
def test_group_overrides_the_site(make_group) -> None:
    group = make_group()
    site, _ = SitePolicy.objects.get_or_create(pk=1)
    override = GroupPolicy.objects.create(group=group, abuse_hold=0.5)
    t = Thresholds.of(site, override)
    assert t.abuse_hold == 0.5
    assert t.abuse_review == site.abuse_review
    assert decide(screening(abuse=0.6), body="x", level=2, thresholds=t).held


class _Word:
    def __init__(self, pk: int, pattern: str, match: str, action: str = "hold") -> None:
        self.pk, self.pattern, self.match, self.action = pk, pattern, match, action


def test_watched_words_are_arabic_normalised() -> None:
    words = [_Word(1, "إنتحار", "exact")]
    hits = watch.find("فكرت بالانتحار أمس", words)  # hamza, clitic ب and the article
    assert [(h.start, h.end) for h in hits] == [(5, 14)]
    assert watch.find("ANTI-DEPRESSANTS", [_Word(2, "anti", "prefix")])
    assert not watch.find("plantation", [_Word(3, "plan", "exact")])
    assert watch.find("call 0790000000", [_Word(4, r"07\d+", "regex")])
    assert watch.find("اتصل ٠٧٩٠٠٠٠", [_Word(4, r"07\d+", "regex")])  # Arabic-Indic digits


@pytest.mark.parametrize("pattern", ["(a+)+", "(a|aa)*b*", r"(\w+)\1", "(?=a)b", "(x*)*y"])
def test_unsafe_regular_expressions_are_refused(pattern: str) -> None:
    with pytest.raises(ValidationError):
        watch.check_pattern(pattern, "regex")


def test_safe_regular_expressions_pass_and_long_words_are_skipped() -> None:
    assert watch.check_pattern(r"casino\d*", "regex") == r"casino\d*"
    with pytest.raises(ValidationError):
        watch.check_pattern("(", "regex")
    with pytest.raises(ValidationError):
        watch.check_pattern("x" * 101, "exact")
    assert not watch.find("a" * 10_000, [_Word(1, "a+b", "regex")])
