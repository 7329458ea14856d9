from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.console import actions, health, heartbeat, metrics
from halqa.console.models import RoleChange, StaffInvite
from tests.conftest import verified_staff_client as verified_client

PAGES = [
    "/console/",
    "/console/settings/",
    "/console/staff/",
    "/console/health/",
    "/console/metrics/",
]
SIGNUP = {
    "pseudonym": "Quiet_Harbor",
    "password": "a calm river at dawn 42",
    "password2": "a calm river at dawn 42",
    "language": "en",
    "country": "",
    "confirm_min_age": "on",
}


# ---- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["member", "facilitator", "moderator", "expert"])
def test_other_roles_are_refused(make_member, url, role):
    user = make_member(role=role)
    assert verified_client(user).get(url).status_code == 404


@pytest.mark.parametrize("url", PAGES)
def test_operator_without_two_factor_is_sent_to_set_it_up(make_member, url):
    client = Client()
    client.force_login(make_member(role="operator"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")


@pytest.mark.parametrize("url", PAGES)
def test_operator_sees_every_page(operator_client, url):
    assert operator_client.get(url).status_code == 200


def test_anonymous_is_sent_to_log_in(db):
    assert Client().get("/console/").status_code == 302


def test_home_links_every_task(operator_client):
    html = operator_client.get("/console/").content.decode()
    for link in (
        "/console/settings/",
        "/console/staff/",
        "/crisis/manage/",
        "/trust/policy/",
        "/experts/review/",
        "/resources/manage/",
        "/moderation/dashboard/",
        "/console/health/",
        "/console/metrics/",
    ):
        assert f'href="{link}"' in html


@pytest.mark.parametrize("role", ["member", "moderator", "expert"])
def test_api_token_of_non_operator_refused(make_member, role):
    token = issue_token(user=make_member(role=role), name="t")
    for url in ("/api/console/health", "/api/console/metrics"):
        response = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 403
        assert response.json()["code"]


def test_api_needs_a_token(db):
    assert Client().get("/api/console/health").status_code == 401


def test_api_health_for_operator(operator):
    token = issue_token(user=operator, name="monitor")
    body = Client().get("/api/console/health", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    names = {check["name"] for check in body["checks"]}
    assert {"database", "worker", "queue", "disk", "helplines"} <= names
    assert body["ok"] is False  # no worker heartbeat in a test


# ---- site settings ----------------------------------------------------------------------------


def test_site_name_applied_everywhere(operator_client):
    response = operator_client.post(
        "/console/settings/", {"site_name": "  Cedar   Circle ", "registration": ""}
    )
    assert response.status_code == 302
    for lang in ("ar", "en"):
        client = Client()
        client.cookies["halqa_language"] = lang
        html = client.get("/accounts/login/").content.decode()
        assert "Cedar Circle" in html


def test_empty_site_name_falls_back_to_environment(operator_client, settings):
    settings.SITE_NAME = "Env Name"
    operator_client.post("/console/settings/", {"site_name": "", "registration": ""})
    html = Client().get("/accounts/login/").content.decode()
    assert "Env Name" in html


def test_too_long_site_name_is_refused_and_kept(operator_client):
    response = operator_client.post(
        "/console/settings/", {"site_name": "x" * 61, "registration": ""}
    )
    assert response.status_code == 200
    assert "x" * 61 in response.content.decode() or response.context["form"].errors


def test_bad_registration_choice_is_an_error_not_a_500(operator_client):
    response = operator_client.post(
        "/console/settings/", {"site_name": "", "registration": "maybe"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["registration"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "New sign-ups are closed"), ("ar", "التسجيل الجديد مغلق")],
)
def test_closed_registration_refuses_sign_up(operator_client, lang, text):
    operator_client.post("/console/settings/", {"site_name": "", "registration": "closed"})
    client = Client()
    client.cookies["halqa_language"] = lang
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert "Quiet_Harbor" in response.content.decode()  # what they typed is kept
    assert not User.objects.filter(pseudonym="Quiet_Harbor").exists()


def test_open_registration_overrides_environment(operator_client, settings):
    settings.REGISTRATION_OPEN = False
    operator_client.post("/console/settings/", {"site_name": "", "registration": "open"})
    Client().post("/accounts/signup/", SIGNUP)
    assert User.objects.filter(pseudonym="Quiet_Harbor").exists()


def test_environment_closed_registration_still_applies_by_default(db, settings):
    settings.REGISTRATION_OPEN = False
    Client().post("/accounts/signup/", SIGNUP)
    assert not User.objects.filter(pseudonym="Quiet_Harbor").exists()


# ---- staff ------------------------------------------------------------------------------------


def test_staff_page_shows_who_lacks_two_factor(operator_client, make_member):
    make_member(pseudonym="no_code_mod", role="moderator")
    html = operator_client.get("/console/staff/").content.decode()
    section = html.split('id="missing-2fa"')[1].split("</section>")[0]
    assert "no_code_mod" in section
    assert "night_keeper" not in section


def test_invite_flow(operator_client, make_member):
    response = operator_client.post("/console/staff/invites/")
    link = response.context["new_link"]
    path = link.split("testserver")[1]
    invite = StaffInvite.objects.get()
    assert path.split("/")[-2] not in invite.key_hash  # only the hash is kept
    newcomer = make_member(pseudonym="kind_listener")
    client = Client()
    client.force_login(newcomer)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.role == "moderator"
    entry = RoleChange.objects.get()
    assert (entry.subject_name, entry.old_role, entry.new_role, entry.how) == (
        "kind_listener",
        "member",
        "moderator",
        "invite",
    )
    assert entry.actor_name == "night_keeper"
    other = make_member()
    second = Client()
    second.force_login(other)
    assert second.post(path).status_code == 404  # used once
    other.refresh_from_db()
    assert other.role == "member"


def test_invite_must_be_opened_logged_in(operator):
    _, raw = actions.create_invite(actor=operator)
    response = Client().get(f"/console/invite/{raw}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_expired_and_revoked_invites_do_not_work(operator, make_member):
    expired, raw_expired = actions.create_invite(actor=operator)
    StaffInvite.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    revoked, raw_revoked = actions.create_invite(actor=operator)
    client = verified_client(operator)
    assert client.post(f"/console/staff/invites/{revoked.pk}/revoke/").status_code == 302
    member = make_member()
    member_client = Client()
    member_client.force_login(member)
    for raw in (raw_expired, raw_revoked, "made-up"):
        assert member_client.post(f"/console/invite/{raw}/").status_code == 404
    member.refresh_from_db()
    assert member.role == "member"
    assert not RoleChange.objects.exists()


def test_change_role_logged(operator_client, make_member):
    make_member(pseudonym="steady_hand")
    operator_client.post("/console/staff/role/", {"pseudonym": "steady_hand", "role": "expert"})
    assert User.objects.get(pseudonym="steady_hand").role == "expert"
    assert RoleChange.objects.get().how == "changed"


def test_cannot_change_own_role(operator_client, operator, make_member):
    make_member(role="operator")
    operator_client.post(
        "/console/staff/role/", {"pseudonym": operator.pseudonym, "role": "member"}
    )
    operator.refresh_from_db()
    assert operator.role == "operator"


def test_last_operator_cannot_be_demoted(operator, make_member):
    other = make_member(role="operator")
    actions.change_role(actor=operator, subject=other, role="member")
    assert User.objects.get(pk=other.pk).role == "member"
    # `operator` is now the only one; another operator acting on them is impossible, so check
    # the rule directly through a second operator who is deactivated.
    ghost = make_member(role="operator", is_active=False)
    with pytest.raises(actions.Refused) as refused:
        actions.change_role(actor=ghost, subject=operator, role="member")
    assert refused.value.code == "last_operator"


def test_role_log_is_append_only(operator, make_member):
    actions.change_role(actor=operator, subject=make_member(), role="moderator")
    entry = RoleChange.objects.get()
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_change_role_unknown_member_is_a_message(operator_client):
    response = operator_client.post(
        "/console/staff/role/", {"pseudonym": "nobody_here", "role": "expert"}, follow=True
    )
    assert response.status_code == 200
    assert not RoleChange.objects.exists()


# ---- health -----------------------------------------------------------------------------------


def test_worker_heartbeat_fresh_and_stale(operator_client):
    now = timezone.now()
    heartbeat.beat("host:1", now=now - timedelta(seconds=40))
    assert health.worker(now)["ok"] is True
    assert health.worker(now + timedelta(minutes=3))["ok"] is False
    html = operator_client.get("/console/health/").content.decode()
    row = html.split('id="check-worker"')[1].split("</tr>")[0]
    assert "OK" in row
    heartbeat.beat("host:1", now=now - timedelta(minutes=3))
    html = operator_client.get("/console/health/").content.decode()
    row = html.split('id="check-worker"')[1].split("</tr>")[0]
    assert "Needs attention" in row
    assert "halqa worker" in row


def _latest_or_none():
    """The tests' in-memory SQLite is shared between threads with table locks: a read that
    meets the heartbeat thread's write is "locked" and tried again."""
    from django.db import OperationalError

    try:
        return heartbeat.latest()
    except OperationalError:
        return None


def test_heartbeat_thread_beats_and_stops(transactional_db):
    stop = heartbeat.start_heartbeat()
    seen = None
    try:
        for _ in range(500):
            seen = _latest_or_none()
            if seen is not None:
                break
            stop.wait(0.01)
    finally:
        stop.set()
    assert seen is not None


def test_queue_backlog(db):
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    DBTaskResult.objects.create(
        task_path="x.y",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
        status="READY",
    )
    DBTaskResult.objects.filter().update(enqueued_at=now - timedelta(minutes=5))
    queue = health.queue(now)
    assert queue["pending"] == 1
    assert 299 <= queue["oldest_age_seconds"] <= 301
    assert queue["ok"] is False


def test_old_helplines_warned(db):
    from halqa.safety.models import Helpline

    before = health.helplines()["unchecked_12_months"]  # the seeded directory, never checked
    Helpline.objects.create(
        country_code="XA",
        name="Old line",
        phone="555",
        status="unverified",
        checked_at=timezone.localdate() - timedelta(days=400),
        sources=["x"],
    )
    Helpline.objects.create(
        country_code="XA",
        name="New line",
        phone="556",
        status="unverified",
        checked_at=timezone.localdate(),
        sources=["x"],
    )
    assert health.helplines() == {
        "name": "helplines",
        "ok": False,
        "unchecked_12_months": before + 1,
    }


def test_database_and_disk_checks(db):
    assert health.database()["ok"] is True
    disk = health.disk()
    assert disk["total_bytes"] > 0
    assert 0 <= disk["free_share"] <= 1


# ---- metrics ----------------------------------------------------------------------------------


def test_metrics_on_seeded_data_and_free_of_content(operator_client, make_member, make_group):
    from halqa.conversations.actions import reply, start_thread
    from halqa.groups.actions import add_member
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind

    author = make_member(pseudonym="opener")
    group = make_group()
    add_member(user=author, group=group)
    thread = start_thread(author=author, group=group, title="Evenings", body="A calm evening.")
    writers = [make_member(pseudonym=f"writer_{n}") for n in range(3)]
    for writer in writers:
        add_member(user=writer, group=thread.group)
        reply(author=writer, thread=thread, body="SECRET-WORDS-ONLY-THE-GROUP-SEES")
    case = open_case(kind=CaseKind.CRISIS, subject=writers[0], reason="crisis:ideation", urgency=90)
    case.first_response_at = case.opened_at + timedelta(minutes=12)
    case.save(update_fields=["first_response_at"])
    figures = metrics.figures()
    today = timezone.localdate()
    posts_today = next(c.value for c in figures["posts_chart"].columns if c.day == today)
    assert posts_today == 4  # the opening post and three replies
    assert figures["active_week"] >= 4  # three writers and the thread's author
    crisis_today = next(c.value for c in figures["crisis_chart"].columns if c.day == today)
    assert crisis_today == 1
    assert figures["crisis_week"]["median"] == 12.0
    assert figures["backlog"] == 1
    html = operator_client.get("/console/metrics/").content.decode()
    assert "SECRET-WORDS" not in html
    assert "writer_0" not in html
    token = issue_token(user=User.objects.get(pseudonym="night_keeper"), name="m")
    body = Client().get("/api/console/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert "SECRET-WORDS" not in body.content.decode()
    assert body.json()["posts_per_day"][today.isoformat()] == 4


def test_daily_chart_runs_right_to_left_in_arabic():
    from django.utils import translation

    today = timezone.localdate()
    with translation.override("ar"):
        chart = metrics.daily_chart({today: 5}, today)
    newest = chart.columns[-1]
    assert newest.day == today
    assert newest.x < 5
    with translation.override("en"):
        chart = metrics.daily_chart({today: 5}, today)
    assert chart.columns[-1].x > 280


def test_closed_registration_is_said_before_typing(operator_client):
    operator_client.post("/console/settings/", {"site_name": "", "registration": "closed"})
    client = Client()
    client.cookies["halqa_language"] = "en"
    assert "New sign-ups are closed" in client.get("/accounts/signup/").content.decode()
    operator_client.post("/console/settings/", {"site_name": "", "registration": "open"})
    assert "New sign-ups are closed" not in client.get("/accounts/signup/").content.decode()


def test_invite_not_spent_by_someone_who_has_the_role(operator, make_member):
    _, raw = actions.create_invite(actor=operator)
    for role in ("moderator", "operator"):
        with pytest.raises(actions.Refused) as refused:
            actions.accept_invite(user=make_member(role=role), raw=raw)
        assert refused.value.code == "already"
    assert actions.find_invite(raw) is not None  # still usable by the person it was meant for


def test_pages_keep_the_site_name_when_the_cache_does_not_answer(operator_client, monkeypatch):
    """With Redis down, every page rendering the site name must not fail with a 500."""
    from redis import ConnectionError as RedisConnectionError

    from halqa.console import site

    operator_client.post("/console/settings/", {"site_name": "Cedar Circle", "registration": ""})

    def refuse(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(site.cache, "get", refuse)
    page = Client().get("/")
    assert page.status_code == 200
    assert "Cedar Circle" in page.content.decode()


def test_moderation_backlog_counts_in_one_query(make_member, django_assert_num_queries):
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind, CaseState
    from halqa.moderation.models import Case

    staff = make_member(pseudonym="queue_keeper", role="moderator")
    subjects = [make_member(pseudonym=f"subject_{n}") for n in range(4)]
    urgent = open_case(kind=CaseKind.CRISIS, subject=subjects[0], reason="crisis", urgency=90)
    claimed = open_case(kind=CaseKind.FLAG, subject=subjects[1], reason="flag", urgency=10)
    open_case(kind=CaseKind.FLAG, subject=subjects[2], reason="flag", urgency=10)
    done = open_case(kind=CaseKind.FLAG, subject=subjects[3], reason="flag", urgency=95)
    now = timezone.now()
    Case.objects.filter(pk=urgent.pk).update(opened_at=now - timedelta(hours=5))
    Case.objects.filter(pk=claimed.pk).update(claimed_by=staff)
    Case.objects.filter(pk=done.pk).update(
        state=CaseState.RESOLVED, opened_at=now - timedelta(days=3)
    )
    with django_assert_num_queries(1):
        backlog = metrics.moderation_backlog(now)
    assert backlog == {
        "backlog": 3,
        "backlog_urgent": 1,
        "backlog_unclaimed": 2,
        "backlog_oldest_hours": 5.0,
    }


def test_moderation_backlog_when_empty(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        backlog = metrics.moderation_backlog(timezone.now())
    assert backlog["backlog"] == 0
    assert backlog["backlog_oldest_hours"] is None
