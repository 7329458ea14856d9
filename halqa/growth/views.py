"""Pages for goals, check-ins, mood and growth settings. Every page works without JavaScript."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.models import User
from halqa.groups.models import Group
from halqa.growth import actions, charts, commitments, queries
from halqa.growth.enums import GoalState, Mood, Template
from halqa.growth.forms import CheckInForm, GoalForm, MoodForm, ShareInGroupForm, TimeZoneForm
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.lowmood import sustained_low

# base.html's nav link to these pages; named here so that it stays in this app's catalogue.
NAV_LINK = pgettext_lazy("navigation", "My progress")

GET = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def member_of(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required ran first; this is for the types
        raise PermissionDenied
    return request.user


def apply_errors(form: Form, error: ValidationError) -> None:
    """An action's ValidationError shown on the form, on the field it names when it has it."""
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    today, goals = queries.goal_summaries(user)
    context = {
        "today": today,
        "active": [s for s in goals if s.goal.state == GoalState.ACTIVE],
        "resting": [s for s in goals if s.goal.state != GoalState.ACTIVE],
        "mood_choices": mood_choices(),
        "templates": Template.choices,
        "low_mood": sustained_low(user),
        "state_sentences": actions.STATE_SENTENCES,
    }
    return render(request, "growth/dashboard.html", context)


def mood_choices() -> list[tuple[int, str, str]]:
    """(score, the face's static path, the word) for each mood."""
    return [(value, f"growth/faces/mood-{value}.svg", str(label)) for value, label in Mood.choices]


def _goal_values(form: GoalForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "template": data["template"],
        "cadence": data["cadence"],
        "weekdays": data["weekdays"],
        "times_per_week": data["times_per_week"] or 1,
        "reminder_time": data["reminder_time"],
    }


@login_required
@GET_POST
def goal_form(request: HttpRequest, goal_id: int | None = None) -> HttpResponse:
    user = member_of(request)
    goal = queries.access_own_goal(user, goal_id) if goal_id else None
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                goal = actions.save_goal(owner=user, goal=goal, **_goal_values(form))  # type: ignore[arg-type]
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, pgettext("growth message", "Your goal is saved."))
                return redirect("growth:goal", goal.pk)
    elif goal:
        form = GoalForm(initial={**goal.__dict__, "weekdays": goal.weekdays})
    else:
        form = GoalForm(initial={"cadence": "daily", "template": request.GET.get("template", "")})
    return render(request, "growth/goal_form.html", {"form": form, "goal": goal})


def _groups_for_sharing(user: User) -> list[tuple[str, str]]:
    groups = Group.objects.filter(memberships__user=user).order_by("name")
    return [(group.slug, group.name) for group in groups]


@login_required
@GET
def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    user = member_of(request)
    goal = queries.access_own_goal(user, goal_id)
    today = local_today(zone_of(user))
    (summary,) = queries.summaries([goal], today)
    context = {
        "summary": summary,
        "goal": goal,
        "today": today,
        "checkins": queries.recent_checkins(goal),
        "checkin_form": CheckInForm(),
        "share_form": ShareInGroupForm(group_choices=_groups_for_sharing(user)),
        "shared_in": goal.commitments.select_related("group"),
        "state_sentence": actions.STATE_SENTENCES.get(goal.state),
    }
    return render(request, "growth/goal.html", context)


@login_required
@require_POST
def checkin(request: HttpRequest, goal_id: int) -> HttpResponse:
    user = member_of(request)
    goal = queries.access_own_goal(user, goal_id)
    form = CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        day = local_today(zone_of(user))
        if form.cleaned_data["when"] == "yesterday":
            day -= timedelta(days=1)
        data = form.cleaned_data
        actions.record_checkin(goal=goal, status=data["status"], note=data["note"], day=day)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            pgettext("growth message", "Checked in. Thank you for showing up for yourself."),
        )
    if request.POST.get("back") == "goal":
        return redirect("growth:goal", goal.pk)
    return redirect("growth:dashboard")


