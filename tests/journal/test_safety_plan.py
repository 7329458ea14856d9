"""The safety plan: steps, helpline suggestions, printing, sharing with moderators, the log."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from halqa.accounts.models import User
from halqa.journal import actions, queries
from halqa.journal.enums import PlanEvent, Section
from halqa.journal.models import PlanLogEntry, SafetyPlan

pytestmark = pytest.mark.django_db

PLAN = "/journal/safety-plan/"


def test_plan_page_shows_every_step_with_guidance(english: Client) -> None:
    page = english.get(PLAN).content.decode()
    for section in Section:
        assert str(section.label) in page
        assert f'href="{PLAN}{section.value}/"' in page
    assert "Private: only you can see your safety plan." in page


def test_fill_a_step_one_item_per_line(english: Client, member: User) -> None:
    response = english.post(f"{PLAN}coping/", {"items": "Slow breathing\n\n  A walk  \n"})
    assert response["Location"] == f"{PLAN}#coping"
    assert queries.safety_plan_of(member).opened()["coping"] == [  # type: ignore[union-attr]
        "Slow breathing",
        "A walk",
    ]
    assert "A walk" in english.get(PLAN).content.decode()
    # Other steps keep their items when one step is saved.
    english.post(f"{PLAN}reasons/", {"items": "My children"})
    sections = queries.safety_plan_of(member).opened()  # type: ignore[union-attr]
    assert sections["coping"] == ["Slow breathing", "A walk"]
    assert sections["reasons"] == ["My children"]


def test_too_long_item_is_refused_and_kept_in_the_form(english: Client, member: User) -> None:
    long = "x" * (actions.ITEM_MAX + 1)
    response = english.post(f"{PLAN}coping/", {"items": f"ok\n{long}"})
    assert response.status_code == 200
    assert "Keep each item under" in response.content.decode()
    assert long in response.content.decode()
    assert queries.safety_plan_of(member) is None


def test_unknown_step_is_not_found(english: Client) -> None:
    assert english.get(f"{PLAN}nonsense/").status_code == 404


def test_professionals_step_suggests_the_members_helplines(english: Client, member: User) -> None:
    from halqa.safety.models import EmergencyNumber, Helpline

    member.country = "JO"
    member.save()
    EmergencyNumber.objects.get_or_create(country_code="JO", number="911", defaults={"source": "t"})
    Helpline.objects.create(
        country_code="JO", name="Calm Line", phone="06 123 4567", status="corroborated", sources=[]
    )
    page = english.get(f"{PLAN}professionals/").content.decode()
    assert "Calm Line: 06 123 4567" in page
    assert "Emergency services: 911" in page
    english.post(
        f"{PLAN}professionals/",
        {"items": "My therapist", "suggestions": ["Calm Line: 06 123 4567"]},
    )
    items = queries.safety_plan_of(member).opened()["professionals"]  # type: ignore[union-attr]
    assert items == ["My therapist", "Calm Line: 06 123 4567"]


def test_printable_view_has_the_items_and_no_navigation(english: Client, member: User) -> None:
    actions.save_safety_plan(owner=member, sections={"warning_signs": ["I stop sleeping"]})
    page = english.get(f"{PLAN}print/").content.decode()
    assert "I stop sleeping" in page
    assert "Updated on" in page
    assert "site-header" not in page
    assert "<nav" not in page
    assert "journal/print.css" in page
    assert "<script>" not in page  # no inline script; the print button is optional
    english.cookies["halqa_language"] = "ar"
    arabic = english.get(f"{PLAN}print/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic


def _share(owner: User, shared: bool = True) -> None:
    actions.set_plan_sharing(owner=owner, shared=shared)


def test_moderator_opens_a_shared_plan_and_the_owner_sees_it_logged(
    member: User,
    english: Client,
    make_member: Callable[..., User],
    staff_client: Callable[..., Client],
) -> None:
    actions.save_safety_plan(owner=member, sections={"reasons": ["My garden"]})
    moderator = make_member(pseudonym="Calm_Moderator", role="moderator")
    url = f"{PLAN}shared/{member.pk}/"
    assert staff_client(moderator).get(url).status_code == 403  # not shared yet
    english.post(f"{PLAN}sharing/", {"shared": "1"})
    assert queries.safety_plan_shared_with_moderators(member)
    page = staff_client(moderator).get(url).content.decode()
    assert "My garden" in page
    log = english.get(PLAN).content.decode()
    assert "Moderator <bdi>Calm_Moderator</bdi> opened your plan" in log
    assert PlanLogEntry.objects.filter(owner=member, event=PlanEvent.VIEWED).count() == 1
    english.post(f"{PLAN}sharing/", {"shared": "0"})
    assert not queries.safety_plan_shared_with_moderators(member)
    assert staff_client(moderator).get(url).status_code == 403
    events = list(PlanLogEntry.objects.filter(owner=member).values_list("event", flat=True))
    assert events == ["unshared", "viewed", "shared"]


def test_shared_plan_needs_a_moderator_with_two_factor(
    member: User, make_member: Callable[..., User], client_for: Callable[..., Client]
) -> None:
    _share(member)
    url = f"{PLAN}shared/{member.pk}/"
    assert client_for(make_member()).get(url).status_code == 404  # a member
    assert client_for(make_member(role="facilitator")).get(url).status_code == 404
    moderator = make_member(role="moderator")
    response = client_for(moderator).get(url)  # logged in without the second factor
    assert response.status_code == 302
    assert "two-factor" in response["Location"]
    assert not PlanLogEntry.objects.filter(event=PlanEvent.VIEWED).exists()


def test_unknown_member_is_not_found(
    make_member: Callable[..., User], staff_client: Callable[..., Client]
) -> None:
    client = staff_client(make_member(role="operator"))
    assert client.get(f"{PLAN}shared/999999/").status_code == 404


def test_the_log_is_append_only(member: User) -> None:
    _share(member)
    row = PlanLogEntry.objects.get(owner=member)
    with pytest.raises(ValueError, match="append-only"):
        row.save()


def test_sharing_twice_logs_once(member: User) -> None:
    _share(member)
    _share(member)
    assert PlanLogEntry.objects.filter(owner=member).count() == 1
    assert SafetyPlan.objects.get(owner=member).shared_with_moderators


def test_another_members_plan_is_never_in_my_pages(
    member: User, make_member: Callable[..., User], client_for: Callable[..., Client]
) -> None:
    actions.save_safety_plan(owner=member, sections={"reasons": ["Only mine"]})
    other = client_for(make_member())
    for path in (PLAN, f"{PLAN}print/", f"{PLAN}reasons/"):
        assert "Only mine" not in other.get(path).content.decode()


def test_shared_plan_url_for_other_apps(member: User) -> None:
    assert queries.shared_plan_url(member) is None
    _share(member)
    assert queries.shared_plan_url(member) == f"{PLAN}shared/{member.pk}/"
    _share(member, shared=False)
    assert queries.shared_plan_url(member) is None
