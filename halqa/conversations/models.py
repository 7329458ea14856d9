"""Topic threads in a group: an opening post holds the thread's body, replies are posts too."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.conversations.enums import ContentWarning, ReactionKind
from halqa.groups.models import Group
from halqa.moderation.enums import ContentState
from halqa.trust.policy import confident_crisis

WARNING_LENGTH = 80


class Thread(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    # A deleted account takes its threads and posts with it (accounts: deletion is complete).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(pgettext_lazy("field", "title"), max_length=140)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # Kept by conversations.actions; saves counting posts for every row of a thread list.
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-last_activity_at", "-id")
        indexes = [
            models.Index(fields=("group", "-last_activity_at"), name="thread_group_activity")
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    body = models.TextField(pgettext_lazy("field", "message"), max_length=10_000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_opening = models.BooleanField(default=False)
    # What the screening found (publish.Verdict.record): for moderators, never shown to members.
    screening = models.JSONField(default=dict, blank=True)
    quote_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Names typed after "@" that were members of the group when the post was written.
    mentions = models.JSONField(default=list, blank=True)
    warning = models.CharField(max_length=12, choices=ContentWarning.choices, blank=True)
    warning_text = models.CharField(max_length=WARNING_LENGTH, blank=True)
    # Deleted by its author: the body is cleared, the place in the thread kept.
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Sent with the form (or by an API client): the same token twice stores one post.
    client_token = models.CharField(max_length=64, blank=True)
    # Moderation (halqa.moderation): HELD and HIDDEN are seen by the author and moderators only;
    # REMOVED shows others a notice naming `removed_rule`. `masked_spans` ([start, end] pairs of
    # personal data the author posted anyway) are masked for everyone but the author;
    # `method_hidden` hides a plan/method message from other members until a moderator reviews it.
    state = models.CharField(
        max_length=10, choices=ContentState.choices, default=ContentState.PUBLISHED
    )
    removed_rule = models.CharField(max_length=300, blank=True)
    masked_spans = models.JSONField(default=list, blank=True)
    method_hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("thread",), condition=models.Q(is_opening=True), name="one_opening_post"
            ),
            models.UniqueConstraint(
                fields=("author", "client_token"),
                condition=~models.Q(client_token=""),
                name="one_post_per_client_token",
            ),
        ]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def needs_crisis_help(self) -> bool:
        """A confident ideation or plan (trust.policy): its author is shown crisis help."""
        return bool(confident_crisis(self.screening))

    @property
    def warning_label(self) -> str:
        """The content warning readers see, or "" when there is none."""
        if self.warning == ContentWarning.OTHER:
            return self.warning_text
        return str(ContentWarning(self.warning).label) if self.warning else ""


class PostRevision(models.Model):
    """An earlier version of an edited post, kept for moderators (members never see it)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    screening = models.JSONField(default=dict, blank=True)
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("post", "edited_at", "id")

    def __str__(self) -> str:
        return f"revision {self.pk} of post {self.post_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: posts with a greater id are unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_post_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "thread"), name="one_read_marker"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to {self.last_read_post_id}"


class MutedWord(models.Model):
    """A word a member does not want to see: messages with it are collapsed for them only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_words"
    )
    word = models.CharField(pgettext_lazy("field", "word"), max_length=40)
    folded = models.CharField(max_length=80)  # screening.normalise.fold(word): what is matched

    class Meta:
        ordering = ("word", "id")
        constraints = [
            models.UniqueConstraint(fields=("user", "folded"), name="unique_muted_word"),
        ]

    def __str__(self) -> str:
        return self.word


class MutedTopic(models.Model):
    """A content-warning topic a member does not want to see (enums.MUTABLE_TOPICS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_topics"
    )
    topic = models.CharField(max_length=12, choices=ContentWarning.choices)

    class Meta:
        ordering = ("topic", "id")
        constraints = [
            models.UniqueConstraint(fields=("user", "topic"), name="unique_muted_topic"),
        ]

    def __str__(self) -> str:
        return self.topic


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    # Who reacted stays private unless the reactor chose to show their name.
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("post", "user", "kind"), name="one_reaction_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class ReactionNotice(models.Model):
    """The author was told about this reactor's reaction to this post on this day (at most once)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    reactor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("post", "reactor", "day"), name="one_notice_a_day"),
        ]

    def __str__(self) -> str:
        return f"notice {self.post_id}/{self.reactor_id}/{self.day}"
