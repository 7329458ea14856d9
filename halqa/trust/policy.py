"""The publish policy (DESIGN §4): from a Screening, the author's trust level and the group's
watched words, what happens to a message. Pure decisions: no database writes, no I/O.

| signal                                   | outcome                                          |
|------------------------------------------|--------------------------------------------------|
| personal data, not confirmed             | ask the author (nothing stored)                  |
| personal data, posted anyway             | published with the spans masked for others       |
| watched word: hold / mask / flag         | held + case / masked for others / published + case |
| abuse >= abuse_hold                      | held + case                                      |
| abuse >= abuse_review                    | published + low-priority case                    |
| a link from trust level 0                | held + case                                      |
| crisis: ideation, confident              | published + crisis card + urgent case            |
| crisis: plan, confident, method words    | crisis card + urgent case + method hidden        |
| crisis: ideation or plan, model only     | published + a "check in" case, not urgent        |

"Confident" means an ideation rule fired (an explicit statement: "I want to die", "بدي موت"), two
plan rules fired together (method and timing: "pills saved ... tonight"), or the model's
P(ideation or plan) reached the operator's `crisis_urgent` score. Below it the model
alone is a weak witness (on the everyday set of halqa/screening, a third of its ideation calls
there are ordinary talk of grief, sleep and hard days), so a moderator checks in without paging
anyone and without showing the author a crisis card they may find jarring. Method details are
hidden only when method, preparation or timeline words were found: there is nothing else to hide.

A crisis message is never held for its crisis alone, and never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from halqa.moderation.enums import DEFAULT_URGENCY, CaseKind, ContentState
from halqa.screening import CrisisLevel, PersonalDataKind, Screening
from halqa.trust import watch
from halqa.trust.enums import Outcome, Rule, WordAction

# Shown as personal data to the author (DESIGN §4); links are a trust-level question instead.
GUARDED = frozenset(PersonalDataKind) - {PersonalDataKind.URL}
# Case urgency (moderation.Case.urgency, higher first): held content takes the kind's default;
# content published and queued for review waits with ordinary flags. Crisis cases: safety's own.
URGENCY_HELD: int | None = None
URGENCY_REVIEW = DEFAULT_URGENCY[CaseKind.FLAG]
# A crisis the model alone suspects: above held content, below the urgent line (no paging).
URGENCY_POSSIBLE_CRISIS = 60


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The site policy with the group's overrides applied."""

    abuse_hold: float = 0.85
    abuse_review: float = 0.5
    crisis_urgent: float = 0.5
    hold_new_member_links: bool = True
    ask_about_personal_data: bool = True

    @classmethod
    def of(cls, site: Any, group: Any = None) -> Thresholds:
        def pick(name: str) -> Any:
            value = getattr(group, name, None) if group is not None else None
            return getattr(site, name) if value is None else value

        return cls(
            abuse_hold=pick("abuse_hold"),
            abuse_review=pick("abuse_review"),
            crisis_urgent=site.crisis_urgent,
            hold_new_member_links=pick("hold_new_member_links"),
            ask_about_personal_data=site.ask_about_personal_data,
        )


@dataclass(frozen=True, slots=True)
class CaseToOpen:
    kind: CaseKind  # held, abuse or flag
    urgency: int | None  # None: the kind's default
    rule: Rule

    @property
    def held(self) -> bool:
        return self.urgency is None


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    state: ContentState
    rules: tuple[Rule, ...] = ()
    masked_spans: tuple[tuple[int, int], ...] = ()
    method_hidden: bool = False
    case: CaseToOpen | None = None
    crisis: str = ""  # "ideation" or "plan": the author sees the crisis card, safety opens a case
    personal_data: tuple[tuple[str, int, int], ...] = field(default=())  # to ask the author

    @property
    def held(self) -> bool:
        return self.state == ContentState.HELD

    @property
    def record(self) -> dict[str, Any]:
        """Stored with the screening, for moderators and to explain the decision to the author."""
        return {
            "outcome": str(self.outcome),
            "rules": [str(rule) for rule in self.rules],
            "case": str(self.case.kind) if self.case else "",
            "crisis": self.crisis,
        }


def personal_data(screening: Screening) -> list[tuple[str, int, int]]:
    return [(str(s.kind), s.start, s.end) for s in screening.personal_data if s.kind in GUARDED]


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def has_link(screening: Screening) -> bool:
    return any(s.kind == PersonalDataKind.URL for s in screening.personal_data)


