"""Writing in a thread: reply, edit and delete one's own message, react."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from halqa.conversations import actions, guard, links, reader_actions
from halqa.conversations.forms import EditForm, ReactionForm, ReplyForm
from halqa.conversations.models import Post
from halqa.conversations.publish import PersonalDataFound
from halqa.conversations.queries import access_post, access_thread, posts_in, reactions_for
from halqa.conversations.views import show_crisis_help, thread_context


@require_POST
@login_required
def reply(request: HttpRequest, slug: str, thread_id: int) -> HttpResponse:
    thread = access_thread(request.user, slug, thread_id, for_writing=True)
    form, found = ReplyForm(request.POST), None
    if form.is_valid() and form.cleaned_data["personal_data"] == guard.REMOVE:
        form = guard.reviewed_or_error(ReplyForm, request)
    elif form.is_valid():
        data = form.cleaned_data
        quoted = (
            Post.objects.filter(pk=data["quote"], thread=thread).first() if data["quote"] else None
        )
        try:
            post = actions.reply(
                author=request.user,  # type: ignore[arg-type]
                thread=thread,
                body=data["body"],
                quote_of=quoted,
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
            post.thread = thread
            show_crisis_help(request, post)
            return HttpResponseRedirect(links.post_url(post))
    # Show the errors with the last page of the thread, where the form sits.
    posts = posts_in(thread, sys.maxsize, request.user)  # beyond the end: the last page
    context = thread_context(request, thread, posts.object_list)
    context.update(posts=posts, form=form, guard=found)
    status = 200 if found or getattr(form, "personal_data_removed", False) else 400
    return render(request, "conversations/thread.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, thread_id: int, post_id: int) -> HttpResponse:
    post = access_post(request.user, slug, thread_id, post_id, for_writing=True)
    form, found = EditForm(request.POST or None, initial={"body": post.body}), None
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["personal_data"]
        if choice == guard.REMOVE:
            form = guard.reviewed_or_error(EditForm, request)
        else:
            try:
                actions.edit_post(
                    editor=request.user,  # type: ignore[arg-type]
                    post=post,
                    body=form.cleaned_data["body"],
                    confirm_personal_data=choice == guard.POST_ANYWAY,
                )
            except PersonalDataFound as error:
                found = guard.context_of(error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                show_crisis_help(request, post)
                return HttpResponseRedirect(links.post_url(post))
    actions.check_own(request.user, post)  # type: ignore[arg-type]
    expired = not actions.still_editable(post)
    status = 400 if form.errors or expired else 200
    context = {"post": post, "form": form, "expired": expired, "guard": found}
    return render(request, "conversations/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, slug: str, thread_id: int, post_id: int) -> HttpResponse:
    post = access_post(request.user, slug, thread_id, post_id, for_writing=True)
    if request.method == "POST":
        actions.delete_post(user=request.user, post=post)  # type: ignore[arg-type]
        return HttpResponseRedirect(links.post_url(post))
    actions.check_own(request.user, post)  # type: ignore[arg-type]
    return render(request, "conversations/delete.html", {"post": post})


@require_POST
@login_required
def react(request: HttpRequest, slug: str, thread_id: int, post_id: int) -> HttpResponse:
    post = access_post(request.user, slug, thread_id, post_id, for_writing=True)
    form = ReactionForm(request.POST)
    if form.is_valid():
        reader_actions.toggle_reaction(
            user=request.user,  # type: ignore[arg-type]
            post=post,
            kind=form.cleaned_data["kind"],
            public=form.cleaned_data["public"],
        )
    elif not getattr(request, "htmx", False):
        message = pgettext("message error", "Please choose one of the reactions.")
        return HttpResponseBadRequest(message)
    if getattr(request, "htmx", False):
        summaries = reactions_for([post], request.user)[post.pk]
        context = {
            "item": {"post": post, "reactions": summaries},
            "thread": post.thread,
            "can_post": True,
        }
        return render(request, "conversations/post.html#reactions", context)
    return HttpResponseRedirect(links.post_url(post))
