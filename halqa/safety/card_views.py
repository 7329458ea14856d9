"""The crisis card's answers: "talk to a moderator" and "I'm safe for now" (HTMX or plain POST)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from halqa.accounts.models import User
from halqa.safety.crisis import answer_card
from halqa.safety.enums import CardChoice
from halqa.safety.hours import is_moderated_now
from halqa.safety.models import SupportThread


@require_POST
@login_required
@never_cache
def card_answer(request: HttpRequest) -> HttpResponse:
    choice = request.POST.get("choice", "")
    htmx = bool(getattr(request, "htmx", False))
    if choice not in CardChoice.values:
        template = "safety/_card_choice.html" if htmx else "safety/card_answer.html"
        return render(request, template, {}, status=400)
    assert isinstance(request.user, User)  # noqa: S101 (login_required)
    case = answer_card(member=request.user, choice=choice)
    thread = SupportThread.objects.filter(case=case).first() if case else None
    if choice == CardChoice.TALK and thread is not None and not htmx:
        messages.success(
            request,
            pgettext("crisis card answer", "A moderator has been asked to come to you."),
        )
        return redirect("safety:support_thread", thread.pk)
    context = {"answered": choice, "support_thread": thread, "moderated_now": is_moderated_now()}
    template = "safety/_card_choice.html" if htmx else "safety/card_answer.html"
    return render(request, template, context)


@require_safe
def grounding(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/grounding.html")
