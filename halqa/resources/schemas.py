"""Shapes of the resources API: they parse and bound input; actions decide what is allowed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict


class ResourceOut(Schema):
    id: int
    kind: str = Field(description='"article", "video", "link" or "exercise"')
    language: str
    title: str
    summary: str
    minutes: int
    topics: list[str]
    reviewed: bool = Field(description="an expert reviewed it")
    published_at: datetime | None


class ResourceDetailOut(ResourceOut):
    body_html: str = Field(description="the article or video description, safely rendered")
    steps: list[str] = Field(description="an exercise's steps, in order")
    external_url: str | None = Field(
        description="links and videos: show a 'you are leaving Halqa' notice before opening it"
    )
    video_url: str | None = Field(
        description="a video file uploaded to this site (mp4/webm; supports HTTP Range), "
        "for a plain player; same access as the resource"
    )
    translation_id: int | None
    reviewed_by: str | None = Field(description="the reviewing expert's pseudonym")
    reviewed_at: datetime | None
    checked_against: str
    saved: bool
    my_rating: int | None = Field(description="1-5, visible only to the caller")


class SearchHitOut(Schema):
    type: str = Field(description='"resource", "thread" or "reply"')
    title_html: str = Field(description="escaped, matches in <mark>")
    snippet_html: str = Field(description="escaped, matches in <mark>; empty when not quoted")
    resource: ResourceOut | None = None
    group: str | None = Field(None, description="thread and reply hits: the group's slug")
    thread_id: int | None = None
    post_id: int | None = Field(None, description="reply hits: the reply")


class SearchOut(Schema):
    query: str
    page: int
    has_next: bool
    results: list[SearchHitOut]


class PageOut(Schema):
    page: int
    pages: int
    results: list[ResourceOut]


class RatingIn(Schema):
    model_config = ConfigDict(strict=True)
    score: Annotated[int, Field(ge=1, le=5)]


class SavedOut(Schema):
    saved: bool
