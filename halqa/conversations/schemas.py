"""Shapes of the conversations API: they parse; the actions decide what is allowed."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


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


class ReplyIn(In):
    body: str
    quote_of: int | None = Field(None, description="id of a post of the same thread")
    warning: str = ""
    warning_text: str = ""
    client_id: str = Field("", max_length=64)


class EditIn(In):
    body: str


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
    emergency_numbers: list[str]
    helplines: list[HelplineOut]
    url: str


class PostOut(Schema):
    id: int
    author: str
    body: str = Field(description="Markdown as written; empty when removed")
    body_html: str
    created_at: datetime
    edited: bool
    removed: bool
    is_opening: bool
    warning: str = Field(description="the content warning readers see, or empty")
    muted: bool = Field(description="contains a word or is about a topic the caller muted")
    muted_topic: str = Field("", description="the muted topic it is about, or empty")
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
