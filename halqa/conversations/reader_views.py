"""Reader protection: the member's muted words (they apply in every group)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from halqa.conversations import reader_actions
from halqa.conversations.forms import MutedWordForm
from halqa.conversations.queries import muted_words_of
from halqa.groups.queries import access_group


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
    context = {"group": group, "form": form, "words": muted_words_of(request.user)}
    return render(
        request, "conversations/muted_words.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def unmute(request: HttpRequest, slug: str, word_id: int) -> HttpResponse:
    group = access_group(request.user, slug)
    reader_actions.unmute_word(user=request.user, word_id=word_id)  # type: ignore[arg-type]
    return HttpResponseRedirect(reverse("groups:conversations:muted_words", args=(group.slug,)))
