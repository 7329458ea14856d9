"""Thread pages: the list, a thread with its replies, starting a thread, finding a post."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from halqa.conversations import actions, guard, links
from halqa.conversations.forms import ReplyForm, ThreadForm
from halqa.conversations.models import Post, Thread
from halqa.conversations.publish import PersonalDataFound
from halqa.conversations.queries import (
    access_post,
    access_thread,
    first_unread,
    muted_topics_of,
    muted_words_of,
    page_of,
    posts_in,
    reactions_for,
    read_marker,
    threads_in,
)
from halqa.conversations.showing import mark_muted_titles, shown_posts
from halqa.conversations.visibility import is_moderator
from halqa.groups.queries import access_group, can_read
from halqa.safety.queries import crisis_card_for

CRISIS_FLAG = "halqa_show_crisis_help"


@require_GET
def thread_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    readable = can_read(request.user, group)
    threads = threads_in(group, request.GET.get("page"), request.user) if readable else None
    if threads is not None:
        mark_muted_titles(list(threads), muted_words_of(request.user))
    context = {"group": group, "readable": readable, "threads": threads}
    return render(request, "conversations/thread_list.html", context)


@require_GET
def thread_page(request: HttpRequest, slug: str, thread_id: int) -> HttpResponse:
    thread = access_thread(request.user, slug, thread_id)
    posts = posts_in(thread, request.GET.get("page"), request.user)
    context = thread_context(request, thread, posts.object_list)
    context.update(posts=posts, form=_reply_form(request, thread))
    return render(request, "conversations/thread.html", context)


def thread_context(request: HttpRequest, thread: Thread, page_posts: Any) -> dict[str, Any]:
    user = request.user
    listed = list(page_posts)
    marker = read_marker(user, thread)
    read_up_to = -1 if marker is None else marker
    muted = muted_words_of(user)
    reactions = reactions_for(listed, user)
    moderator = is_moderator(user, thread.group)
    shown = shown_posts(
        listed, user, muted, reactions, read_up_to, muted_topics_of(user), moderator=moderator
    )
    if thread.author_id != user.pk:
        mark_muted_titles([thread], muted)
    last = max((post.pk for post in listed), default=0)
    if user.is_authenticated and last > read_up_to:
        actions.mark_read(user=user, thread=thread, up_to=last)
    return {
        "thread": thread,
        "shown": shown,
        "crisis": _crisis_help(request),
        "can_post": bool(getattr(thread.group, "is_member", False))
        and not getattr(user, "on_break", False),
    }


def _reply_form(request: HttpRequest, thread: Thread) -> ReplyForm:
    quote = request.GET.get("quote", "")
    initial = {"quote": int(quote)} if quote.isdigit() and len(quote) < 12 else {}
    return ReplyForm(initial=initial)


def _crisis_help(request: HttpRequest) -> dict[str, Any] | None:
    """Right after a member posted words of crisis: their country's help, once."""
    if not request.session.pop(CRISIS_FLAG, False):
        return None
    return crisis_card_for(request.user)


def show_crisis_help(request: HttpRequest, post: Post) -> None:
    if post.needs_crisis_help:
        request.session[CRISIS_FLAG] = True


@require_GET
def go_to_post(request: HttpRequest, slug: str, thread_id: int, post_id: int) -> HttpResponse:
    post = access_post(request.user, slug, thread_id, post_id)
    return redirect(_post_anchor(post, request.user))


@require_GET
def go_to_unread(request: HttpRequest, slug: str, thread_id: int) -> HttpResponse:
    thread = access_thread(request.user, slug, thread_id)
    post = first_unread(request.user, thread)
    if post is None:
        return redirect(links.thread_url(thread))
    post.thread = thread
    return redirect(_post_anchor(post, request.user))


def _post_anchor(post: Post, user: Any = None) -> str:
    page = page_of(post, user)
    query = f"?page={page}" if page > 1 else ""
    return f"{links.thread_url(post.thread)}{query}#post-{post.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug, for_writing=True)
    form, found = ThreadForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["personal_data"] == guard.REMOVE:
            form = guard.reviewed_or_error(ThreadForm, request)
            context = {"group": group, "form": form, "guard": None}
            return render(request, "conversations/new_thread.html", context)
        try:
            thread = actions.start_thread(
                author=request.user,  # type: ignore[arg-type]
                group=group,
                title=data["title"],
                body=data["body"],
                warning=data["warning"],
                warning_text=data["warning_text"],
                token=data["token"],
                confirm_personal_data=data["personal_data"] == guard.POST_ANYWAY,
            )
        except PersonalDataFound as error:
            found = guard.context_of(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            show_crisis_help(request, thread.posts.get(is_opening=True))
            return HttpResponseRedirect(
                reverse("groups:conversations:thread", args=(slug, thread.pk))
            )
    context = {"group": group, "form": form, "guard": found}
    return render(request, "conversations/new_thread.html", context)
