"""The moderators' pages (queue, case, audit log, dashboard) and the members' pages (flag,
notice and appeal, report outcome). Thin: the work is in actions, flags and queries."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from halqa.accounts.decorators import two_factor_redirect
from halqa.accounts.models import User
from halqa.core.navigation import safe_next
from halqa.groups.models import Group, GroupRule
from halqa.moderation import actions, dashboard, explain, flags, queries
from halqa.moderation.actions import Refused
from halqa.moderation.enums import Action, CaseKind, CaseState
from halqa.moderation.forms import (
    AppealDecisionForm,
    AppealForm,
    FlagForm,
    HandoverForm,
    NoteForm,
    QueueFilter,
    RedactForm,
    RemoveForm,
    SanctionForm,
    set_choices,
)
from halqa.moderation.models import Appeal, AuditEntry, Case, Flag, Redaction, Sanction
from halqa.moderation.texts import notice_text

View = Callable[..., HttpResponse]


def moderator_required(view: View) -> View:
    """Moderators (site or group) only, verified with two-factor in this session; others 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not queries.is_moderator(user):
            raise Http404
        if getattr(user, "otp_device", None) is None:
            return two_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - the decorators ran first
    return request.user


def _groups_for(user: User) -> list[Group]:
    ids = queries.moderated_group_ids(user)
    groups = Group.objects.all() if ids is None else Group.objects.filter(pk__in=ids)
    return list(groups.order_by("name"))


def _filters(request: HttpRequest, user: User) -> QueueFilter:
    form = QueueFilter(request.GET or None)
    groups = [(g.pk, g.name) for g in _groups_for(user)]
    set_choices(form, "group", [("", pgettext("queue filter", "All my groups")), *groups])
    set_choices(form, "kind", [("", pgettext("queue filter", "All kinds")), *CaseKind.choices])
    set_choices(
        form, "state", [("", pgettext("queue filter", "Open and claimed")), *CaseState.choices]
    )
    return form


@require_safe
@never_cache
@moderator_required
def queue_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = _filters(request, user)
    chosen: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        chosen = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
    cases = queries.queue(user, **chosen)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "cases": list(page.object_list),
        "on_duty": queries.is_on_duty(user),
        "me": user,
    }
    if request.headers.get("HX-Request"):
        return render(request, "moderation/_queue_list.html", context)
    return render(request, "moderation/queue.html", context)


def _rules(case: Case) -> list[tuple[int, str]]:
    if case.group_id is None:
        return []
    return list(GroupRule.objects.filter(group_id=case.group_id).values_list("number", "text"))


def _handover_people(case: Case, me: User) -> list[tuple[int, str]]:
    from halqa.accounts.enums import Role
    from halqa.groups.enums import GroupRole

    site = User.objects.filter(is_active=True, role__in=(Role.MODERATOR, Role.OPERATOR))
    people = list(site)
    if case.group_id:
        people += list(
            User.objects.filter(
                is_active=True,
                memberships__group_id=case.group_id,
                memberships__role=GroupRole.MODERATOR,
            )
        )
    seen: dict[int, str] = {}
    for person in people:
        if person.pk not in (me.pk, case.excluded_moderator_id, case.subject_id):
            seen[person.pk] = person.pseudonym
    return sorted(seen.items(), key=lambda pair: pair[1])


def _redactions(item: Any) -> list[Redaction]:
    kind = actions.content_kind(item) if item is not None else ""
    if kind == "post":
        return list(Redaction.objects.filter(post=item))
    if kind == "live":
        return list(Redaction.objects.filter(live_message=item))
    return []


