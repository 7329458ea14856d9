"""The one path every message takes before it is stored: threads, replies, edits, live messages.

`prepare_message()` cleans the text, checks the author may post (sanctions, rate limits by trust
level), screens it and applies the publish policy (halqa.trust.policy, DESIGN §4). It raises
`PersonalDataFound` when the author must first decide about personal data (nothing is stored).
The caller stores the message with `verdict.stored` and `verdict.record` in one transaction,
then calls `after_store()`, which opens the moderation or crisis case the policy asks for.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.moderation.enums import ContentState
from halqa.screening import CrisisLevel, Screening, screen
from halqa.trust import levels
from halqa.trust.enums import Outcome
from halqa.trust.models import WatchedWord
from halqa.trust.policy import Decision, Thresholds, decide, personal_data

if TYPE_CHECKING:
    from halqa.conversations.models import Post
    from halqa.experts.models import Answer, Question
    from halqa.groups.models import Group
    from halqa.live.models import LiveMessage

logger = logging.getLogger("halqa.trust")

MAX_LENGTH = 10_000
# Control characters other than line breaks and tabs carry no meaning in a message.
_ALLOWED_CONTROLS = {"\n", "\t"}


class PersonalDataFound(ValidationError):
    """Personal data the author has not confirmed: show them the spans (in `body`) first."""

    def __init__(
        self,
        body: str,
        spans: list[tuple[str, int, int]],
        *,
        crisis_help: dict[str, Any] | None = None,
    ):
        # crisis_help: the author's crisis card (CrisisHelpOut) when a crisis needs help now,
        # whatever they decide; built where the database may be read (the socket answers from
        # its event loop, which may not).
        self.body, self.spans, self.crisis_help = body, spans, crisis_help
        message = pgettext_lazy(
            "personal data guard",
            "Your message seems to include personal details (highlighted below). Others could "
            "use them to find you. Remove them, or post anyway and others will see them masked.",
        )
        super().__init__({"body": ValidationError(message, code="personal_data")})

    @property
    def crisis(self) -> bool:
        """Whether the author needs help now (the pages show the card they already have)."""
        return self.crisis_help is not None


_PUBLISHED = Decision(Outcome.PUBLISH, ContentState.PUBLISHED)


@dataclass(frozen=True, slots=True)
class Verdict:
    body: str
    screening: Screening
    decision: Decision = field(default=_PUBLISHED)
    level: int = 0
    title: Verdict | None = None  # a thread's title, judged with its opening post

    def with_title(self, title: Verdict) -> Verdict:
        """The opening post's verdict, taking in its title's: a held title holds the post, and
        crisis in the title counts as crisis in the post."""
        d, t = self.decision, title.decision
        rules = tuple(dict.fromkeys(d.rules + t.rules))
        if t.held and not d.held:
            d = replace(d, outcome=Outcome.HOLD, state=ContentState.HELD, case=t.case)
        if t.crisis and (not d.crisis or t.crisis == "plan"):
            outcome = d.outcome if d.held else Outcome.PUBLISH_WITH_CARD
            d = replace(d, crisis=t.crisis, outcome=outcome)
        return replace(self, decision=replace(d, rules=rules), title=title)

    @property
    def stored(self) -> dict[str, Any]:
        """The moderation fields to store on the Post or LiveMessage."""
        d = self.decision
        return {
            "state": d.state,
            "masked_spans": [list(span) for span in d.masked_spans],
            "method_hidden": d.method_hidden,
        }

    @property
    def crisis(self) -> CrisisLevel:
        return self.screening.crisis

    @property
    def needs_crisis_help(self) -> bool:
        """A confident ideation or plan (trust.policy): the author sees their country's
        helplines at once."""
        return bool(self.decision.crisis)

    @property
    def record(self) -> dict[str, Any]:
        """What is stored with the message for moderators; never shown to other members."""
        s = self.screening
        record = {
            "model_version": s.model_version,
            "language": s.language,
            "script": str(s.script),
            "abuse": s.abuse,
            "abuse_label": s.abuse_label,
            "crisis": str(s.crisis),
            "crisis_probability": s.crisis_probability,
            "personal_data": [[str(p.kind), p.start, p.end] for p in s.personal_data],
            "signals": [[g.source, g.name, round(g.weight, 4)] for g in s.signals],
            "policy": {**self.decision.record, "level": self.level},
        }
        if self.title is not None and self.title.needs_crisis_help:
            record["crisis"] = str(self.title.crisis)
            record["title"] = self.title.record
        return record


def clean_body(body: str, *, field: str = "body") -> str:
    """Normalise line breaks, drop control characters; refuse empty or over-long text."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        c for c in text if c in _ALLOWED_CONTROLS or unicodedata.category(c) not in ("Cc", "Cs")
    ).strip()
    if not text:
        message = pgettext_lazy("message error", "Please write something before sending.")
        raise ValidationError({field: ValidationError(message, code="empty")})
    if len(text) > MAX_LENGTH:
        message = pgettext_lazy(
            "message error", "This message is too long: please keep it under %(limit)d characters."
        )
        error = ValidationError(message, code="too_long", params={"limit": MAX_LENGTH})
        raise ValidationError({field: error})
    return text


