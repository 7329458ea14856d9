"""Conversation pages: read-only until posting goes through screening (moderation)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from halqa.conversations.queries import access_thread, posts_in


@require_GET
def thread_page(request: HttpRequest, slug: str, thread_id: int) -> HttpResponse:
    thread = access_thread(request.user, slug, thread_id)
    posts = posts_in(thread, request.GET.get("page"))
    return render(request, "conversations/thread.html", {"thread": thread, "posts": posts})
