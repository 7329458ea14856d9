"""Reader protection: the member's muted words and topics (they apply in every group)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from halqa.conversations import reader_actions
from halqa.conversations.forms import MutedTopicsForm, MutedWordForm
from halqa.conversations.queries import muted_topics_of, muted_words_of
from halqa.groups.models import Group
from halqa.groups.queries import access_group

PAGE = "conversations/muted_words.html"


@login_required
@require_http_methods(["GET", "POST"])
def muted_words(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    form = MutedWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reader_actions.mute_word(user=request.user, word=form.cleaned_data["word"])  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(request.path)
    context = _context(request, group, form=form)
    return render(request, PAGE, context, status=400 if form.errors else 200)


@require_POST
@login_required
def muted_topics(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the topics form: the checked topics are muted, the others are not."""
    group = access_group(request.user, slug)
    topics = MutedTopicsForm(request.POST)
    if topics.is_valid():
        reader_actions.set_muted_topics(user=request.user, topics=topics.cleaned_data["topics"])  # type: ignore[arg-type]
        return HttpResponseRedirect(_page_url(group))
    return render(request, PAGE, _context(request, group, topics=topics), status=400)


def _context(
    request: HttpRequest,
    group: Group,
    *,
    form: MutedWordForm | None = None,
    topics: MutedTopicsForm | None = None,
) -> dict[str, Any]:
    if topics is None:
        topics = MutedTopicsForm(initial={"topics": sorted(muted_topics_of(request.user))})
    return {
        "group": group,
        "form": form if form is not None else MutedWordForm(),
        "topics_form": topics,
        "words": muted_words_of(request.user),
    }


def _page_url(group: Group) -> str:
    return reverse("groups:conversations:muted_words", args=(group.slug,))


@require_POST
@login_required
def unmute(request: HttpRequest, slug: str, word_id: int) -> HttpResponse:
    group = access_group(request.user, slug)
    reader_actions.unmute_word(user=request.user, word_id=word_id)  # type: ignore[arg-type]
    return HttpResponseRedirect(_page_url(group))