def _refuse_if_sanctioned(author: User, group: Group | None, field: str) -> None:
    from halqa.moderation.queries import active_mute

    until = active_mute(author, group)
    if until is None:
        return
    if until.year >= 9999:
        message = pgettext_lazy("message error", "Your account cannot post any more.")
        params: dict[str, str] = {}
    else:
        message = pgettext_lazy("message error", "A moderator paused your posting until %(until)s.")
        params = {"until": formats.date_format(timezone.localtime(until), "DATETIME_FORMAT")}
    raise ValidationError({field: ValidationError(message, code="muted", params=params)})


def prepare_message(
    *,
    author: User,
    body: str,
    field: str = "body",
    group: Group | None = None,
    confirm_personal_data: bool = False,
    rate_limited: bool = True,
    sanctions: bool = True,
    title: str | None = None,
) -> Verdict:
    """Clean, check and screen a message, and decide what happens to it (trust.policy).

    Raises ValidationError on bad text, a sanction or the rate limit (`levels.RateLimited`), and
    `PersonalDataFound` when the author must first decide about personal data. `rate_limited`
    is False for live messages (their pace is the room's slow mode and trust.levels.live_wait).
    `sanctions` is False for a member's support thread with the moderators of their case
    (halqa.safety.support): a mute never silences that conversation, which may be a lifeline.
    A thread's `title` (cleaned) is screened and judged with the body by the same policy, and
    its verdict taken into the body's (`Verdict.with_title`); titles show in lists, unmasked,
    so personal details in one are refused outright.
    """
    text = clean_body(body, field=field)
    if sanctions:
        _refuse_if_sanctioned(author, group, field)
    site = levels.site_policy()
    level = levels.level_of(author, site)
    if rate_limited and settings.TRUST_RATE_LIMITS:
        levels.check_post_rate(author, level, site, field=field)
    thresholds = Thresholds.of(site, levels.group_policy(group))
    watched = list(WatchedWord.objects.filter(group=group)) if group is not None else []
    title_verdict = None
    if title is not None:
        title_result = screen(title, lang=author.language, country=author.country or None)
        if personal_data(title_result):
            message = pgettext_lazy(
                "personal data guard",
                "The title seems to include personal details: please leave them out of it.",
            )
            raise ValidationError({"title": ValidationError(message, code="personal_data")})
        title_decision = decide(
            title_result, body=title, level=level, thresholds=thresholds, watched=watched
        )
        title_verdict = Verdict(title, title_result, title_decision, level)
    result = screen(text, lang=author.language, country=author.country or None)
    decision = decide(
        result,
        body=text,
        level=level,
        thresholds=thresholds,
        watched=watched,
        confirmed_personal_data=confirm_personal_data,
    )
    if decision.outcome == Outcome.CONFIRM_PERSONAL_DATA:
        # A crisis needs help now, whatever the author decides about the details.
        help_now = crisis_help_for(author) if decision.crisis else None
        raise PersonalDataFound(text, list(decision.personal_data), crisis_help=help_now)
    verdict = Verdict(body=text, screening=result, decision=decision, level=level)
    return verdict if title_verdict is None else verdict.with_title(title_verdict)


