"""Keep the search index in step with resources and threads (called by actions, after commit)."""

from __future__ import annotations

from halqa.conversations.models import Post, Thread
from halqa.groups.enums import GroupLanguage
from halqa.resources import text as terms
from halqa.resources.enums import Source, State
from halqa.resources.models import Resource, SearchEntry
from halqa.resources.search import resource_text, shown_body
from halqa.resources.suggest import store_for_thread

REVIEWED_BOOST = 1.15


def index_resource(resource: Resource) -> None:
    """Published resources are searchable; any other state takes the entry out."""
    if resource.state != State.PUBLISHED:
        SearchEntry.objects.filter(resource=resource).delete()
        return
    body = f"{resource.summary}\n{resource_text(resource)}"
    SearchEntry.objects.update_or_create(
        resource=resource,
        defaults={
            "source": Source.RESOURCE,
            "language": resource.language,
            "kind": resource.kind,
            "topics": " " + " ".join(resource.topics) + " ",
            "boost": resource_boost(resource),
            "title_terms": terms.index_terms(resource.title),
            "body_terms": terms.index_terms(body),
        },
    )


def resource_boost(resource: Resource) -> float:
    """Reviewed items rank a little higher; members' helpfulness moves it by up to ±10%."""
    reviewed = REVIEWED_BOOST if resource.is_reviewed else 1.0
    return reviewed * (0.9 + 0.2 * resource.helpfulness)


def index_thread(thread: Thread) -> str:
    """A thread is found by its title and its opening post as other members see it (returned)."""
    opening = Post.objects.filter(thread=thread, is_opening=True).first()
    body = shown_body(opening) if opening is not None else ""
    SearchEntry.objects.update_or_create(
        thread=thread,
        defaults={
            "source": Source.THREAD,
            "group_id": thread.group_id,
            "language": thread_language(thread, opening),
            "title_terms": terms.index_terms(thread.title),
            "body_terms": terms.index_terms(body),
        },
    )
    return body


def index_reply(post: Post) -> None:
    """A reply is found by its text as other members see it: none while it is held, hidden,
    removed, deleted or behind a review of method details (moderation re-indexes it)."""
    body = shown_body(post)
    if not body:
        SearchEntry.objects.filter(post=post).delete()
        return
    SearchEntry.objects.update_or_create(
        post=post,
        defaults={
            "source": Source.REPLY,
            "group_id": post.thread.group_id,
            "language": thread_language(post.thread, post),
            "title_terms": "",
            "body_terms": terms.index_terms(body),
        },
    )


def refresh_thread(thread: Thread) -> None:
    """Index the thread and choose its suggestions again, from one read of its opening post."""
    body = index_thread(thread)
    store_for_thread(thread, f"{thread.title}\n{body}")


def thread_language(thread: Thread, opening: Post | None) -> str:
    """The group's language, or for a bilingual group what screening found in the text."""
    language = str(getattr(thread.group, "language", ""))
    if language in (GroupLanguage.ARABIC, GroupLanguage.ENGLISH):
        return language
    found = str((opening.screening if opening else {}).get("language", ""))
    return found if found in ("ar", "en") else ""


def rebuild() -> int:
    """Index every published resource, thread and reply again (after an import); returns the
    number of documents looked at."""
    count = 0
    for resource in Resource.objects.filter(state=State.PUBLISHED).iterator():
        index_resource(resource)
        count += 1
    for thread in Thread.objects.select_related("group").iterator():
        index_thread(thread)
        count += 1
    replies = Post.objects.filter(is_opening=False).select_related("thread__group")
    for post in replies.iterator():
        index_reply(post)
        count += 1
    return count
