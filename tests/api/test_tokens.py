"""Per-device tokens: issued once, stored as a hash, revocable, refused for inactive members."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from halqa.accounts.models import DeviceToken
from halqa.accounts.tokens import (
    MAX_DEVICES,
    authenticate_token,
    issue_token,
    revoke_all_tokens,
    revoke_token,
    token_for,
    tokens_for,
)


def test_issue_token_stores_only_a_hash_and_a_prefix(member):
    raw = issue_token(user=member, name="phone")
    stored = DeviceToken.objects.get(user=member)
    assert raw.startswith("hq_")
    assert len(raw) > 40
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert stored.prefix == raw[:8]
    assert raw not in {stored.key_hash, stored.name, stored.prefix}


def test_issue_token_gives_a_new_token_each_time(member):
    assert issue_token(user=member, name="a") != issue_token(user=member, name="a")


def test_issue_token_cuts_long_names(member):
    issue_token(user=member, name="x" * 200)
    assert DeviceToken.objects.get(user=member).name == "x" * 60


def test_authenticate_token_finds_the_member(member):
    raw = issue_token(user=member, name="phone")
    assert authenticate_token(raw) == member


@pytest.mark.parametrize(
    "raw", ["", "hq_", "hq_nope", "not-a-token", "hq_" + "a" * 500, "Bearer hq_x"]
)
def test_authenticate_token_refuses_unknown_tokens(member, raw):
    issue_token(user=member, name="phone")
    assert authenticate_token(raw) is None


def test_authenticate_token_refuses_a_tampered_token(member):
    raw = issue_token(user=member, name="phone")
    assert authenticate_token(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None


def test_authenticate_token_refuses_inactive_members(member):
    raw = issue_token(user=member, name="phone")
    member.is_active = False
    member.save()
    assert authenticate_token(raw) is None


def test_token_for_records_last_use_at_most_hourly(member, django_assert_num_queries):
    raw = issue_token(user=member, name="phone")
    with django_assert_num_queries(2):  # the lookup and the first touch
        first = token_for(raw)
    assert first is not None
    assert first.last_used_at is not None
    with django_assert_num_queries(1):  # within the hour: no write
        token_for(raw)
    DeviceToken.objects.update(last_used_at=timezone.now() - timedelta(hours=2))
    with django_assert_num_queries(2):
        token_for(raw)


def test_revoke_token_removes_only_that_token(member):
    first = issue_token(user=member, name="phone")
    second = issue_token(user=member, name="laptop")
    token = token_for(first)
    assert token is not None
    assert revoke_token(user=member, token_id=token.pk)
    assert authenticate_token(first) is None
    assert authenticate_token(second) == member


def test_revoke_token_refuses_someone_elses_token(member, make_member):
    other = make_member()
    raw = issue_token(user=other, name="phone")
    token = token_for(raw)
    assert token is not None
    assert not revoke_token(user=member, token_id=token.pk)
    assert authenticate_token(raw) == other


def test_revoke_all_tokens_signs_every_device_out(member):
    raws = [issue_token(user=member, name=f"device {i}") for i in range(3)]
    revoke_all_tokens(user=member)
    assert all(authenticate_token(raw) is None for raw in raws)


def test_tokens_for_lists_newest_first(member, make_member):
    issue_token(user=member, name="old")
    issue_token(user=member, name="new")
    issue_token(user=make_member(), name="someone else's")
    assert [t.name for t in tokens_for(member)] == ["new", "old"]


def test_issue_token_keeps_at_most_max_devices_dropping_the_least_recently_used(member):
    used = issue_token(user=member, name="in use")
    for i in range(MAX_DEVICES + 5):
        issue_token(user=member, name=f"login {i}")
        DeviceToken.objects.filter(name="in use").update(last_used_at=None)
        token_for(used)  # a device in daily use: its last use stays recent
    assert DeviceToken.objects.filter(user=member).count() == MAX_DEVICES
    assert authenticate_token(used) == member
    names = set(DeviceToken.objects.values_list("name", flat=True))
    assert "login 0" not in names
    assert f"login {MAX_DEVICES + 4}" in names
