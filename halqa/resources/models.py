"""The library: resources, members' saved items and private ratings, search entries, the
suggestions stored for each thread."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.conversations.models import Post, Thread
from halqa.groups.models import Group
from halqa.resources.enums import Kind, Language, Source, State
from halqa.resources.media import video_name

TITLE_LENGTH = 160
SUMMARY_LENGTH = 400


class Resource(models.Model):
    kind = models.CharField(pgettext_lazy("field", "kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(
        pgettext_lazy("field", "language"), max_length=2, choices=Language.choices
    )
    title = models.CharField(pgettext_lazy("field", "title"), max_length=TITLE_LENGTH)
    summary = models.CharField(pgettext_lazy("field", "summary"), max_length=SUMMARY_LENGTH)
    # Markdown (conversations.markdown.render): an article's text, a video's description.
    body = models.TextField(pgettext_lazy("field", "text"), blank=True, max_length=40_000)
    # Links and videos: the external address, opened only through the leaving notice.
    url = models.URLField(pgettext_lazy("field", "address"), blank=True, max_length=500)
    # Videos: or a file the operator uploaded (mp4/webm), played from Halqa's own host.
    video = models.FileField(
        pgettext_lazy("field", "video file"), upload_to=video_name, blank=True, max_length=100
    )
    minutes = models.PositiveSmallIntegerField(pgettext_lazy("field", "minutes"), default=5)
    # Exercises: one plain-text step each, shown one at a time.
    steps = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)  # enums.Topic values
    translation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The library outlives an author's account: their items stay, without their name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Where the content was checked (e.g. "WHO, Doing What Matters in Times of Stress, 2020").
    source_note = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    # Kept by actions.rate: a smoothed mean of members' private ratings, 0..1 (0.5 = no signal).
    helpfulness = models.FloatField(default=0.5)

    class Meta:
        ordering = ("-published_at", "-id")
        indexes = [models.Index(fields=("state", "language", "kind"), name="resource_listing")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_external(self) -> bool:
        return bool(self.url) and self.kind in (Kind.LINK, Kind.VIDEO)

    @property
    def has_video_file(self) -> bool:
        return self.kind == Kind.VIDEO and bool(self.video)

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_by_id is not None

    def topic_labels(self) -> list[str]:
        from halqa.resources.enums import Topic

        return [str(Topic(t).label) for t in self.topics if t in Topic.values]


class SavedResource(models.Model):
    """A member's "my resources"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_resources"
    )
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-saved_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("user", "resource"), name="save_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} saved {self.resource_id}"


class Rating(models.Model):
    """How helpful a member found a resource (1-5): private, only its smoothed mean is used."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_ratings"
    )
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "resource"), name="rate_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} rated {self.resource_id}"


class SearchEntry(models.Model):
    """One searchable document: a published resource, a thread (title and opening post), or a
    reply (its text as other members see it; `post`, with the thread's group).

    `title_terms`/`body_terms` hold normalised stems (search.terms); the database's own
    full-text index is built over them (FTS5 table or tsvector column, see migration 0002).
    """

    source = models.CharField(max_length=8, choices=Source.choices)
    resource = models.OneToOneField(
        Resource, null=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    thread = models.OneToOneField(Thread, null=True, on_delete=models.CASCADE, related_name="+")
    # A plain key with a partial unique index: on SQLite a unique column would rebuild the
    # table, and with it lose the FTS5 triggers (migration 0002).
    post = models.ForeignKey(Post, null=True, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, null=True, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=10, blank=True)
    topics = models.CharField(max_length=300, blank=True)  # " anxiety sleep " for filtering
    boost = models.FloatField(default=1.0)  # reviewed and found helpful: ranked a little higher
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("post",), condition=models.Q(post__isnull=False), name="one_entry_per_reply"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.resource_id or self.thread_id or self.post_id}"


class Suggestion(models.Model):
    """Resources chosen for a thread when it was published, one list per reader language."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=2, choices=Language.choices)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("thread", "language", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("thread", "language", "position"), name="one_suggestion_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"suggestion {self.resource_id} for {self.thread_id}"
