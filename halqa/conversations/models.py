"""Topic threads in a group: an opening post holds the thread's body, replies are posts too."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.groups.models import Group


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

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("thread",), condition=models.Q(is_opening=True), name="one_opening_post"
            ),
        ]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"
