"""Journal and safety-plan pages. Private pages are never cached; no JavaScript needed."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.decorators import staff_required
from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.journal import actions, queries
from halqa.journal.enums import Prompt, Section
from halqa.journal.forms import EntryForm, SectionForm
from halqa.journal.guidance import BY_SECTION, helpline_suggestions

PER_PAGE = 20
EXCERPT_WORDS = 30
READ_ONLY = ["GET", "HEAD"]


def _posted(request: HttpRequest) -> Any:
    """The submitted data for a POST (even an empty one), else None for an unbound form."""
    return request.POST if request.method == "POST" else None


def _member(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required ran first; this is for the types
        raise PermissionDenied
    return request.user


def _private(view: Any) -> Any:
    """Logged-in members only, and nothing kept in a shared browser's or a proxy's cache."""
    return never_cache(login_required(view))


@_private
@require_http_methods(READ_ONLY)
def entry_list(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    page = Paginator(queries.entries_for(user), PER_PAGE).get_page(request.GET.get("page"))
    shown = [queries.open_entry(entry) for entry in page]
    return render(request, "journal/list.html", {"page": page, "shown": shown})


@_private
@require_http_methods([*READ_ONLY, "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = EntryForm(_posted(request), initial={"prompt": _prompt_asked(request)})
    if request.method == "POST" and form.is_valid():
        try:
            entry = actions.create_entry(author=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, pgettext("journal message", "Your entry is saved."))
            return redirect("journal:detail", entry.pk)
    return render(request, "journal/edit.html", {"form": form, "creating": True})


def _prompt_asked(request: HttpRequest) -> str:
    """The prompt in ?prompt= when valid, else one at random."""
    asked = request.GET.get("prompt", "")
    return asked if asked in Prompt.values else secrets.choice(Prompt.values)


@_private
@require_http_methods(READ_ONLY)
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = queries.access_entry(_member(request), entry_id)
    return render(request, "journal/detail.html", {"shown": queries.open_entry(entry)})


@_private
@require_http_methods([*READ_ONLY, "POST"])
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = queries.access_entry(_member(request), entry_id)
    shown = queries.open_entry(entry)
    if shown.unreadable:
        raise Http404
    initial = {"title": shown.title, "body": shown.body, "prompt": shown.prompt_key}
    form = EntryForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_entry(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, pgettext("journal message", "Your changes are saved."))
            return redirect("journal:detail", entry.pk)
    return render(request, "journal/edit.html", {"form": form, "shown": shown})


@_private
@require_http_methods([*READ_ONLY, "POST"])
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = queries.access_entry(_member(request), entry_id)
    if request.method == "POST":
        actions.delete_entry(entry=entry)
        messages.success(request, pgettext("journal message", "The entry is deleted."))
        return redirect("journal:list")
    return render(request, "journal/delete.html", {"shown": queries.open_entry(entry)})


@_private
@require_http_methods(READ_ONLY)
def safety_plan(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    plan = queries.safety_plan_of(user)
    steps, unreadable = queries.plan_steps(plan)
    context = {
        "plan": plan,
        "steps": steps,
        "unreadable": unreadable,
        "empty": not any(step.items for step in steps),
        "shared": bool(plan and plan.shared_with_moderators),
        "log": queries.plan_log_for(user)[:50],
    }
    return render(request, "journal/safety_plan.html", context)


@_private
@require_http_methods([*READ_ONLY, "POST"])
def safety_plan_section(request: HttpRequest, section: str) -> HttpResponse:
    user = _member(request)
    if section not in Section.values:
        raise Http404
    plan = queries.safety_plan_of(user)
    steps, unreadable = queries.plan_steps(plan)
    if unreadable:
        raise Http404
    items = next(step.items for step in steps if step.step.section == section)
    suggestions = helpline_suggestions(user) if section == Section.PROFESSIONALS else []
    suggestions = [line for line in suggestions if line not in items]
    form = SectionForm(
        _posted(request), initial={"items": "\n".join(items)}, suggestions=suggestions
    )
    if request.method == "POST" and form.is_valid():
        actions.save_safety_plan(owner=user, sections={section: form.cleaned_data["cleaned_items"]})
        messages.success(request, pgettext("safety plan message", "Your safety plan is saved."))
        return redirect(f"{_plan_url()}#{section}")
    context = {"form": form, "step": BY_SECTION[section], "steps": steps}
    return render(request, "journal/safety_plan_section.html", context)


def _plan_url() -> str:
    return reverse("journal:safety_plan")


@_private
@require_http_methods(READ_ONLY)
def safety_plan_print(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    plan = queries.safety_plan_of(user)
    steps, unreadable = queries.plan_steps(plan)
    context = {"steps": steps, "unreadable": unreadable, "owner": user, "plan": plan}
    return render(request, "journal/safety_plan_print.html", context)


@_private
@require_POST
def safety_plan_sharing(request: HttpRequest) -> HttpResponse:
    shared = request.POST.get("shared") == "1"
    actions.set_plan_sharing(owner=_member(request), shared=shared)
    text = (
        pgettext("safety plan message", "Moderators can now open your safety plan.")
        if shared
        else pgettext("safety plan message", "Your safety plan is private again.")
    )
    messages.success(request, text)
    return redirect(f"{_plan_url()}#sharing")


@never_cache
@staff_required(Role.MODERATOR, Role.OPERATOR)
@require_http_methods(READ_ONLY)
def shared_safety_plan(request: HttpRequest, user_id: int) -> HttpResponse:
    reader = _member(request)
    owner, plan = queries.access_shared_plan(reader, user_id)
    actions.record_plan_view(owner=owner, viewer=reader)
    steps, unreadable = queries.plan_steps(plan)
    context = {"steps": steps, "unreadable": unreadable, "owner": owner, "plan": plan}
    return render(request, "journal/shared_safety_plan.html", context)
