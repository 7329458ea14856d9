"""Shapes of the conversations API: they parse; the actions decide what is allowed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict

from halqa.accounts.schemas import ErrorOut
from halqa.safety.queries import crisis_card_for


class In(Schema):
    model_config = ConfigDict(strict=True)


class ThreadIn(In):
    title: str
    body: str
    warning: str = Field(
        "", description='"", "self_harm", "suicide", "abuse", "eating", "grief" or "other"'
    )
    warning_text: str = Field("", description='required with "other", up to 80 characters')
    client_id: str = Field("", max_length=64, description="the same id twice stores one message")
    confirm_personal_data: bool = Field(
        False, description="post anyway after a 422 personal_data answer: others see it masked"
    )


class ReplyIn(In):
    body: str
    quote_of: int | None = Field(None, description="id of a post of the same thread")
    warning: str = ""
    warning_text: str = ""
    client_id: str = Field("", max_length=64)
    confirm_personal_data: bool = Field(
        False, description="post anyway after a 422 personal_data answer: others see it masked"
    )


class EditIn(In):
    body: str
    confirm_personal_data: bool = Field(
        False, description="post anyway after a 422 personal_data answer: others see it masked"
    )


class ReactIn(In):
    public: bool = Field(False, description="show my name with this reaction")


class WordIn(In):
    word: str


class MutedTopicsIn(In):
    topics: list[str] = Field(
        description='all the topics to mute: "self_harm", "suicide", "abuse", "eating", "grief"'
    )


class ThreadOut(Schema):
    id: int
    title: str
    author: str
    created_at: datetime
    last_activity_at: datetime
    reply_count: int
    new: bool = Field(description="the caller never opened it")
    unread: int = Field(description="posts by others since the caller last read it")


class ThreadPageOut(Schema):
    items: list[ThreadOut]
    page: int
    pages: int


class ReactionOut(Schema):
    kind: str
    label: str
    count: int
    mine: bool
    names: list[str] = Field(description="only reactors who chose to show their name")


class QuoteOut(Schema):
    id: int
    author: str
    excerpt: str = Field(description='"" when removed or folded away for the caller')
    removed: bool


class HelplineOut(Schema):
    name: str
    phone: str


class CrisisHelpOut(Schema):
    """The crisis card (safety.queries.crisis_card_for) for the API: threads and live rooms."""

    emergency_numbers: list[str]
    helplines: list[HelplineOut]
    url: str

    @staticmethod
    def of(user: Any) -> CrisisHelpOut:
        card = crisis_card_for(user)
        return CrisisHelpOut(
            emergency_numbers=[e.number for e in card["emergency_numbers"]],
            helplines=[HelplineOut(name=h.name, phone=h.phone) for h in card["helplines"]],
            url=reverse("safety:crisis"),
        )


class PersonalDataSpanOut(Schema):
    kind: str
    start: int
    end: int


class PublishErrorOut(ErrorOut):
    """A 422 of the publish path: any field error, or code `personal_data` with the spans and
    the author's crisis card when help is due now (the same object as a stored post's)."""

    body: str | None = Field(None, description="personal_data: the text as the server cleaned it")
    spans: list[PersonalDataSpanOut] | None = Field(
        None, description="personal_data: the details found, as offsets into `body`"
    )
    resend_with: dict[str, bool] | None = Field(
        None, description="personal_data: send again with these fields to post anyway"
    )
    crisis_help: CrisisHelpOut | None = Field(
        None, description="personal_data: the author's crisis card when the words show crisis"
    )


class PostOut(Schema):
    id: int
    author: str
    body: str = Field(
        description="Markdown as the caller may see it: as written for its author and "
        "moderators; personal details masked (•••) or a short note in place of self-harm "
        "details for others; empty when removed"
    )
    body_html: str
    state: str = Field(
        "published",
        description='"published", or for its author and moderators "held" (waiting for a '
        'moderator) or "hidden"; "removed" with a notice',
    )
    moderation_note: str = Field(
        "", description="to the author: what others see and why; to others: the removal notice"
    )
    rules: list[str] = Field(
        default_factory=list, description="to the author: the rules behind an automatic decision"
    )
    created_at: datetime
    edited: bool
    removed: bool
    is_opening: bool
    warning: str = Field(description="the content warning readers see, or empty")
    muted: bool = Field(
        description="contains a word, or is about a topic, the caller muted: show it folded, "
        "without saying which (it may be what screening found)"
    )
    muted_topic: str = Field(
        "",
        description="the author's content warning when the caller muted that topic, else empty; "
        "never a topic that only screening found",
    )
    unread: bool
    quote: QuoteOut | None
    reactions: list[ReactionOut]
    crisis_help: CrisisHelpOut | None = Field(
        None, description="for the author, right after posting words of crisis"
    )


class ThreadDetailOut(Schema):
    thread: ThreadOut
    posts: list[PostOut]
    page: int
    pages: int


class MutedWordOut(Schema):
    id: int
    word: str


class MutedTopicsOut(Schema):
    topics: list[str] = Field(description="muted topics, in the order of the content warnings")
