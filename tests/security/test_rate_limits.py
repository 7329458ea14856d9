"""Rate limits: sign-up, login, posting and flags are refused past their limit, with the
member's language in the refusal (Arabic by default), and nothing stored past the limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings

from halqa.accounts.models import User
from tests.api.conftest import ARABIC, JsonClient
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SAME_ADDRESS = {"REMOTE_ADDR": "203.0.113.7"}


def _arabic_client() -> Client:
    client = Client(**SAME_ADDRESS)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return client


def _signup_form(number: int) -> dict[str, str]:
    return {
        "pseudonym": f"quiet_stream_{number}",
        "password": PASSWORD,
        "password2": PASSWORD,
        "confirm_min_age": "on",
        "language": "ar",
        "country": "",
    }


def test_login_page_refuses_after_repeated_failures_in_arabic(make_member: Any) -> None:
    make_member(pseudonym="olive_branch")
    client = _arabic_client()
    statuses = [
        client.post("/accounts/login/", {"pseudonym": "olive_branch", "password": "wrong"})
        for _ in range(settings.LOGIN_ATTEMPTS + 1)
    ]
    refused = statuses[-1]
    assert [r.status_code for r in statuses[:-1]] == [200] * settings.LOGIN_ATTEMPTS
    assert refused.status_code == 429
    assert ARABIC.search(refused.content.decode().split("<main", 1)[1])
    # Even the right password waits now: the limit is not a hint.
    right = client.post("/accounts/login/", {"pseudonym": "olive_branch", "password": PASSWORD})
    assert right.status_code == 429


def test_login_api_refuses_with_429_and_retry_after(make_member: Any) -> None:
    make_member(pseudonym="olive_branch")
    client = JsonClient()
    body = {"pseudonym": "olive_branch", "password": "wrong"}
    for _ in range(settings.LOGIN_ATTEMPTS):
        assert client.post("/api/accounts/login", body, lang="ar").status_code == 401
    refused = client.post("/api/accounts/login", body, lang="ar")
    assert refused.status_code == 429
    assert ARABIC.search(refused.json()["message"])


def test_signup_page_is_rate_limited_per_address() -> None:
    from halqa.accounts.throttle import SIGNUPS_PER_HOUR

    client = _arabic_client()
    for number in range(SIGNUPS_PER_HOUR):
        response = client.post("/accounts/signup/", _signup_form(number))
        assert response.status_code == 302, response.content[-500:]
        client.post("/accounts/logout/")
    refused = client.post("/accounts/signup/", _signup_form(999))
    assert refused.status_code == 429
    assert ARABIC.search(refused.content.decode().split("<main", 1)[1])
    assert not User.objects.filter(pseudonym="quiet_stream_999").exists()
    # Another address is not held back by this one.
    other = Client(REMOTE_ADDR="198.51.100.1").post("/accounts/signup/", _signup_form(1000))
    assert other.status_code == 302


def test_signup_page_and_api_share_one_counter() -> None:
    from halqa.accounts.throttle import SIGNUPS_PER_HOUR

    client = _arabic_client()
    for number in range(SIGNUPS_PER_HOUR):
        assert client.post("/accounts/signup/", _signup_form(number)).status_code == 302
        client.post("/accounts/logout/")
    api = JsonClient()
    api.client.defaults.update(SAME_ADDRESS)
    body = {"pseudonym": "late_comer", "password": PASSWORD, "confirm_min_age": True}
    refused = api.post("/api/accounts/signup", body, lang="ar")
    assert refused.status_code == 429
    assert ARABIC.search(refused.json()["message"])


@override_settings(TRUST_RATE_LIMITS=True)
def test_posting_is_rate_limited_with_the_text_kept(
    make_member: Callable[..., User], make_group: Callable[..., Any]
) -> None:
    from halqa.conversations.actions import start_thread
    from halqa.conversations.models import Post

    author = make_member(pseudonym="fast_typer", language="ar")
    group = make_group(members=(author,))
    thread = start_thread(author=author, group=group, title="Today", body="A long day.")
    client = Client()
    client.force_login(author)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = f"/groups/{group.slug}/threads/{thread.pk}/reply/"
    for number in range(60):
        body = f"Thank you all, message number {number}."
        response = client.post(url, {"body": body, "token": f"t{number}"})
        if response.status_code != 302:
            break
    else:
        pytest.fail("sixty replies in a minute were all accepted")
    assert response.status_code in (400, 429)
    html = response.content.decode()
    assert ARABIC.search(html.split("<main", 1)[1])
    assert body in html  # the member's words are still in the form
    assert not Post.objects.filter(body=body).exists()


def test_flags_are_rate_limited_on_page_and_api(
    make_member: Callable[..., User], make_group: Callable[..., Any]
) -> None:
    from halqa.accounts.tokens import issue_token
    from halqa.conversations.actions import start_thread

    reporter = make_member(pseudonym="watchful")
    author = make_member(pseudonym="loud_one")
    group = make_group(members=(reporter, author))
    posts = [
        start_thread(author=author, group=group, title=f"T{n}", body=f"Post {n}")
        .posts.get(is_opening=True)
        .pk
        for n in range(settings.FLAGS_PER_HOUR + 2)
    ]
    token = issue_token(user=reporter, name="phone")
    api = JsonClient()
    for post in posts[: settings.FLAGS_PER_HOUR]:
        sent = api.post("/api/moderation/flags", {"reason": "spam", "post": post}, token=token)
        assert sent.status_code == 201, sent.content
    refused = api.post(
        "/api/moderation/flags", {"reason": "spam", "post": posts[-2]}, token=token, lang="ar"
    )
    assert refused.status_code == 429
    assert ARABIC.search(refused.json()["message"])
    client = _arabic_client()
    client.force_login(reporter)
    page = client.post("/moderation/flag/", {"reason": "spam", "post": posts[-1]})
    assert page.status_code == 429
    assert ARABIC.search(page.content.decode())