def _case_context(request: HttpRequest, case: Case, **bound: Any) -> dict[str, Any]:
    user = _user(request)
    item = case.item
    rules = _rules(case)
    appeal = None
    appealed_item = None
    if case.kind == CaseKind.APPEAL:
        appeal = Appeal.objects.select_related("action", "action__actor").filter(case=case).first()
        if appeal is not None:
            appealed_item = actions._content_of(appeal.action)
    # The screening record stored with the message (labels, scores, signals, model).
    record = getattr(item or appealed_item, "screening", None)
    context: dict[str, Any] = {
        "case": case,
        "item": item,
        "appeal": appeal,
        "appealed_item": appealed_item,
        "is_post": item is not None and actions.content_kind(item) == "post",
        "is_expert": item is not None and actions.content_kind(item) == "expert",
        "screening": explain.rows(record),
        "reasons": explain.reasons(record),
        "flags": list(Flag.objects.filter(case=case).select_related("reporter")),
        "history": list(case.audit.select_related("actor").order_by("created_at", "id")),
        "sanctions": list(Sanction.objects.filter(user=case.subject).order_by("-starts_at")[:10]),
        "other_cases": Case.objects.filter(subject=case.subject).exclude(pk=case.pk).count(),
        "redactions": _redactions(item),
        "suggested": actions.next_step(case.subject),
        "is_crisis": actions._is_crisis(case),
        "is_site_moderator": queries.is_site_moderator(user),
        "mine": case.claimed_by_id == user.pk,
        "may_act": queries.may_act_on(user, case)
        and not (case.kind == CaseKind.APPEAL and case.excluded_moderator_id == user.pk),
        "on_duty": queries.is_on_duty(user),
        "remove_form": bound.get("remove")
        or RemoveForm(rules=rules, needs_rule=case.group_id is not None),
        "sanction_form": bound.get("sanction")
        or SanctionForm(rules=rules, initial={"kind": actions.next_step(case.subject)}),
        "redact_form": bound.get("redact")
        or RedactForm(initial={"body": item.body if item else ""}),
        "note_form": bound.get("note") or NoteForm(),
        "handover_form": bound.get("handover") or HandoverForm(people=_handover_people(case, user)),
        "appeal_form": bound.get("appeal") or AppealDecisionForm(),
    }
    if case.kind in (CaseKind.CRISIS, CaseKind.DANGER):
        try:
            from halqa.safety.support_views import case_tools_context
        except ImportError:
            pass
        else:
            context["safety_tools"] = case_tools_context(user, case)
    return context


@require_safe
@never_cache
@moderator_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = queries.access_case(_user(request), case_id)
    return render(request, "moderation/case.html", _case_context(request, case))