@login_required
@require_POST
def goal_state(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = queries.access_own_goal(member_of(request), goal_id)
    state = request.POST.get("state", "")
    if state in GoalState.values:
        actions.set_goal_state(goal=goal, state=state)
        if state == GoalState.ACTIVE:
            messages.success(request, pgettext("growth message", "Welcome back to this goal."))
        else:
            messages.success(request, str(actions.STATE_SENTENCES[GoalState(state)]))
    return redirect("growth:goal", goal.pk)


@login_required
@require_POST
def goal_delete(request: HttpRequest, goal_id: int) -> HttpResponse:
    actions.delete_goal(goal=queries.access_own_goal(member_of(request), goal_id))
    messages.success(request, pgettext("growth message", "The goal and its check-ins are deleted."))
    return redirect("growth:dashboard")


def _range(request: HttpRequest) -> int:
    raw = request.GET.get("days", "")
    return int(raw) if raw.isdigit() and int(raw) in charts.RANGES else 30


@login_required
@GET_POST
def mood(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    form = MoodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.log_mood(owner=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, pgettext("growth message", "Thank you for checking in with yourself.")
            )
            return redirect("growth:mood")
    return render(
        request, "growth/mood.html", {"form": form, **mood_context(user, _range(request))}
    )


def mood_context(user: User, days: int) -> dict[str, object]:
    today = local_today(zone_of(user))
    since = today - timedelta(days=max(charts.RANGES) - 1)
    entries = list(queries.mood_entries(user, since))
    window = [entry for entry in entries if entry.day > today - timedelta(days=days)]
    rtl = get_language_bidi()
    means = charts.daily_means(window)
    return {
        "days": days,
        "ranges": charts.RANGES,
        "line": charts.mood_line(window, today, days, rtl=rtl),
        "emotions": charts.emotion_bars(window, rtl=rtl),
        "comparison": charts.compare_with_checkins(means, queries.done_days(user, since)),
        "recent": entries[:10],
        "mood_choices": mood_choices(),
        "low_mood": sustained_low(user),
    }


@login_required
@require_POST
def mood_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    actions.delete_mood(entry=queries.access_own_mood(member_of(request), entry_id))
    messages.success(request, pgettext("growth message", "The entry is deleted."))
    return redirect("growth:mood")


@login_required
@GET_POST
def settings(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    current = actions.ensure_settings(user)
    form = TimeZoneForm(request.POST or None, initial={"time_zone": current.time_zone})
    if request.method == "POST" and form.is_valid():
        actions.set_time_zone(user=user, time_zone=form.cleaned_data["time_zone"])
        messages.success(request, pgettext("growth message", "Your time zone is saved."))
        return redirect("growth:settings")
    return render(request, "growth/settings.html", {"form": form, "current": current})


@login_required
@require_POST
def share_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    user = member_of(request)
    goal = queries.access_own_goal(user, goal_id)
    group = Group.objects.filter(slug=request.POST.get("group", ""), memberships__user=user).first()
    if group is None:
        messages.error(request, pgettext("growth error", "Please choose one of your groups."))
        return redirect("growth:goal", goal.pk)
    try:
        commitments.share_commitment(goal=goal, group=group)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            pgettext(
                "growth message",
                "Shared with the group: members see only done or not today, never your notes.",
            ),
        )
    return redirect("growth:goal", goal.pk)


@login_required
@require_POST
def withdraw_commitment(request: HttpRequest, commitment_id: int) -> HttpResponse:
    user = member_of(request)
    row = commitments.access_commitment(user, commitment_id)
    if row.goal.owner_id != user.pk:
        raise PermissionDenied
    commitments.withdraw_commitment(commitment=row)
    messages.success(
        request, pgettext("growth message", "The goal is no longer shared with that group.")
    )
    return redirect("growth:goal", row.goal_id)


@login_required
@require_POST
def react(request: HttpRequest, commitment_id: int) -> HttpResponse:
    user = member_of(request)
    row = commitments.access_commitment(user, commitment_id)
    if row.goal.owner_id != user.pk and not user.on_break:
        with contextlib.suppress(ValueError):  # an unknown reaction: nothing to do
            commitments.toggle_reaction(
                commitment=row, user=user, kind=request.POST.get("kind", "")
            )
    return redirect(reverse("groups:group", args=[row.group.slug]) + "#commitments")
