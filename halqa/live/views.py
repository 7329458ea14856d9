"""Live room pages: they work with plain form posts and polling; live.js adds the WebSocket."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.accounts.models import User
from halqa.conversations import guard
from halqa.conversations.publish import PersonalDataFound
from halqa.conversations.showing import ReaderChoices, folds_live_message
from halqa.conversations.visibility import Seen, author_note, is_moderator, removed_notice, view_of
from halqa.live import actions, presence, queries
from halqa.live.enums import SlowMode
from halqa.live.forms import ComposerForm, ScheduleForm, SlowModeForm
from halqa.live.models import LiveSession
from halqa.safety.queries import crisis_card_for


@require_http_methods(["GET", "POST"])
def sessions_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = queries.access_live_group(request.user, slug)
    facilitator = queries.can_facilitate(request.user, group)
    if request.method == "POST" and not facilitator:
        raise PermissionDenied
    form = ScheduleForm(request.POST or None) if facilitator else None
    if form is not None and form.is_valid():
        try:
            session = actions.schedule_session(
                by=_member(request), group=group, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("live:room", session.pk)
    context = {"group": group, "sessions": list(queries.sessions_of(group)), "form": form}
    return render(
        request, "live/sessions.html", context, status=400 if form and form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def room_page(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.access_session(request.user, session_id)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form, crisis, found = ComposerForm(request.POST or None), False, None
    if form.is_valid() and form.cleaned_data["personal_data"] == guard.REMOVE:
        form = guard.reviewed_or_error(ComposerForm, request)
    elif form.is_valid():
        data = form.cleaned_data
        try:
            message = actions.post_live_message(
                author=_member(request),
                session=session,
                body=data["body"],
                client_id=data["client_id"],
                confirm_personal_data=data["personal_data"] == guard.POST_ANYWAY,
            )
        except PersonalDataFound as error:
            found = guard.context_of(error)
        except actions.LiveError as error:
            form.add_error("body", str(error.message))
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            form, crisis = ComposerForm(), message.needs_crisis_help
    context = _room_context(request, session, form, crisis)
    context["guard"] = found
    return render(request, "live/room.html", context, status=400 if form.errors else 200)


def _visible(
    request: HttpRequest, session: LiveSession, messages: list[Any], choices: ReaderChoices
) -> list[Any]:
    """The messages this reader may see, each with `.view` (conversations.visibility) and
    `.folded` (a muted word or topic: shown behind a note that opens)."""
    user = request.user
    me = user.pk if user.is_authenticated else None
    moderator = is_moderator(user, session.group)
    shown = []
    for message in messages:
        message.view = view = view_of(message, viewer_id=me, moderator=moderator)
        if view.seen != Seen.NOTHING:
            message.note = author_note(message) if view.mine else ""
            message.notice = removed_notice(message) if message.state == "removed" else ""
            message.folded = folds_live_message(message, view, choices)
            shown.append(message)
    return shown


@require_GET
def messages_fragment(request: HttpRequest, session_id: int) -> HttpResponse:
    """Messages newer than ?after=seq, and the poller that asks again: the no-WebSocket path."""
    session = queries.access_session(request.user, session_id)
    after = queries.parse_seq(request.GET.get("after"))
    if after is None:
        return HttpResponseBadRequest(
            pgettext("live error", "“after” must be a whole number of zero or more.")
        )
    newer = queries.messages_after(session.pk, after)
    context = {**_controls_context(request, session)}
    context["live_messages"] = _visible(request, session, newer, ReaderChoices.of(request.user))
    context["last_seq"] = newer[-1].seq if newer else after
    return render(request, "live/room.html#newer", context)


@require_POST
@login_required
def control(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.access_session(request.user, session_id)
    if not queries.can_facilitate(request.user, session.group, session):
        raise PermissionDenied
    action = request.POST.get("action", "")
    try:
        _control(request, session, action)
    except (ValidationError, actions.LiveError) as error:
        text = (
            str(error.message) if isinstance(error, actions.LiveError) else " ".join(error.messages)
        )
        messages.error(request, text)
        return redirect("live:room", session.pk)
    messages.success(request, pgettext("live controls", "Done."))
    return redirect("live:room", session.pk)


def _control(request: HttpRequest, session: LiveSession, action: str) -> None:
    by = _member(request)
    if action in ("open", "close"):
        (actions.open_room if action == "open" else actions.close_room)(by=by, session=session)
        return
    if action == "slow_mode":
        form = SlowModeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(
                pgettext("live error", "Please choose one of the slow mode options.")
            )
        actions.set_slow_mode(by=by, session=session, seconds=form.cleaned_data["seconds"])
        return
    message = queries.access_message(session, request.POST.get("message"))
    if action in ("pin", "unpin"):
        (actions.pin_message if action == "pin" else actions.unpin_message)(by=by, message=message)
    elif action in ("mute", "unmute"):
        change = actions.mute_member if action == "mute" else actions.unmute_member
        change(by=by, session=session, user=message.author)
    else:
        raise ValidationError(pgettext("live error", "Unknown action."))


def _room_context(
    request: HttpRequest, session: LiveSession, form: ComposerForm, crisis: bool
) -> dict[str, Any]:
    before = queries.parse_seq(request.GET.get("before"))
    history = (
        queries.messages_before(session, before) if before else queries.recent_messages(session)
    )
    user = request.user
    choices = ReaderChoices.of(user)
    context = _controls_context(request, session)
    context.update(
        session=session,
        live_messages=_visible(request, session, history, choices),
        reader_folds=bool(choices),
        earlier=history[0].seq if history and history[0].seq > 1 else None,
        live=before is None,
        last_seq=history[-1].seq if history and before is None else session.last_seq,
        present=presence.count_for_page(session.pk),
        form=form,
        crisis=crisis,
        can_send=user.is_authenticated and queries.may_send(user, session),
        muted=user.is_authenticated and queries.is_muted(user, session),
        slow_mode_form=SlowModeForm(initial={"seconds": session.slow_mode_seconds}),
        slow_mode_label=_slow_mode_label(session.slow_mode_seconds),
        slow_mode_labels={str(value): str(label) for value, label in SlowMode.choices},
    )
    if context["can_send"]:  # the card opens without a reload when a sent message shows crisis
        context.update(crisis_card_for(user))
    return context


def _slow_mode_label(seconds: int) -> str:
    return str(SlowMode(seconds).label) if seconds in SlowMode.values else str(seconds)


def _controls_context(request: HttpRequest, session: LiveSession) -> dict[str, Any]:
    facilitator = queries.can_facilitate(request.user, session.group, session)
    muted_ids = queries.muted_user_ids(session) if facilitator else set()
    return {"session": session, "facilitator": facilitator, "muted_ids": muted_ids}


def _member(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # the views above require a signed-in user here
        raise PermissionDenied
    return user


def _add_errors(form: ScheduleForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
