"""Full-text search over resources and threads, in the database's own engine.

Entries hold normalised stems (text.index_terms); SQLite matches them with FTS5 and ranks by
bm25, PostgreSQL with a GIN-indexed tsvector and ts_rank (migration 0002). Both rank titles
above bodies and multiply by the entry's boost (reviewed, found helpful). A query is an AND of
its words (each word: any of its stem variants); when that finds nothing, an OR.

Threads and replies are searched only for a signed-in member, only in groups they may read
(public groups and their own), and only while the thread's opening post (and the reply) is
published and not hidden: checked at query time, so a moderator's decision applies at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString

from halqa.conversations.models import Post, Thread
from halqa.conversations.visibility import Seen, view_of
from halqa.groups.enums import Visibility
from halqa.groups.models import Group, Membership
from halqa.moderation.enums import ContentState
from halqa.resources import text as terms
from halqa.resources.enums import Kind, Language, Source, Topic
from halqa.resources.highlight import highlight, snippet
from halqa.resources.models import Resource, SearchEntry

PER_PAGE = 10
MAX_PAGE = 50
CANDIDATES = 1000  # the best-ranked matches considered before filters and boosts


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    topic: str = ""
    language: str = ""
    source: str = ""  # "", "resource" or "thread" (threads and their replies)

    def cleaned(self) -> Filters:
        """Unknown values are ignored, never an error."""
        return Filters(
            kind=self.kind if self.kind in Kind.values else "",
            topic=self.topic if self.topic in Topic.values else "",
            language=self.language if self.language in Language.values else "",
            source=self.source if self.source in (Source.RESOURCE, Source.THREAD) else "",
        )


@dataclass
class Hit:
    source: str
    title: SafeString
    snippet: SafeString
    resource: Resource | None = None
    thread: Thread | None = None
    post: Post | None = None  # reply hits: the reply (its thread is `thread`)


@dataclass
class Results:
    query: str
    hits: list[Hit]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search(
    query: str, *, user: Any = None, filters: Filters | None = None, page: Any = 1
) -> Results:
    """One page of ranked hits for `query`; empty for a query with no searchable word."""
    filters = (filters or Filters()).cleaned()
    number = _page_number(page)
    groups = terms.query_groups(query)
    if not groups:
        return Results(query, [], 1, False)
    offset = (number - 1) * PER_PAGE
    ids = _ranked_ids(groups, "AND", user, filters, offset)
    if not ids and number == 1 and len(groups) > 1:
        ids = _ranked_ids(groups, "OR", user, filters, offset)
    hits = _hits(ids[:PER_PAGE], {s for g in groups for s in g})
    return Results(query, hits, number, len(ids) > PER_PAGE)


def ranked_resource_ids(
    groups: list[tuple[str, ...]], *, language: str, operator: str = "OR", limit: int = 20
) -> list[int]:
    """Published resource ids in `language` matching `groups`, best first (for suggestions)."""
    filters = Filters(language=language, source=Source.RESOURCE)
    return _in_order(_ranked_ids(groups, operator, None, filters, 0, limit=limit))


def _in_order(entry_ids: list[int]) -> list[int]:
    by_entry = dict(SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "resource_id"))
    return [by_entry[i] for i in entry_ids if by_entry.get(i)]


def _page_number(page: Any) -> int:
    try:
        return max(1, min(int(page), MAX_PAGE))
    except (TypeError, ValueError):
        return 1


def _ranked_ids(
    groups: list[tuple[str, ...]],
    operator: str,
    user: Any,
    filters: Filters,
    offset: int,
    *,
    limit: int = PER_PAGE + 1,
) -> list[int]:
    where, params = _filters_sql(user, filters)
    if connection.vendor == "sqlite":
        match = f" {operator} ".join("(" + " OR ".join(f'"{s}"' for s in g) + ")" for g in groups)
        # FTS5's own rank is bm25 with titles weighted 3 to 1 (migration 0003).
        best = "SELECT rowid AS id, rank FROM resources_fts WHERE resources_fts MATCH %s"
    elif connection.vendor == "postgresql":
        joiner = " & " if operator == "AND" else " | "
        match = joiner.join("(" + " | ".join(g) + ")" for g in groups)
        best = (
            "SELECT id, -ts_rank(document, q) AS rank FROM resources_searchentry,"
            " to_tsquery('simple', %s) q WHERE document @@ q"
        )
    else:  # pragma: no cover - settings allow only these two
        raise NotImplementedError(connection.vendor)
    # The engine ranks its matches first; only the best CANDIDATES are joined, filtered and
    # boosted. When too few remain, the query runs again over every match.
    sql = (
        f"SELECT e.id FROM ({best} ORDER BY rank LIMIT %s) top"  # noqa: S608 - values are parameters
        " JOIN resources_searchentry e ON e.id = top.id WHERE 1 = 1"
        f"{where} ORDER BY top.rank * e.boost, e.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, CANDIDATES, *params, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) < limit:
            everything = None if connection.vendor == "postgresql" else -1
            cursor.execute(sql, [match, everything, *params, limit, offset])
            ids = [row[0] for row in cursor.fetchall()]
    return ids


def _filters_sql(user: Any, filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = [], []
    threads_allowed = (
        getattr(user, "is_authenticated", False)
        and filters.source != Source.RESOURCE
        and not filters.kind
        and not filters.topic
    )
    if threads_allowed and filters.source != Source.THREAD:
        thread_sql, thread_params = _readable_threads_sql(user)
        clauses.append(f"(e.source = %s OR ({thread_sql}))")
        params += [Source.RESOURCE.value, *thread_params]
    elif threads_allowed:
        thread_sql, thread_params = _readable_threads_sql(user)
        clauses.append(thread_sql)
        params += thread_params
    else:
        clauses.append("e.source = %s")
        params.append(Source.RESOURCE.value)
    if filters.kind:
        clauses.append("e.kind = %s")
        params.append(filters.kind)
    if filters.topic:
        clauses.append("e.topics LIKE %s")
        params.append(f"% {filters.topic} %")
    if filters.language:
        clauses.append("e.language = %s")
        params.append(filters.language)
    return "".join(f" AND {c}" for c in clauses), params


def _readable_threads_sql(user: Any) -> tuple[str, list[Any]]:
    """Threads and replies of public groups and of the member's own groups: a thread while its
    opening post is shown to all, a reply while it and its thread's opening post are."""
    groups, memberships, posts = (
        Group._meta.db_table,
        Membership._meta.db_table,
        Post._meta.db_table,
    )
    shown = "{0}.state = %s AND NOT {0}.method_hidden"
    sql = (
        "e.source IN (%s, %s) AND e.group_id IN ("  # noqa: S608 - table names from _meta, values parameters
        f"SELECT g.id FROM {groups} g WHERE g.visibility = %s"
        f" UNION SELECT m.group_id FROM {memberships} m WHERE m.user_id = %s)"
        f" AND (EXISTS (SELECT 1 FROM {posts} p WHERE p.thread_id = e.thread_id"
        f" AND p.is_opening AND {shown.format('p')})"
        f" OR EXISTS (SELECT 1 FROM {posts} r JOIN {posts} o"
        " ON o.thread_id = r.thread_id AND o.is_opening"
        f" WHERE r.id = e.post_id AND r.deleted_at IS NULL AND {shown.format('r')}"
        f" AND {shown.format('o')}))"
    )
    published = ContentState.PUBLISHED.value
    params = [
        Source.THREAD.value,
        Source.REPLY.value,
        Visibility.PUBLIC.value,
        user.pk,
        published,
        published,
        published,
    ]
    return sql, params