@require_POST
@moderator_required
def claim(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = queries.access_case(user, case_id)
    try:
        actions.claim(case, user)
    except Refused as refused:
        messages.error(request, str(refused.message))
        return redirect(safe_next(request, reverse("moderation:queue")))
    return redirect(safe_next(request, reverse("moderation:case", args=[case.pk])))


SIMPLE = {
    "approve": actions.approve,
    "hide": actions.hide,
    "clear_method": actions.clear_method,
    "dismiss": actions.dismiss,
    "resolve": actions.resolve,
}
DONE: dict[str, Any] = {
    "approve": pgettext_lazy("moderation done", "Approved: the message is published."),
    "hide": pgettext_lazy("moderation done", "Hidden from other members."),
    "clear_method": pgettext_lazy("moderation done", "Other members can see the message again."),
    "dismiss": pgettext_lazy("moderation done", "Flags dismissed; the case is closed."),
    "resolve": pgettext_lazy("moderation done", "The case is closed."),
    "remove": pgettext_lazy("moderation done", "Removed; the author has been told which rule."),
    "redact": pgettext_lazy("moderation done", "The message was edited; the earlier text is kept."),
    "sanction": pgettext_lazy("moderation done", "Done; the member has been told, kindly."),
    "handover": pgettext_lazy("moderation done", "Handed over."),
    "release": pgettext_lazy("moderation done", "Released back to the queue."),
    "appeal": pgettext_lazy("moderation done", "The appeal is decided; the member has been told."),
}


@require_POST
@moderator_required
def act(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """One endpoint per action; a refused action or a bad form re-renders the case page."""
    user = _user(request)
    case = queries.access_case(user, case_id)
    rules = _rules(case)
    bound: dict[str, Any] = {}
    form: forms.Form
    try:
        if action in SIMPLE:
            form = NoteForm(request.POST)
            bound["note"] = form
            if form.is_valid():
                SIMPLE[action](case, user, form.cleaned_data["reason"])
        elif action == "release":
            actions.release(case, user)
            form = NoteForm()
        elif action == "remove":
            form = RemoveForm(request.POST, rules=rules, needs_rule=case.group_id is not None)
            bound["remove"] = form
            if form.is_valid():
                actions.remove(
                    case, user, rule=form.cleaned_data["rule"], reason=form.cleaned_data["reason"]
                )
        elif action == "redact":
            form = RedactForm(request.POST)
            bound["redact"] = form
            if form.is_valid():
                actions.redact(case, user, form.cleaned_data["body"], form.cleaned_data["reason"])
        elif action == "sanction":
            form = SanctionForm(request.POST, rules=rules)
            bound["sanction"] = form
            if form.is_valid():
                data = form.cleaned_data
                actions.sanction(
                    case,
                    user,
                    kind=data["kind"],
                    reason=data["reason"],
                    rule=data.get("rule") or None,
                    hours=data.get("hours"),
                    site_wide=data.get("site_wide", False),
                )
        elif action == "handover":
            form = HandoverForm(request.POST, people=_handover_people(case, user))
            bound["handover"] = form
            if form.is_valid():
                to = User.objects.get(pk=form.cleaned_data["to"])
                actions.hand_over(case, user, to, form.cleaned_data["reason"])
        elif action == "appeal":
            form = AppealDecisionForm(request.POST)
            bound["appeal"] = form
            if form.is_valid():
                actions.decide_appeal(
                    case, user, grant=form.cleaned_data["grant"], reason=form.cleaned_data["reason"]
                )
        else:
            raise Http404
    except Refused as refused:
        messages.error(request, str(refused.message))
        case.refresh_from_db()
        context = _case_context(request, case, **bound)
        return render(request, "moderation/case.html", context, status=409)
    if not form.is_valid() and action != "release":
        case.refresh_from_db()
        context = _case_context(request, case, **bound)
        return render(request, "moderation/case.html", context, status=400)
    messages.success(request, DONE[action])
    case.refresh_from_db()
    if case.state == CaseState.RESOLVED:
        return redirect("moderation:queue")
    return redirect("moderation:case", case.pk)


@require_POST
@moderator_required
def duty(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    on = request.POST.get("on") == "1"
    actions.set_on_duty(user, on)
    if on:
        messages.success(request, pgettext("duty", "You are on duty: new cases appear here live."))
    else:
        messages.success(request, pgettext("duty", "You are off duty. Thank you for your time."))
    return redirect(safe_next(request, reverse("moderation:queue")))


@require_POST
@moderator_required
def debrief(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    case = None
    if request.POST.get("case", "").isdecimal():  # isdigit() passes "²", which int() refuses
        case = queries.visible_cases(user).filter(pk=int(request.POST["case"])).first()
    actions.ask_for_debrief(user, case)
    messages.success(
        request,
        pgettext(
            "debrief",
            "The lead moderator has been asked to talk with you. Take a break if you can; "
            "what you read here is heavy, and it is fine to feel it.",
        ),
    )
    return redirect(safe_next(request, reverse("moderation:queue")))


@require_safe
@never_cache
@moderator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    entries = AuditEntry.objects.select_related("actor", "subject", "group", "case")
    ids = queries.moderated_group_ids(user)
    if ids is not None:
        entries = entries.filter(group_id__in=ids)
    action = request.GET.get("action", "")
    if action in Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/audit.html",
        {"page": page, "actions": Action.choices, "chosen": action},
    )


@require_safe
@never_cache
@moderator_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "moderation/dashboard.html", dashboard.figures(user))


# --- members ---------------------------------------------------------------------------------


def _flag_target(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    item = None
    if data.get("post"):
        item, field = flags.flaggable_post(user, data["post"]), "post"
    elif data.get("message"):
        item, field = flags.flaggable_message(user, data["message"]), "live_message"
    else:
        return {"member": flags.flaggable_member(user, data.get("member", ""))}
    if data.get("about") == "member":
        return {"member": item.author}
    return {field: item}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def flag_page(request: HttpRequest) -> HttpResponse:
    """The flag form (GET shows it for one item; POST sends it). Works with and without HTMX."""
    htmx = bool(request.headers.get("HX-Request"))
    template = "moderation/_flag_form.html" if htmx else "moderation/flag.html"
    if request.method == "GET":
        keys = ("post", "message", "member", "about")
        form = FlagForm(initial={k: request.GET.get(k) for k in keys})
        probe = FlagForm({**request.GET.dict(), "reason": "other"})
        if not probe.is_valid():
            raise Http404
        _flag_target(request, probe.cleaned_data)
        return render(request, template, {"form": form, "next": safe_next(request, "")})
    form = FlagForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form, "next": safe_next(request, "")}, status=400)
    target = _flag_target(request, form.cleaned_data)
    try:
        record, created = flags.flag(
            reporter=_user(request),
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            **target,
        )
    except Refused as refused:
        form.add_error(None, str(refused.message))
        status = 429 if refused.code == "rate" else 400
        return render(
            request, template, {"form": form, "next": safe_next(request, "")}, status=status
        )
    context = {"created": created, "flag": record, "danger": record.reason == "danger"}
    if htmx:
        return render(request, "moderation/_flag_done.html", context)
    messages.success(request, _flag_done_text(created))
    return redirect(safe_next(request, reverse("moderation:report", args=[record.pk])))


def _flag_done_text(created: bool) -> str:
    if created:
        return pgettext(
            "flag done",
            "Thank you. A moderator will look at it; you will be told when they have. "
            "The member will not know who reported it.",
        )
    return pgettext("flag done", "You have already reported this. A moderator will look at it.")


@login_required
@require_safe
@never_cache
def report_page(request: HttpRequest, flag_id: int) -> HttpResponse:
    """The reporter's view of their report: its reason and whether it was looked at."""
    record = Flag.objects.filter(pk=flag_id, reporter_id=request.user.pk).select_related("case")
    found = record.first()
    if found is None:
        raise Http404
    case = found.case
    acted = False
    if case is not None:
        acted = (
            case.audit.filter(
                action__in=(Action.HIDE, Action.REMOVE, Action.REDACT, Action.AUTO_HIDE)
            ).exists()
            or case.audit.filter(action__in=actions.SANCTION_ACTIONS.values()).exists()
        )
    return render(
        request,
        "moderation/report.html",
        {"flag": found, "case": case, "acted": acted},
    )


def _notice_entry(request: HttpRequest, entry_id: int) -> AuditEntry:
    entry = AuditEntry.objects.filter(pk=entry_id, subject_id=request.user.pk).first()
    if entry is None or entry.action not in actions.APPEALABLE | {Action.APPROVE}:
        raise Http404
    return entry


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def notice_page(request: HttpRequest, entry_id: int) -> HttpResponse:
    """What a moderator decided about the member, explained kindly, with the appeal form."""
    entry = _notice_entry(request, entry_id)
    user = _user(request)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.appeal(user, entry, form.cleaned_data["statement"])
        except Refused as refused:
            form.add_error(None, str(refused.message))
        else:
            messages.success(
                request,
                pgettext(
                    "appeal done",
                    "Your appeal is sent. A different moderator will look at it and you "
                    "will be told the outcome.",
                ),
            )
            return redirect("moderation:notice", entry.pk)
    sanction = None
    if entry.detail.get("sanction"):
        sanction = Sanction.objects.filter(pk=entry.detail["sanction"], user=user).first()
    appeal = Appeal.objects.filter(action=entry).first()
    context = {
        "entry": entry,
        "text": notice_text(entry, sanction),
        "sanction": sanction,
        "rule": actions.rule_of(entry.group, entry.rule),
        "item": actions._content_of(entry),
        "appeal": appeal,
        "may_appeal": actions.may_appeal(user, entry),
        "form": form,
    }
    return render(request, "moderation/notice.html", context, status=400 if form.errors else 200)


def latest_notice_for(item: Any) -> AuditEntry | None:
    """The last appealable decision about `item` (for the content notice's appeal link): a
    thread post, a live message, or a question or answer of ask-an-expert (linked by id in the
    entry's detail, actions.audit)."""
    kind = actions.content_kind(item)
    if kind == "expert":
        about = {f"detail__expert_{item._meta.model_name}": item.pk}
    else:
        about = {"post_id_value" if kind == "post" else "live_message_id_value": item.pk}
    return (
        AuditEntry.objects.filter(**about, subject_id=item.author_id)
        .filter(action__in=actions.APPEALABLE)
        .order_by("-created_at", "-id")
        .first()
    )
