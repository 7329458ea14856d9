"""Safety over JSON: the same actions and permission checks as the pages.

Members answer the crisis card, read and reply in their support threads, and manage their
safety contact. Moderators (whose tokens needed the two-factor code) write to a member from a
case and, when they are the on-duty moderator who claimed it, reveal the safety contact.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Status

from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.safety import contact, support
from halqa.safety.crisis import answer_card
from halqa.safety.forms import SafetyContactForm
from halqa.safety.hours import is_moderated_now
from halqa.safety.models import SupportMessage, SupportThread
from halqa.safety.schemas import (
    CardAnswerIn,
    CardAnswerOut,
    ContactIn,
    ContactOut,
    ContactViewOut,
    RevealIn,
    RevealOut,
    SupportMessageIn,
    SupportMessageOut,
    SupportThreadDetailOut,
    SupportThreadOut,
)
from halqa.safety.support_views import access_crisis_case

router = Router(tags=["safety"])
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 404, 413, 415, 422), ErrorOut)


def _thread_out(thread: SupportThread) -> dict[str, Any]:
    return {
        "id": thread.pk,
        "case": thread.case_id,
        "member": thread.member.pseudonym,
        "created_at": thread.created_at,
    }


def _message_out(message: SupportMessage) -> dict[str, Any]:
    author = message.author
    return {
        "id": message.pk,
        "from_member": message.from_member,
        "moderator": None if message.from_member or author is None else author.pseudonym,
        "body": message.body,
        "created_at": message.created_at,
    }


@router.post("/card-answer", response={200: CardAnswerOut, **ERRORS}, summary="Crisis card answer")
def card_answer(request: HttpRequest, data: CardAnswerIn) -> dict[str, Any]:
    """`talk` raises (or opens) the member's urgent case and its support thread; `safe` notes it."""
    case = answer_card(member=current_member(request), choice=data.choice)
    thread = SupportThread.objects.filter(case=case).first() if case else None
    return {
        "case": case.pk if case else None,
        "support_thread": thread.pk if thread else None,
        "moderated_now": is_moderated_now(),
    }


@router.get("/support-threads", response={200: list[SupportThreadOut], **ERRORS})
def list_support_threads(request: HttpRequest) -> list[dict[str, Any]]:
    """The member's own private conversations with moderators."""
    return [_thread_out(thread) for thread in support.threads_of(current_member(request))]


@router.get("/support-threads/{thread_id}", response={200: SupportThreadDetailOut, **ERRORS})
def read_support_thread(request: HttpRequest, thread_id: int) -> dict[str, Any]:
    """For its member and the moderators of its case; 404 for everyone else."""
    thread = support.access_support_thread(current_member(request), thread_id)
    messages = [_message_out(message) for message in support.messages_in(thread)]
    return _thread_out(thread) | {"messages": messages}


@router.post("/support-threads/{thread_id}/messages", response={201: SupportMessageOut, **ERRORS})
def write_support_message(
    request: HttpRequest, thread_id: int, data: SupportMessageIn
) -> Status[Any]:
    user = current_member(request)
    thread = support.access_support_thread(user, thread_id)
    message = support.send_support_message(author=user, thread=thread, body=data.body)
    return Status(201, _message_out(message))


@router.post("/cases/{case_id}/support-messages", response={201: SupportMessageOut, **ERRORS})
def write_from_case(request: HttpRequest, case_id: int, data: SupportMessageIn) -> Status[Any]:
    """A moderator of the case writes to the member (opening the thread on first use)."""
    user = current_member(request)
    case = access_crisis_case(user, case_id)
    thread = support.support_thread_for(case)
    message = support.send_support_message(author=user, thread=thread, body=data.body)
    return Status(201, _message_out(message))


@router.post("/cases/{case_id}/contact-reveal", response={200: RevealOut, **ERRORS})
def reveal_contact(request: HttpRequest, case_id: int, data: RevealIn) -> dict[str, Any]:
    """Only for the on-duty moderator who claimed this urgent case; logged with the reason."""
    user = current_member(request)
    case = access_crisis_case(user, case_id)
    try:
        shown = contact.reveal_safety_contact(viewer=user, case=case, reason=data.reason)
    except PermissionDenied:
        raise Http404 from None
    return {"contact": shown}


@router.get("/contact", response={200: ContactOut, **ERRORS}, summary="My safety contact")
def read_contact(request: HttpRequest) -> dict[str, Any]:
    stored = contact.contact_of(current_member(request))
    if stored is None:
        raise Http404
    return stored


@router.put("/contact", response={200: ContactOut, **ERRORS}, summary="Store my safety contact")
def store_contact(request: HttpRequest, data: ContactIn) -> dict[str, Any]:
    """Validated like the settings form (a phone number in digits)."""
    form = SafetyContactForm(data.dict())
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    member = current_member(request)
    contact.save_safety_contact(member=member, **form.cleaned_data)
    return contact.contact_of(member) or {}


@router.delete("/contact", response={204: None, **ERRORS}, summary="Delete my safety contact")
def delete_contact(request: HttpRequest) -> Status[Any]:
    contact.delete_safety_contact(member=current_member(request))
    return Status(204, None)


@router.get("/contact/views", response={200: list[ContactViewOut], **ERRORS})
def contact_views(request: HttpRequest) -> list[dict[str, Any]]:
    """Every time a moderator opened my safety contact: who, when, which case and why."""
    return [
        {
            "viewed_at": view.viewed_at,
            "moderator": view.viewer_pseudonym,
            "case": view.case_id,
            "reason": view.reason,
        }
        for view in contact.views_of(current_member(request))
    ]
