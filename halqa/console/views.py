"""The operators' console pages: thin views over site, actions, health and metrics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.decorators import staff_required
from halqa.accounts.enums import STAFF_ROLES, Role
from halqa.accounts.models import User
from halqa.console import actions, health, metrics, site
from halqa.console.forms import LogoForm, RoleForm, SettingsForm
from halqa.console.models import RoleChange, SiteSettings, StaffInvite

operator_only = staff_required(Role.OPERATOR)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - the decorator ran first
    return request.user


@require_GET
@operator_only
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "console/home.html")


SETTINGS_FIELDS = ("site_name", "registration", "languages", "default_language", "default_country")


def _settings_page(
    request: HttpRequest, form: SettingsForm | None = None, logo_form: LogoForm | None = None
) -> HttpResponse:
    row = SiteSettings.objects.filter(pk=1).defer("logo").first()
    if form is None:
        initial = {name: getattr(row, name) for name in SETTINGS_FIELDS} if row else {}
        form = SettingsForm(initial=initial)
    context = {"form": form, "logo_form": logo_form or LogoForm(), "row": row}
    return render(request, "console/settings.html", context)


@require_http_methods(["GET", "POST"])
@operator_only
def site_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request)
    form = SettingsForm(request.POST)
    if form.is_valid():
        data = {name: form.cleaned_data[name] or "" for name in SETTINGS_FIELDS}
        try:
            actions.save_settings(actor=_user(request), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, pgettext("console", "The site settings are saved."))
            return redirect("console:settings")
    return _settings_page(request, form=form)


@require_POST
@operator_only
def upload_logo(request: HttpRequest) -> HttpResponse:
    form = LogoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.set_logo(actor=_user(request), data=form.cleaned_data["logo"])
        except ValidationError as error:
            form.add_error("logo", error)
        else:
            messages.success(request, pgettext("console", "The new logo is shown on every page."))
            return redirect("console:settings")
    return _settings_page(request, logo_form=form)


@require_POST
@operator_only
def remove_logo(request: HttpRequest) -> HttpResponse:
    actions.remove_logo(actor=_user(request))
    messages.success(request, pgettext("console", "The logo is removed."))
    return redirect("console:settings")


@require_GET
def logo(request: HttpRequest, version: str) -> HttpResponse:
    """The site's logo, for everyone. Its address names its version, so it is cached for a year;
    an address of an older version redirects to the current one."""
    current = site.logo()
    if current is None:
        raise Http404
    if version != current.logo_hash:
        return redirect("console:logo", version=current.logo_hash)
    etag = f'"{current.logo_hash}"'
    response: HttpResponse
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        row = SiteSettings.objects.filter(pk=1, logo_hash=version).only("logo").first()
        if row is None or row.logo is None:  # removed by another process a moment ago
            raise Http404
        response = HttpResponse(bytes(row.logo), content_type=current.logo_type)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def _staff_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    staff = (
        User.objects.filter(role__in=[*STAFF_ROLES, Role.FACILITATOR], is_active=True)
        .annotate(two_factor=Exists(confirmed))
        .order_by("role", "pseudonym")
    )
    by_role = [
        (label, [u for u in staff if u.role == value])
        for value, label in Role.choices
        if value != Role.MEMBER
    ]
    missing = [u for u in staff if u.role in STAFF_ROLES and not u.two_factor]
    invites = StaffInvite.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return {
        "by_role": by_role,
        "missing_two_factor": missing,
        "invites": invites,
        "log": RoleChange.objects.all()[:50],
        "role_form": RoleForm(),
        **extra,
    }


@require_GET
@operator_only
def staff(request: HttpRequest) -> HttpResponse:
    return render(request, "console/staff.html", _staff_context(request))


@require_POST
@operator_only
def change_role(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("pseudonym", "").strip()[:60]
    subject = User.objects.filter(pseudonym__iexact=name, is_active=True).first() if name else None
    form = RoleForm(request.POST)
    if subject is None:
        messages.error(
            request, pgettext("console error", "There is no member with that pseudonym.")
        )
    elif not form.is_valid():
        messages.error(request, pgettext("console error", "There is no such role."))
    else:
        role = form.cleaned_data["role"]
        signs_out = actions.signs_devices_out(subject.role, role)
        try:
            actions.change_role(actor=_user(request), subject=subject, role=role)
        except actions.Refused as refused:
            messages.error(request, str(refused.message))
        else:
            messages.success(request, pgettext("console", "The role is changed."))
            if signs_out:
                messages.info(
                    request,
                    pgettext(
                        "console",
                        "The member's apps are signed out: they sign in to them again, with "
                        "the two-factor code if their role is a staff role.",
                    ),
                )
    return redirect("console:staff")


@require_POST
@operator_only
def invite(request: HttpRequest) -> HttpResponse:
    _created, raw = actions.create_invite(actor=_user(request))
    link = request.build_absolute_uri(reverse("console:accept", args=[raw]))
    return render(request, "console/staff.html", _staff_context(request, new_link=link))


@require_POST
@operator_only
def revoke(request: HttpRequest, invite_id: int) -> HttpResponse:
    if actions.revoke_invite(actor=_user(request), invite_id=invite_id):
        messages.success(request, pgettext("console", "The invite link no longer works."))
    return redirect("console:staff")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, key: str) -> HttpResponse:
    found = actions.find_invite(key)
    if request.method == "POST" and found is not None:
        try:
            actions.accept_invite(user=_user(request), raw=key)
        except actions.Refused as refused:
            messages.error(request, str(refused.message))
        else:
            messages.success(
                request,
                pgettext("console", "You are a moderator now. Set up two-factor authentication."),
            )
            messages.info(
                request,
                pgettext(
                    "console",
                    "Any app you were signed in to is signed out: sign in to it again with "
                    "your two-factor code.",
                ),
            )
            return redirect("accounts:staff_home")
    response = render(
        request, "console/accept.html", {"invite": found}, status=200 if found else 404
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@never_cache
@operator_only
def health_page(request: HttpRequest) -> HttpResponse:
    report = health.report()
    checks = {check["name"]: check for check in report["checks"]}
    return render(request, "console/health.html", {"report": report, "checks": checks})


@require_GET
@operator_only
def metrics_page(request: HttpRequest) -> HttpResponse:
    return render(request, "console/metrics.html", metrics.figures())


@require_GET
@never_cache
def live(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: the process answers. Reveals nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")
