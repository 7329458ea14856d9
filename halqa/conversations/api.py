"""Threads, replies, reactions, muted words and topics over JSON: the same actions as the pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import authenticate_token, current_member
from halqa.conversations import actions, reader_actions
from halqa.conversations.enums import MUTABLE_TOPICS
from halqa.conversations.models import Post, Thread
from halqa.conversations.publish import PersonalDataFound, personal_data_response
from halqa.conversations.queries import (
    ReactionSummary,
    access_post,
    access_thread,
    muted_topics_of,
    muted_words_of,
    posts_in,
    reactions_for,
    read_marker,
    threads_in,
)
from halqa.conversations.schemas import (
    CrisisHelpOut,
    EditIn,
    MutedTopicsIn,
    MutedTopicsOut,
    MutedWordOut,
    PostOut,
    PublishErrorOut,
    ReactIn,
    ReactionOut,
    ReplyIn,
    ThreadDetailOut,
    ThreadIn,
    ThreadPageOut,
    WordIn,
)
from halqa.conversations.showing import ShownPost, shown_posts
from halqa.conversations.visibility import is_moderator
from halqa.groups.queries import access_group, can_read

router = Router(tags=["conversations"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 413, 415, 422), ErrorOut)
ERRORS[422] = PublishErrorOut  # code personal_data carries its spans and crisis_help
THREAD = "/groups/{slug}/threads/{thread_id}"
POST = THREAD + "/posts/{post_id}"


def _caller(request: HttpRequest) -> User | AnonymousUser:
    """The member behind an optional bearer token, for reads open to everyone."""
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    user = authenticate_token(raw.strip()) if scheme.lower() == "bearer" else None
    return user or AnonymousUser()


def _thread(thread: Thread) -> dict[str, Any]:
    last_read = getattr(thread, "last_read", -1)
    return {
        "id": thread.pk,
        "title": thread.title,
        "author": thread.author.pseudonym,
        "created_at": thread.created_at,
        "last_activity_at": thread.last_activity_at,
        "reply_count": thread.reply_count,
        "new": last_read == -1,
        "unread": getattr(thread, "unread", 0),
    }


def _crisis_help(user: User) -> dict[str, Any]:
    """The crisis card as JSON; experts.api answers with it too."""
    return CrisisHelpOut.of(user).model_dump()


def _post(item: ShownPost, *, for_author: bool = False) -> dict[str, Any]:
    post = item.post
    quoted = post.quote_of
    quote = None
    if post.quote_of_id:
        quote = {
            "id": post.quote_of_id,
            "author": quoted.author.pseudonym if quoted else "",
            "excerpt": item.quote_excerpt,
            "removed": quoted is None or quoted.is_deleted,
        }
    return {
        "id": post.pk,
        "author": post.author.pseudonym,
        "body": item.body,
        "body_html": str(item.html),
        "state": str(post.state),
        "moderation_note": item.note or item.notice,
        "rules": item.rules,
        "created_at": post.created_at,
        "edited": post.edited_at is not None,
        "removed": post.is_deleted,
        "is_opening": post.is_opening,
        "warning": post.warning_label,
        "muted": item.folded,
        "muted_topic": item.muted_topic,
        "unread": item.unread,
        "quote": quote,
        "reactions": [_reaction(summary) for summary in item.reactions],
        "crisis_help": _crisis_help(post.author) if for_author and post.needs_crisis_help else None,
    }


def _reaction(summary: ReactionSummary) -> dict[str, Any]:
    return {name: getattr(summary, name) for name in ReactionOut.model_fields}


def _shown(
    posts: list[Post], user: Any, read_up_to: int = -1, *, moderator: bool = False
) -> list[ShownPost]:
    muted, topics = muted_words_of(user), muted_topics_of(user)
    reactions = reactions_for(posts, user)
    return shown_posts(posts, user, muted, reactions, read_up_to, topics, moderator=moderator)


def _one(post: Post, user: Any, *, for_author: bool = False) -> dict[str, Any]:
    fresh = Post.objects.select_related("author", "quote_of__author").get(pk=post.pk)
    return _post(_shown([fresh], user, read_up_to=post.pk)[0], for_author=for_author)


def _page(page: Page[Any]) -> dict[str, int]:
    return {"page": page.number, "pages": page.paginator.num_pages}


@router.get("/groups/{slug}/threads", auth=None, response={200: ThreadPageOut, **ERRORS})
def list_threads(request: HttpRequest, slug: str, page: str = "1") -> dict[str, Any]:
    """A group's threads, most recently active first; with a token, unread counts too."""
    user = _caller(request)
    group = access_group(user, slug)
    if not can_read(user, group):
        raise Http404
    threads = threads_in(group, page, user)
    return {"items": [_thread(t) for t in threads], **_page(threads)}


@router.post("/groups/{slug}/threads", response={201: ThreadDetailOut, **ERRORS})
def create_thread(
    request: HttpRequest, slug: str, data: ThreadIn
) -> Status[dict[str, Any]] | HttpResponse:
    """Start a thread (members only). The opening post carries crisis_help when it is needed.

    422 `personal_data` (with the spans) asks the author first; send again with
    `confirm_personal_data` to post anyway (others see the details masked)."""
    user = current_member(request)
    group = access_group(user, slug, for_writing=True)
    try:
        thread = actions.start_thread(
            author=user,
            group=group,
            title=data.title,
            body=data.body,
            warning=data.warning,
            warning_text=data.warning_text,
            token=data.client_id,
            confirm_personal_data=data.confirm_personal_data,
        )
    except PersonalDataFound as error:
        return personal_data_response(error)
    opening = thread.posts.get(is_opening=True)
    detail = {"thread": _thread(thread), "posts": [_one(opening, user, for_author=True)]}
    return Status(201, {**detail, "page": 1, "pages": 1})


