"""The demo data: idempotent, safe, and printable."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from halqa.accounts.models import User
from halqa.conversations.models import Post, Thread
from halqa.core.demo import DEMO_PASSWORD, GROUPS, MEMBERS, seed_demo
from halqa.groups.models import Group, GroupRule, Membership
from halqa.live.models import LiveMessage, LiveSession

MODELS = (User, Group, GroupRule, Membership, Thread, Post, LiveSession, LiveMessage)
CRISIS_WORDS = ("انتحار", "suicide", "kill myself", "أقتل نفسي", "self-harm", "أموت", "overdose")


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_creates_nothing_new(db):
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first
    assert first["Group"] == len(GROUPS)
    # The members of core.demo, plus the fictional verified expert of experts.demo.
    assert first["User"] == len(MEMBERS) + 1
    # Two sessions of core.demo, plus the expert's office hours (experts.demo).
    assert first["LiveSession"] == 3
    assert first["LiveMessage"] == 3


def test_seed_demo_live_messages_are_in_order_by_members(db):
    seed_demo()
    for session in LiveSession.objects.all():
        seqs = list(session.messages.order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, session.last_seq + 1))
        for message in session.messages.all():
            assert Membership.objects.filter(group=session.group, user=message.author).exists()


def test_seed_demo_keeps_reply_counts_true(db):
    seed_demo()
    seed_demo()
    for thread in Thread.objects.all():
        assert thread.reply_count == thread.posts.filter(is_opening=False).count()
        assert thread.last_activity_at >= thread.created_at


def test_seed_demo_authors_are_group_members(db):
    seed_demo()
    for post in Post.objects.select_related("thread"):
        assert Membership.objects.filter(group=post.thread.group_id, user=post.author_id).exists()


def test_seed_demo_logins_work_with_printed_password(db):
    summary = seed_demo()
    assert summary.password == DEMO_PASSWORD
    roles = {login.role for login in summary.logins}
    assert {"operator", "moderator", "facilitator", "member"} <= roles
    for login in summary.logins:
        user = User.objects.get(pseudonym=login.pseudonym)
        assert user.check_password(DEMO_PASSWORD)
        assert user.role == login.role


def test_seed_demo_texts_have_no_crisis_words(db):
    seed_demo()
    texts = [*Post.objects.values_list("body", flat=True)]
    texts += [*Thread.objects.values_list("title", flat=True)]
    texts += [*Group.objects.values_list("description", flat=True)]
    texts += [*GroupRule.objects.values_list("text", flat=True)]
    for text in texts:
        assert not any(word in text.casefold() for word in CRISIS_WORDS), text


def test_seed_demo_command_prints_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    assert "Lantern" in printed
    assert "two-factor" in printed


def test_demo_group_pages_render(db, client):
    seed_demo()
    for group in Group.objects.exclude(visibility="hidden"):
        assert client.get(f"/groups/{group.slug}/").status_code == 200
    for thread in Thread.objects.filter(group__visibility="public").select_related("group"):
        assert client.get(f"/groups/{thread.group.slug}/threads/{thread.pk}/").status_code == 200


def test_demo_logins_pass_the_sign_up_rules(db):
    from django.contrib.auth.password_validation import validate_password

    from halqa.accounts.pseudonyms import validate_pseudonym
    from halqa.core.demo import MEMBERS

    for pseudonym, _, _ in MEMBERS:
        assert validate_pseudonym(pseudonym) == pseudonym
    for user in seed_demo().logins:
        validate_password(DEMO_PASSWORD, User.objects.get(pseudonym=user.pseudonym))


def test_seed_demo_ordinary_posts_page_nobody_and_hide_nothing(db):
    """The demo's threads are ordinary peer support: the publish policy must not treat them as
    emergencies (no urgent crisis case, no crisis card, nothing hidden as method)."""
    from halqa.moderation.enums import URGENT, CaseKind
    from halqa.moderation.models import Case

    seed_demo()
    assert not Case.objects.filter(kind=CaseKind.CRISIS, urgency__gte=URGENT).exists()
    assert not Post.objects.filter(method_hidden=True).exists()
    assert not [post.pk for post in Post.objects.all() if post.needs_crisis_help]
