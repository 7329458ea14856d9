"""Trust pages: the coaching partial for composers; the operators' policy and member levels;
the watched words and policy overrides of a group."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.decorators import staff_required
from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.accounts.twofactor import has_two_factor
from halqa.groups.models import Group
from halqa.groups.queries import access_group
from halqa.moderation.queries import is_moderator_of
from halqa.trust import actions, levels
from halqa.trust.coaching import allowed, coaching_for
from halqa.trust.forms import GroupPolicyForm, MemberLevelForm, SitePolicyForm, WatchedWordForm
from halqa.trust.models import GroupPolicy, WatchedWord


@require_POST
@login_required
def coach(request: HttpRequest) -> HttpResponse:
    """The draft in `body` (HTMX, debounced): a small partial, or nothing. Never stored."""
    if not allowed(request.user):
        return HttpResponse(status=204)  # HTMX keeps the last note; submit still checks all
    context = coaching_for(request.user, request.POST.get("body", ""))
    return render(request, "trust/_coaching.html", context)


def _two_factor_first(request: HttpRequest) -> HttpResponse | None:
    """Managing moderation needs two-factor authentication in this session, as staff pages."""
    if getattr(request.user, "otp_device", None) is not None:
        return None
    setup = not has_two_factor(_user(request))
    target = reverse("accounts:two_factor_setup" if setup else "accounts:two_factor")
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


@require_http_methods(["GET", "POST"])
@staff_required(Role.OPERATOR)
def site_policy(request: HttpRequest) -> HttpResponse:
    """The operators' page: thresholds, limits, trust levels; a member's level by hand."""
    policy = levels.site_policy()
    form = SitePolicyForm(instance=policy)
    level_form = MemberLevelForm()
    if request.method == "POST" and request.POST.get("form") == "policy":
        form = SitePolicyForm(request.POST, instance=levels.site_policy())
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            actions.update_site_policy(by=_user(request), **fields)
            messages.success(request, pgettext("trust", "The publish policy is saved."))
            return redirect("trust:policy")
    elif request.method == "POST":
        level_form = MemberLevelForm(request.POST)
        if level_form.is_valid() and _set_level(request, level_form):
            return redirect("trust:policy")
    context = {"form": form, "level_form": level_form, "policy": policy}
    return render(
        request, "trust/policy.html", context, status=400 if _errors(form, level_form) else 200
    )


def _errors(*forms: Any) -> bool:
    return any(form.is_bound and form.errors for form in forms)


def _set_level(request: HttpRequest, form: MemberLevelForm) -> bool:
    name, choice = form.cleaned_data["pseudonym"], form.cleaned_data["level"]
    member = User.objects.filter(pseudonym_key=pseudonym_key(name)).first()
    if member is None:
        form.add_error("pseudonym", pgettext("trust", "No member has this pseudonym."))
        return False
    level = None if choice == "auto" else int(choice)
    now = actions.set_member_level(by=_user(request), member=member, level=level)
    messages.success(
        request,
        pgettext("trust", "%(name)s is now at trust level %(level)d.")
        % {"name": name, "level": now},
    )
    return True


@require_http_methods(["GET", "POST"])
@login_required
def group_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's watched words and policy overrides: its moderators and the site's."""
    group = access_group(request.user, slug)
    if not is_moderator_of(request.user, group):
        raise Http404
    if (refused := _two_factor_first(request)) is not None:
        return refused
    override = GroupPolicy.objects.filter(group=group).first() or GroupPolicy(group=group)
    policy_form, word_form = GroupPolicyForm(instance=override), WatchedWordForm()
    if request.method == "POST":
        kind = request.POST.get("form")
        if kind == "policy":
            policy_form = GroupPolicyForm(request.POST, instance=override)
            if policy_form.is_valid():
                fields = {name: policy_form.cleaned_data[name] for name in policy_form.fields}
                actions.set_group_policy(by=_user(request), group=group, **fields)
                messages.success(request, pgettext("trust", "The group's policy is saved."))
                return redirect("trust:group", group.slug)
        elif kind == "remove":
            word = WatchedWord.objects.filter(
                group=group, pk=_whole(request.POST.get("word"))
            ).first()
            if word is not None:
                actions.remove_watched_word(by=_user(request), word=word)
                messages.success(request, pgettext("trust", "The watched word is removed."))
            return redirect("trust:group", group.slug)
        else:
            word_form = WatchedWordForm(request.POST)
            if word_form.is_valid() and _add_word(request, group, word_form):
                return redirect("trust:group", group.slug)
    context = {
        "group": group,
        "policy_form": policy_form,
        "word_form": word_form,
        "words": WatchedWord.objects.filter(group=group),
        "site": levels.site_policy(),
    }
    status = 400 if _errors(policy_form, word_form) else 200
    return render(request, "trust/group.html", context, status=status)


def _add_word(request: HttpRequest, group: Group, form: WatchedWordForm) -> bool:
    try:
        actions.add_watched_word(by=_user(request), group=group, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            form.add_error("pattern", message)
        return False
    messages.success(request, pgettext("trust", "The watched word is saved."))
    return True


def _whole(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - the decorators ran first
    return request.user