@router.get(THREAD, auth=None, response={200: ThreadDetailOut, **ERRORS})
def thread_detail(
    request: HttpRequest, slug: str, thread_id: int, page: str = "1"
) -> dict[str, Any]:
    """One page of a thread's posts (20 a page); with a token, marks them read."""
    user = _caller(request)
    thread = access_thread(user, slug, thread_id)
    posts = posts_in(thread, page, user)
    listed = list(posts.object_list)
    marker = read_marker(user, thread)
    moderator = is_moderator(user, thread.group)
    shown = _shown(listed, user, -1 if marker is None else marker, moderator=moderator)
    last = max((post.pk for post in listed), default=0)
    if isinstance(user, User) and last > (marker or 0):
        actions.mark_read(user=user, thread=thread, up_to=last)
    return {"thread": _thread(thread), "posts": [_post(item) for item in shown], **_page(posts)}


@router.post(THREAD + "/posts", response={201: PostOut, **ERRORS})
def create_reply(
    request: HttpRequest, slug: str, thread_id: int, data: ReplyIn
) -> Status[dict[str, Any]] | HttpResponse:
    """Reply (members only); 422 `personal_data` as for a new thread."""
    user = current_member(request)
    thread = access_thread(user, slug, thread_id, for_writing=True)
    quoted = Post.objects.filter(pk=data.quote_of, thread=thread).first() if data.quote_of else None
    try:
        post = actions.reply(
            author=user,
            thread=thread,
            body=data.body,
            quote_of=quoted,
            warning=data.warning,
            warning_text=data.warning_text,
            token=data.client_id,
            confirm_personal_data=data.confirm_personal_data,
        )
    except PersonalDataFound as error:
        return personal_data_response(error)
    return Status(201, _one(post, user, for_author=True))


@router.patch(POST, response={200: PostOut, **ERRORS})
def edit_post(
    request: HttpRequest, slug: str, thread_id: int, post_id: int, data: EditIn
) -> dict[str, Any] | HttpResponse:
    """Edit one's own post within the edit window (403 for others' posts); it is screened
    again (422 `personal_data` as for a new thread)."""
    user = current_member(request)
    post = access_post(user, slug, thread_id, post_id, for_writing=True)
    try:
        post = actions.edit_post(
            editor=user,
            post=post,
            body=data.body,
            confirm_personal_data=data.confirm_personal_data,
        )
    except PersonalDataFound as error:
        return personal_data_response(error)
    return _one(post, user, for_author=True)


@router.delete(POST, response={204: None, **ERRORS})
def delete_post(request: HttpRequest, slug: str, thread_id: int, post_id: int) -> Status[None]:
    user = current_member(request)
    post = access_post(user, slug, thread_id, post_id, for_writing=True)
    actions.delete_post(user=user, post=post)
    return Status(204, None)


@router.put(POST + "/reactions/{kind}", response={200: list[ReactionOut], **ERRORS})
def react(
    request: HttpRequest,
    slug: str,
    thread_id: int,
    post_id: int,
    kind: str,
    data: ReactIn | None = None,
) -> list[dict[str, Any]]:
    """Add a reaction (me_too, strength, thanks, hug); again with another `public` to change it.

    The kind is in the path, so the body is optional: without one, the reaction is only counted.
    """
    user = current_member(request)
    post = access_post(user, slug, thread_id, post_id, for_writing=True)
    public = data.public if data is not None else False
    reader_actions.add_reaction(user=user, post=post, kind=kind, public=public)
    return [_reaction(summary) for summary in reactions_for([post], user)[post.pk]]


@router.delete(POST + "/reactions/{kind}", response={200: list[ReactionOut], **ERRORS})
def unreact(
    request: HttpRequest, slug: str, thread_id: int, post_id: int, kind: str
) -> list[dict[str, Any]]:
    user = current_member(request)
    post = access_post(user, slug, thread_id, post_id, for_writing=True)
    reader_actions.remove_reaction(user=user, post=post, kind=kind)
    return [_reaction(summary) for summary in reactions_for([post], user)[post.pk]]


@router.get("/muted-words", response={200: list[MutedWordOut], **ERRORS})
def muted_words(request: HttpRequest) -> list[Any]:
    return muted_words_of(current_member(request))


@router.post("/muted-words", response={201: MutedWordOut, **ERRORS})
def mute(request: HttpRequest, data: WordIn) -> Status[Any]:
    return Status(201, reader_actions.mute_word(user=current_member(request), word=data.word))


@router.delete("/muted-words/{word_id}", response={204: None, **ERRORS})
def unmute(request: HttpRequest, word_id: int) -> Status[None]:
    reader_actions.unmute_word(user=current_member(request), word_id=word_id)
    return Status(204, None)


@router.get("/muted-topics", response={200: MutedTopicsOut, **ERRORS})
def muted_topics(request: HttpRequest) -> dict[str, list[str]]:
    muted = muted_topics_of(current_member(request))
    return {"topics": [str(topic) for topic in MUTABLE_TOPICS if topic in muted]}


@router.put("/muted-topics", response={200: MutedTopicsOut, **ERRORS})
def set_muted_topics(request: HttpRequest, data: MutedTopicsIn) -> dict[str, list[str]]:
    """Mute exactly these topics; an empty list unmutes them all."""
    user = current_member(request)
    return {"topics": reader_actions.set_muted_topics(user=user, topics=data.topics)}
