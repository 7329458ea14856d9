"""Ask an expert: the list, asking, a question with its answers, answering, marking helpful."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.conversations.markdown import render as markdown
from halqa.experts import actions, queries
from halqa.experts.enums import Topic
from halqa.experts.forms import QuestionForm, ReplyForm
from halqa.experts.models import Expert, Question
from halqa.experts.views import add_errors, member_of
from halqa.safety.queries import crisis_card_for

PER_PAGE = 20
CRISIS_FLAG = "halqa_experts_crisis_help"


def _two_factor_first(request: HttpRequest) -> HttpResponse:
    """A verified expert who has not entered their code in this session."""
    url = reverse("accounts:two_factor") + "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)


def _locked_expert(request: HttpRequest) -> bool:
    return (
        queries.expert_of(request.user) is not None and queries.acting_expert(request.user) is None
    )


@require_GET
@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    expert = queries.acting_expert(request.user)
    rows = queries.questions_visible_to(request.user, expert)
    topic = request.GET.get("topic", "")
    if topic in Topic.values:
        rows = rows.filter(topic=topic)
    waiting = request.GET.get("waiting") == "1"
    if waiting:
        rows = rows.filter(expert_answer_count=0)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {"page": page, "topic": topic, "topics": Topic.choices}
    context.update(expert=expert, locked_expert=_locked_expert(request), waiting=waiting)
    kept = {"topic": topic if topic in Topic.values else "", "waiting": "1" if waiting else ""}
    query = urlencode({key: value for key, value in kept.items() if value})
    context["query"] = f"{query}&" if query else ""
    return render(request, "experts/question_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    user = member_of(request)
    form = QuestionForm(request.POST or None, initial={"topic": request.GET.get("topic", "")})
    if request.method == "POST" and form.is_valid():
        try:
            question = actions.ask(asker=user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if question.needs_crisis_help:
                request.session[CRISIS_FLAG] = True
            return redirect("experts:question", question.pk)
    return render(request, "experts/ask.html", {"form": form}, status=400 if form.errors else 200)


def _question_context(
    request: HttpRequest, question: Question, expert: Expert | None
) -> dict[str, Any]:
    answers = queries.answers_for(question, request.user)
    for answer in answers:
        answer.html = markdown(answer.body)  # type: ignore[attr-defined]
    crisis = crisis_card_for(request.user) if request.session.pop(CRISIS_FLAG, False) else None
    return {
        "question": question,
        "body_html": markdown(question.body),
        "answers": answers,
        "expert": expert,
        "is_asker": question.asker_id == request.user.pk,
        "locked_expert": _locked_expert(request),
        "crisis": crisis,
        "form": ReplyForm(),
    }


def _access(request: HttpRequest, question_id: int) -> tuple[Question, Expert | None]:
    expert = queries.acting_expert(request.user)
    return queries.access_question(request.user, question_id, expert), expert


@require_GET
@login_required
def question(request: HttpRequest, question_id: int) -> HttpResponse:
    try:
        found, expert = _access(request, question_id)
    except Http404:
        if _locked_expert(request):
            return _two_factor_first(request)  # it may be a private question
        raise
    return render(request, "experts/question.html", _question_context(request, found, expert))


@require_POST
@login_required
def reply(request: HttpRequest, question_id: int) -> HttpResponse:
    if _locked_expert(request):
        return _two_factor_first(request)
    found, expert = _access(request, question_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            answer = actions.reply(
                author=member_of(request),
                question=found,
                body=form.cleaned_data["body"],
                expert=expert,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if answer.needs_crisis_help:
                request.session[CRISIS_FLAG] = True
            return HttpResponseRedirect(f"{actions.question_url(found)}#answer-{answer.pk}")
    context = _question_context(request, found, expert)
    context["form"] = form
    return render(request, "experts/question.html", context, status=400)


@require_POST
@login_required
def helpful(request: HttpRequest, question_id: int) -> HttpResponse:
    found, _ = _access(request, question_id)
    if found.asker_id != request.user.pk:
        raise Http404
    raw = request.POST.get("answer", "")
    answer = found.answers.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
    if raw and answer is None:
        raise Http404
    # The button is not shown for one's own follow-ups; a forged post changes nothing.
    with contextlib.suppress(ValidationError):
        actions.mark_helpful(user=member_of(request), question=found, answer=answer)
    anchor = f"#answer-{answer.pk}" if answer else ""
    return HttpResponseRedirect(actions.question_url(found) + anchor)
