"""Pages for accountability partners: invite, accept, choose what to share, the shared page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from halqa.accounts.models import User
from halqa.growth import partners, queries
from halqa.growth.enums import GoalState, PartnershipState
from halqa.growth.forms import EncouragementForm, InviteForm, ShareForm
from halqa.growth.models import Encouragement, PartnerShare, Partnership
from halqa.growth.views import GET, GET_POST, apply_errors, member_of, mood_choices


@login_required
@GET_POST
def partner_list(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partners.invite_partner(inviter=user, pseudonym=form.cleaned_data["pseudonym"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                pgettext(
                    "partner message", "Invitation sent. They can accept or not, in their own time."
                ),
            )
            return redirect("growth:partners")
    context = {
        "form": form,
        "rows": queries.partnerships_of(user),
        "link": request.session.pop("growth_invite_link", None),
    }
    return render(request, "growth/partners.html", context)


@login_required
@require_POST
def invite_link(request: HttpRequest) -> HttpResponse:
    _, token = partners.create_invite_link(inviter=member_of(request))
    # Shown once, on the next page: only the token's hash is stored.
    request.session["growth_invite_link"] = request.build_absolute_uri(
        reverse("growth:join", args=[token])
    )
    return redirect("growth:partners")


def _goal_choices(user: User) -> list[tuple[int, str]]:
    goals = queries.goals_of(user, states=(GoalState.ACTIVE, GoalState.PAUSED))
    return [(goal.pk, goal.title) for goal in goals]


def _share_form(share: PartnerShare | None, user: User) -> ShareForm:
    """The form showing what `user` shares now (their PartnerShare, None before any choice)."""
    initial = {}
    if share is not None:
        initial = {
            "goals": [g.pk for g in share.goals.all()],
            "notes": share.notes,
            "mood": share.mood,
            "nudges": share.nudges,
        }
    return ShareForm(initial=initial, goal_choices=_goal_choices(user))


@login_required
@GET
def partner_page(request: HttpRequest, partnership_id: int) -> HttpResponse:
    user = member_of(request)
    partnership = queries.access_partnership(user, partnership_id)
    context = _partner_context(partnership, user)
    context["offer_help"] = request.session.pop("growth_offer_help", False)
    return render(request, "growth/partner.html", context)


def _partner_context(partnership: Partnership, user: User, **forms: object) -> dict[str, object]:
    active = partnership.state == PartnershipState.ACTIVE
    other = partnership.partner_of(user)
    context: dict[str, object] = {
        "partnership": partnership,
        "other": other,
        "active": active,
        "mood_choices": mood_choices(),
    }
    if active and other is not None:
        mine = queries.shared_by(partnership, user)
        context |= {
            "theirs": queries.shared_by(partnership, other),
            "mine": mine,
            "share_form": forms.get("share_form") or _share_form(mine.share, user),
            "cheer_form": forms.get("cheer_form") or EncouragementForm(),
            "cheers": Encouragement.objects.filter(partnership=partnership).select_related(
                "sender"
            )[:10],
        }
    return context


@login_required
@require_POST
def partner_action(request: HttpRequest, partnership_id: int, verb: str) -> HttpResponse:
    user = member_of(request)
    partnership = queries.access_partnership(user, partnership_id)
    if verb == "accept":
        try:
            partners.accept(partnership=partnership, user=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("growth:partners")
        return _accepted(request, partnership)
    if verb == "decline":
        partners.decline(partnership=partnership, user=user)
        messages.success(
            request, pgettext("partner message", "No problem. The invitation is closed.")
        )
    elif verb == "revoke":
        partners.revoke_invite(partnership=partnership, user=user)
        messages.success(request, pgettext("partner message", "The invitation is withdrawn."))
    elif verb == "end":
        partners.end_partnership(partnership=partnership, user=user)
        messages.success(
            request,
            pgettext(
                "partner message",
                "The partnership has ended. Neither of you sees the other's progress any more.",
            ),
        )
    else:
        raise Http404
    return redirect("growth:partners")


def _accepted(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """After accepting, by the invitation's button or an invite link: on to choose what to share."""
    messages.success(
        request,
        pgettext(
            "partner message", "You are partners now. Choose below what you would like to share."
        ),
    )
    return redirect("growth:partner", partnership.pk)


@login_required
@require_POST
def partner_share(request: HttpRequest, partnership_id: int) -> HttpResponse:
    user = member_of(request)
    partnership = queries.access_partnership(user, partnership_id)
    form = ShareForm(request.POST, goal_choices=_goal_choices(user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            partners.set_share(
                partnership=partnership,
                user=user,
                goal_ids=data["goals"],
                notes=data["notes"],
                mood=data["mood"],
                nudges=data["nudges"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, pgettext("partner message", "Your sharing choices are saved.")
            )
            return redirect("growth:partner", partnership.pk)
    if partnership.state != PartnershipState.ACTIVE:
        raise Http404
    return render(
        request,
        "growth/partner.html",
        _partner_context(partnership, user, share_form=form),
        status=422,
    )


@login_required
@require_POST
def partner_encourage(request: HttpRequest, partnership_id: int) -> HttpResponse:
    user = member_of(request)
    partnership = queries.access_partnership(user, partnership_id)
    form = EncouragementForm(request.POST)
    held = False
    if form.is_valid():
        try:
            note = partners.encourage(
                partnership=partnership, sender=user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            apply_errors(form, error)
            held = any(e.code == "held" for e in error.error_dict.get("body", []))
        else:
            messages.success(
                request, pgettext("partner message", "Your encouragement is on its way.")
            )
            if note.screening.get("crisis") in ("ideation", "plan"):
                request.session["growth_offer_help"] = True
            return redirect("growth:partner", partnership.pk)
    if partnership.state != PartnershipState.ACTIVE:
        messages.error(request, pgettext("partner error", "This partnership has ended."))
        return redirect("growth:partners")
    context = _partner_context(partnership, user, cheer_form=form)
    context["offer_help"] = held  # a held note may have come from a hard moment
    return render(request, "growth/partner.html", context, status=422)


@login_required
@GET_POST
def join(request: HttpRequest, token: str) -> HttpResponse:
    user = member_of(request)
    partnership = queries.invite_for_token(token)
    if request.method == "POST" and partnership is not None:
        try:
            partners.accept(partnership=partnership, user=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            return _accepted(request, partnership)
    return render(
        request,
        "growth/join.html",
        {
            "partnership": partnership,
            "own": partnership is not None and partnership.inviter_id == user.pk,
        },
        status=200 if partnership else 404,
    )