def decide(
    screening: Screening,
    *,
    body: str,
    level: int,
    thresholds: Thresholds,
    watched: Iterable[Any] = (),
    confirmed_personal_data: bool = False,
) -> Decision:
    """The outcome for one message (see the module's table)."""
    found = personal_data(screening)
    crisis, confident, method_hidden = crisis_decision(screening, thresholds)
    if found and thresholds.ask_about_personal_data and not confirmed_personal_data:
        # Nothing is stored yet; `crisis` says whether the author needs help now all the same.
        return Decision(
            Outcome.CONFIRM_PERSONAL_DATA,
            ContentState.HELD,
            crisis=str(crisis) if confident else "",
            personal_data=tuple(found),
        )
    rules: list[Rule] = []
    masks = [(start, end) for _, start, end in found]
    if found:
        rules.append(Rule.PERSONAL_DATA)
    hold, case = False, None
    hits = watch.find(body, watched)
    masks += [(hit.start, hit.end) for hit in hits if hit.action == WordAction.MASK]
    actions = {hit.action for hit in hits}
    if actions:
        rules.append(Rule.WATCHED_WORD)
    if WordAction.HOLD in actions:
        hold, case = True, CaseToOpen(CaseKind.HELD, URGENCY_HELD, Rule.WATCHED_WORD)
    elif WordAction.FLAG in actions:
        case = CaseToOpen(CaseKind.FLAG, URGENCY_REVIEW, Rule.WATCHED_WORD)
    if screening.abuse >= thresholds.abuse_hold:
        hold, case = True, CaseToOpen(CaseKind.ABUSE, URGENCY_HELD, Rule.ABUSE_HIGH)
        rules.append(Rule.ABUSE_HIGH)
    elif screening.abuse >= thresholds.abuse_review:
        case = case or CaseToOpen(CaseKind.ABUSE, URGENCY_REVIEW, Rule.ABUSE_MEDIUM)
        rules.append(Rule.ABUSE_MEDIUM)
    if level == 0 and thresholds.hold_new_member_links and has_link(screening):
        hold = True
        if case is None or not case.held:
            case = CaseToOpen(CaseKind.HELD, URGENCY_HELD, Rule.LINKS_NEW_MEMBER)
        rules.append(Rule.LINKS_NEW_MEMBER)
    if confident:
        rules.append(Rule.METHOD if method_hidden else Rule.CRISIS)
    elif crisis is not None:
        rules.append(Rule.CRISIS_POSSIBLE)
        if case is None:
            case = CaseToOpen(CaseKind.CRISIS, URGENCY_POSSIBLE_CRISIS, Rule.CRISIS_POSSIBLE)
    outcome = Outcome.HOLD if hold else Outcome.PUBLISH
    if confident and not hold:
        outcome = Outcome.PUBLISH_WITH_CARD
    return Decision(
        outcome=outcome,
        state=ContentState.HELD if hold else ContentState.PUBLISHED,
        rules=tuple(dict.fromkeys(rules)),
        masked_spans=_merge(masks),
        method_hidden=method_hidden,
        case=case,
        crisis=str(crisis) if confident else "",
    )


CRISIS_LEVELS = (CrisisLevel.IDEATION, CrisisLevel.PLAN)


def crisis_decision(
    screening: Screening, thresholds: Thresholds
) -> tuple[CrisisLevel | None, bool, bool]:
    """(ideation/plan or None, confident, method details to hide): see the module's table."""
    crisis = screening.crisis if screening.crisis in CRISIS_LEVELS else None
    plan_rules = _rules_fired(screening, "crisis:plan")
    confident = crisis is not None and (
        bool(_rules_fired(screening, "crisis:ideation"))
        # method and timing together ("pills saved ... tonight"); one alone is everyday talk
        or (crisis == CrisisLevel.PLAN and len(plan_rules) >= 2)
        or screening.crisis_probability >= thresholds.crisis_urgent
    )
    method_hidden = confident and crisis == CrisisLevel.PLAN and bool(plan_rules)
    return crisis, confident, method_hidden


def confident_crisis(record: Mapping[str, Any]) -> str:
    """From a stored screening record (Verdict.record): "ideation" or "plan" when the policy
    was confident of a crisis — the author is shown help and safety opens an urgent case —
    else "". Records stored before the policy existed fall back to the screened level."""
    policy = record.get("policy")
    if isinstance(policy, Mapping) and "crisis" in policy:
        return str(policy["crisis"] or "")
    level = str(record.get("crisis", ""))
    return level if level in CRISIS_LEVELS else ""


def _rules_fired(screening: Screening, prefix: str) -> set[str]:
    """The screening rules (not model features) under a crisis level, e.g. "crisis:plan"."""
    return {g.name for g in screening.signals if g.source == "rule" and g.name.startswith(prefix)}