def check_public_text(text: str, *, field: str, language: str = "") -> None:
    """Text anyone may read and nobody reviews first (a group's description): refused when it
    holds personal details or would be held as abuse (the site's threshold)."""
    if not text.strip():
        return
    result = screen(text, lang=language or None)
    from halqa.conversations.guard import kind_label

    kinds = sorted({kind_label(kind) for kind, _, _ in personal_data(result)})
    if kinds:
        message = pgettext_lazy(
            "personal data guard",
            "This text seems to include personal details (%(kinds)s); everyone can read it, "
            "so please leave them out.",
        )
        error = ValidationError(message, code="personal_data", params={"kinds": ", ".join(kinds)})
        raise ValidationError({field: error})
    if result.abuse >= levels.site_policy().abuse_hold:
        message = pgettext_lazy(
            "message error", "This text may hurt someone: please write it more kindly."
        )
        raise ValidationError({field: ValidationError(message, code="abuse")})


def after_store(
    verdict: Verdict,
    *,
    author: User,
    post: Post | None = None,
    live_message: LiveMessage | None = None,
    expert_question: Question | None = None,
    expert_answer: Answer | None = None,
) -> None:
    """Open the case the policy asked for, once the message is stored; log the decision.

    Questions and answers of "ask an expert" get a case of kind `expert` (they have no group).
    A case that fails to open must not lose the message: it is logged (never the text).
    """
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind
    from halqa.safety.crisis import open_crisis_case

    d = verdict.decision
    expert = expert_question or expert_answer
    if post is not None:
        item = f"post={post.pk}"
    elif expert is not None:
        item = f"expert_{expert._meta.model_name}={expert.pk}"
    else:
        item = f"live_message={getattr(live_message, 'pk', None)}"
    # Every automatic decision is logged; a plain publish only at debug level. Never the text.
    level = logging.INFO if d.rules or d.state != ContentState.PUBLISHED else logging.DEBUG
    logger.log(
        level,
        "publish %s outcome=%s state=%s rules=%s",
        item,
        d.outcome,
        d.state,
        ",".join(d.rules) or "-",
    )
    try:
        with transaction.atomic():
            if d.crisis:
                open_crisis_case(
                    author=author,
                    level=d.crisis,
                    post=post,
                    live_message=live_message,
                    expert_question=expert_question,
                    expert_answer=expert_answer,
                )
            if d.case is not None:
                open_case(
                    kind=CaseKind.EXPERT if expert is not None else d.case.kind,
                    subject=author,
                    reason=str(d.case.rule),  # trust.enums.Rule(reason).label names it
                    post=post,
                    live_message=live_message,
                    expert_question=expert_question,
                    expert_answer=expert_answer,
                    urgency=d.case.urgency,
                )
    except Exception:
        logger.exception("publish %s: the moderation case could not be opened", item)


def crisis_help_for(author: User) -> dict[str, Any]:
    """The crisis card as JSON (conversations.schemas.CrisisHelpOut): the one `crisis_help`
    object of threads, live rooms, experts, coaching and the personal-data answer."""
    from halqa.conversations.schemas import CrisisHelpOut

    return CrisisHelpOut.of(author).model_dump()


def personal_data_payload(error: PersonalDataFound) -> dict[str, Any]:
    """What the API and the live socket tell the author who must decide: the message (in the
    active language), the spans in `body` (the text as cleaned), and the crisis card when help
    is due now (else None)."""
    return {
        "code": "personal_data",
        "message": str(error.messages[0]),
        "body": error.body,
        "spans": [{"kind": kind, "start": start, "end": end} for kind, start, end in error.spans],
        "crisis_help": error.crisis_help,
    }


def personal_data_response(error: PersonalDataFound) -> HttpResponse:
    """The API's answer when the author must decide (docs/api.md): 422, code personal_data,
    the spans in `body` (the text as cleaned), and the flag to send again to post anyway."""
    body = personal_data_payload(error)
    body["fields"] = {"body": [body["message"]]}
    body["resend_with"] = {"confirm_personal_data": True}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=422, content_type="application/json"
    )