def _hits(entry_ids: list[int], stems: set[str]) -> list[Hit]:
    entries = SearchEntry.objects.select_related(
        "resource", "thread__group", "post__thread__group"
    ).in_bulk(entry_ids)
    thread_ids = [e.thread_id for e in entries.values() if e.thread_id]
    openings = {
        p.thread_id: p for p in Post.objects.filter(thread_id__in=thread_ids, is_opening=True)
    }
    hits = []
    for entry_id in entry_ids:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        if entry.resource is not None:
            hits.append(_resource_hit(entry.resource, stems))
        elif entry.thread is not None:
            hits.append(_thread_hit(entry.thread, openings.get(entry.thread.pk), stems))
        elif entry.post is not None:
            hits.append(_reply_hit(entry.post, stems))
    return hits


def _resource_hit(resource: Resource, stems: set[str]) -> Hit:
    text = resource_text(resource)
    return Hit(
        source=Source.RESOURCE,
        title=highlight(resource.title, stems),
        snippet=snippet(f"{resource.summary}\n{text}", stems),
        resource=resource,
    )


def _quotable(post: Post | None) -> bool:
    # A post behind a content warning, or screened as ideation or plan (even when the policy
    # was not confident enough to page anyone), is not quoted in results.
    return (
        post is not None
        and not post.warning
        and post.screening.get("crisis") not in ("ideation", "plan")
    )


def _thread_hit(thread: Thread, opening: Post | None, stems: set[str]) -> Hit:
    body = shown_body(opening) if _quotable(opening) and opening is not None else ""
    return Hit(
        source=Source.THREAD,
        title=highlight(thread.title, stems),
        snippet=snippet(body, stems) if body else SafeString(""),
        thread=thread,
    )


def _reply_hit(post: Post, stems: set[str]) -> Hit:
    """A reply: its thread's title, and the reply quoted (unless it may not be)."""
    body = shown_body(post) if _quotable(post) else ""
    return Hit(
        source=Source.REPLY,
        title=highlight(post.thread.title, stems),
        snippet=snippet(body, stems) if body else SafeString(""),
        thread=post.thread,
        post=post,
    )


def resource_text(resource: Resource) -> str:
    """A resource's searchable text beyond its title and summary."""
    from halqa.resources.highlight import plain

    return "\n".join([plain(resource.body), *[str(step) for step in resource.steps]])


def shown_body(post: Post) -> str:
    """The post as other members see it (conversations.visibility), masked personal data
    masked; "" when deleted, or when others see only a notice, a placeholder or nothing."""
    if post.is_deleted:
        return ""
    view = view_of(post, viewer_id=None, moderator=False)
    return view.body if view.seen in (Seen.FULL, Seen.MASKED) else ""
