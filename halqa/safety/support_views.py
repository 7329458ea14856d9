"""Support threads (member and the case's moderators) and the moderators' crisis-case tools."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from halqa.accounts.models import User
from halqa.moderation.models import Case
from halqa.moderation.queries import access_case
from halqa.safety import contact, support
from halqa.safety.crisis import last_answer
from halqa.safety.forms import RevealForm, SupportMessageForm
from halqa.safety.models import SupportThread
from halqa.safety.staff import two_factor_gate


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 (login_required)
    return request.user


@require_safe
@login_required
@never_cache
def support_list(request: HttpRequest) -> HttpResponse:
    threads = support.threads_of(_user(request))
    return render(request, "safety/support_list.html", {"threads": threads})


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def support_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    if gate := two_factor_gate(request):
        return gate
    user = _user(request)
    thread = support.access_support_thread(user, thread_id)
    if gate := two_factor_gate(request, thread.case):
        return gate
    form = SupportMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            support.send_support_message(author=user, thread=thread, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            return redirect(support.thread_url(thread) + "#latest")
    template = "safety/support_thread.html"
    if getattr(request, "htmx", False) and request.method == "GET":
        template += "#messages"  # the page refreshes its messages every 15 seconds
    return render(request, template, _thread_context(user, thread, form))


def _thread_context(user: User, thread: SupportThread, form: SupportMessageForm) -> dict[str, Any]:
    return {
        "thread": thread,
        "thread_messages": support.messages_in(thread),
        "form": form,
        "is_member": user.pk == thread.member_id,
    }


def access_crisis_case(user: Any, case_id: int) -> Case:
    """A case `user` may act on (moderation's access_case), never about themselves; else 404."""
    case = access_case(user, case_id)
    if not support.is_case_moderator(user, case):
        raise Http404
    return case


def case_tools_context(user: Any, case: Case) -> dict[str, Any]:
    """The context of safety/_case_tools.html (moderation's case page may include it)."""
    return {
        "case": case,
        "support_thread": SupportThread.objects.filter(case=case).first(),
        "card_answer": last_answer(case),
        "may_reveal": contact.may_reveal(user, case),
        "has_contact": contact.has_contact(case.subject_id),
        "message_form": SupportMessageForm(),
        "reveal_form": RevealForm(),
    }


@require_safe
@login_required
@never_cache
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    if gate := two_factor_gate(request):
        return gate
    case = access_crisis_case(request.user, case_id)
    if gate := two_factor_gate(request, case):
        return gate
    return render(request, "safety/case.html", case_tools_context(request.user, case))


@require_POST
@login_required
def case_message(request: HttpRequest, case_id: int) -> HttpResponse:
    """A moderator writes to the member from the case (opening the thread on first use)."""
    if gate := two_factor_gate(request):
        return gate
    case = access_crisis_case(request.user, case_id)
    if gate := two_factor_gate(request, case):
        return gate
    form = SupportMessageForm(request.POST)
    if form.is_valid():
        thread = support.support_thread_for(case)
        try:
            support.send_support_message(
                author=_user(request), thread=thread, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            return redirect(support.thread_url(thread) + "#latest")
    context = case_tools_context(request.user, case) | {"message_form": form}
    return render(request, "safety/case.html", context, status=400)


@require_POST
@login_required
@never_cache
def reveal_contact(request: HttpRequest, case_id: int) -> HttpResponse:
    """The safety contact, for the on-duty moderator who claimed this urgent case; logged."""
    if gate := two_factor_gate(request):
        return gate
    case = access_crisis_case(request.user, case_id)
    if gate := two_factor_gate(request, case):
        return gate
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            shown = contact.reveal_safety_contact(
                viewer=_user(request), case=case, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            return render(request, "safety/contact_revealed.html", {"case": case, "shown": shown})
    context = case_tools_context(request.user, case) | {"reveal_form": form}
    return render(request, "safety/case.html", context, status=400)
