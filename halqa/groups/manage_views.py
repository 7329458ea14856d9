"""Looking after a group: requests, invite links, members and roles; operators create groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.accounts.decorators import staff_required
from halqa.accounts.twofactor import has_two_factor
from halqa.groups import actions
from halqa.groups.enums import GroupRole
from halqa.groups.forms import GroupForm, InviteForm, RemoveForm, RoleForm
from halqa.groups.models import Group
from halqa.groups.queries import (
    access_invite,
    access_join_request,
    access_managed_group,
    access_membership,
    invite_links,
    is_site_staff,
    members_of,
    pending_requests,
    role_in,
)

GROUP_ROLES = (GroupRole.FACILITATOR, GroupRole.MODERATOR)


def _two_factor_first(request: HttpRequest, group: Group) -> HttpResponse | None:
    """Site staff who manage a group without a role in it pass two-factor authentication."""
    user = request.user
    if role_in(user, group) in GROUP_ROLES or getattr(user, "otp_device", None) is not None:
        return None
    name = "accounts:two_factor_setup" if not has_two_factor(user) else "accounts:two_factor"  # type: ignore[arg-type]
    response = redirect(name)
    response["Location"] += "?" + urlencode({"next": request.get_full_path()})
    return response


def _back(slug: str) -> HttpResponse:
    return redirect("groups:manage", slug=slug)


@require_GET
@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_managed_group(request.user, slug)
    return _two_factor_first(request, group) or _manage_page(request, group)


def _manage_page(request: HttpRequest, group: Group, **forms: Any) -> HttpResponse:
    context = {
        "group": group,
        "requests": pending_requests(group),
        "invites": invite_links(group),
        "members": members_of(group),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "role_choices": _role_choices(request),
        "site_staff": is_site_staff(request.user),
        "failed_member": forms.get("failed_member"),
        "remove_form": forms.get("remove_form") or RemoveForm(),
    }
    status = 400 if forms else 200
    return render(request, "groups/manage.html", context, status=status)


def _role_choices(request: HttpRequest) -> list[tuple[str, Any]]:
    if is_site_staff(request.user):
        return list(GroupRole.choices)
    return [(value, label) for value, label in GroupRole.choices if value != GroupRole.MODERATOR]


def _guarded(request: HttpRequest, slug: str) -> tuple[Group, HttpResponse | None]:
    group = access_managed_group(request.user, slug)
    return group, _two_factor_first(request, group)


@require_POST
@login_required
def approve(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    join_request = access_join_request(group, request_id)
    actions.approve_request(actor=request.user, join_request=join_request)  # type: ignore[arg-type]
    messages.success(request, pgettext("manage message", "Request approved. Welcome them in."))
    return _back(slug)


@require_POST
@login_required
def decline(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    join_request = access_join_request(group, request_id)
    actions.decline_request(actor=request.user, join_request=join_request)  # type: ignore[arg-type]
    messages.info(request, pgettext("manage message", "Request declined."))
    return _back(slug)


@require_POST
@login_required
def create_invite(request: HttpRequest, slug: str) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, group, invite_form=form)
    actions.create_invite(actor=request.user, group=group, **form.cleaned_data)  # type: ignore[arg-type]
    messages.success(request, pgettext("manage message", "Invite link created."))
    return _back(slug)


@require_POST
@login_required
def revoke_invite(request: HttpRequest, slug: str, invite_id: int) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    actions.revoke_invite(invite=access_invite(group, invite_id))
    messages.info(request, pgettext("manage message", "Invite link revoked. It no longer works."))
    return _back(slug)


@require_POST
@login_required
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    membership = access_membership(group, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, pgettext("manage message", "Choose one of the roles."))
        return _back(slug)
    role = GroupRole(form.cleaned_data["role"])
    return _refusable(
        request,
        slug,
        lambda: actions.change_role(actor=request.user, membership=membership, role=role),  # type: ignore[arg-type]
        pgettext("manage message", "Role changed."),
    )


@require_POST
@login_required
def remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    group, detour = _guarded(request, slug)
    if detour:
        return detour
    membership = access_membership(group, membership_id)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, group, remove_form=form, failed_member=membership.pk)
    reason = form.cleaned_data["reason"]
    return _refusable(
        request,
        slug,
        lambda: actions.remove_member(actor=request.user, membership=membership, reason=reason),  # type: ignore[arg-type]
        pgettext("manage message", "They are no longer in the group."),
    )


def _refusable(request: HttpRequest, slug: str, act: Any, done: str) -> HttpResponse:
    """Run an action that may refuse; its reason becomes the message."""
    try:
        act()
    except PermissionDenied:
        messages.error(request, pgettext("manage message", "Only site staff can do that."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(slug)


@require_http_methods(["GET", "POST"])
@staff_required("operator")
def new_group(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = actions.create_group(
            slug=actions.unique_slug(data["name"]),
            created_by=request.user,  # type: ignore[arg-type]
            **_group_fields(data),
            facilitator=data["facilitator"],
        )
        messages.success(request, pgettext("group form message", "The group is ready."))
        return redirect("groups:group", slug=group.slug)
    status = 400 if form.is_bound else 200
    return render(request, "groups/group_form.html", {"form": form, "group": None}, status=status)


@require_http_methods(["GET", "POST"])
@staff_required("operator")
def edit_group(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_managed_group(request.user, slug)
    form = GroupForm(request.POST or None, initial=GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.update_group(group=group, **_group_fields(data))
        if data["facilitator"] is not None:
            actions.add_member(user=data["facilitator"], group=group, role=GroupRole.FACILITATOR)
        messages.success(request, pgettext("group form message", "Changes saved."))
        return redirect("groups:group", slug=group.slug)
    status = 400 if form.is_bound else 200
    return render(request, "groups/group_form.html", {"form": form, "group": group}, status=status)


def _group_fields(data: dict[str, Any]) -> dict[str, Any]:
    names = ("name", "description", "rules", "language", "topic", "visibility", "join_policy")
    return {name: data[name] for name in names}
