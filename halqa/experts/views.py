"""Expert pages: the directory, applying, operators' review, office hours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.accounts.decorators import staff_required
from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.experts import actions, queries
from halqa.experts.forms import ApplicationForm, DecisionForm, OfficeHoursForm, ProfileForm
from halqa.experts.models import Expert
from halqa.groups.models import Group


def member_of(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required ran first; this is for the types
        raise PermissionDenied
    return request.user


def add_errors(form: Form, error: ValidationError) -> None:
    """Field errors on their fields when the form has them, the rest on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_GET
@login_required
def directory(request: HttpRequest) -> HttpResponse:
    context = {
        "experts": queries.directory(),
        "office_hours": queries.upcoming_office_hours(),
        "me": queries.expert_of(request.user),
    }
    return render(request, "experts/directory.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.apply(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                pgettext("expert application", "Thank you. An operator will review it soon."),
            )
            return redirect("experts:apply")
    applications = list(queries.own_applications(user))
    expert = queries.expert_of(user)
    context = {
        "form": form,
        "applications": applications,
        "pending": any(a.state == "pending" for a in applications),
        "expert": expert,
        "profile_form": ProfileForm(initial={"display_name": getattr(expert, "display_name", "")}),
    }
    return render(request, "experts/apply.html", context, status=400 if form.errors else 200)


@require_GET
@staff_required(Role.OPERATOR)
def review_list(request: HttpRequest) -> HttpResponse:
    context = {"applications": list(queries.pending_applications())}
    return render(request, "experts/review_list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(Role.OPERATOR)
def review(request: HttpRequest, application_id: int) -> HttpResponse:
    operator = member_of(request)
    application = queries.access_application(operator, application_id)
    form = DecisionForm(request.POST or None)
    own = application.applicant_id == operator.pk
    if request.method == "POST" and form.is_valid() and not own:
        try:
            if request.POST.get("decision") == "approve":
                actions.approve(operator=operator, application=application)
                done = pgettext("expert review", "Approved. The licence details are deleted.")
            else:
                reason = form.cleaned_data["reason"]
                actions.decline(operator=operator, application=application, reason=reason)
                done = pgettext("expert review", "Declined. The licence details are deleted.")
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("experts:review_list")
    number, body = actions.licence_details(operator=operator, application=application)
    context = {"application": application, "form": form, "own": own}
    context.update(licence_number=number, licence_body=body)
    return render(request, "experts/review.html", context, status=400 if form.errors else 200)


def _groups_of(user: User) -> list[tuple[str, str]]:
    groups = Group.objects.filter(memberships__user=user).order_by("name")
    return [(group.slug, group.name) for group in groups]


def expert_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A verified expert with two-factor proven in this session (others get 404); the staff
    decorator sends experts without a code in this session to enter it first."""

    @staff_required()
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        expert = queries.acting_expert(request.user)
        if expert is None:
            raise Http404
        return view(request, expert, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@expert_required
def office_hours(request: HttpRequest, expert: Expert) -> HttpResponse:
    groups = _groups_of(expert.user)
    form = OfficeHoursForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = Group.objects.filter(slug=data["group"]).first()
        if group is None:
            raise Http404
        try:
            hours = actions.schedule_office_hours(
                expert=expert,
                group=group,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, pgettext("office hours", "Your office hours are scheduled."))
            return redirect("live:room", hours.session.pk)
    context = {"form": form, "has_groups": bool(groups)}
    return render(request, "experts/office_hours.html", context, status=400 if form.errors else 200)


@require_POST
@expert_required
def profile(request: HttpRequest, expert: Expert) -> HttpResponse:
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            actions.update_profile(expert=expert, display_name=form.cleaned_data["display_name"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, pgettext("expert profile", "Your expert profile is saved."))
            return redirect("experts:apply")
    context = {"form": ApplicationForm(), "applications": [], "expert": expert}
    context["profile_form"] = form
    return render(request, "experts/apply.html", context, status=400)
