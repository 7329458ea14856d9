"""Who may see a group and read its conversations: public, private, hidden × who is asking."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client

from halqa.groups.enums import JoinPolicy, Visibility
from halqa.groups.queries import access_group, can_read


@pytest.mark.parametrize(
    ("visibility", "who", "status", "readable"),
    [
        (Visibility.PUBLIC, "member", 200, True),
        (Visibility.PUBLIC, "outsider", 200, True),
        (Visibility.PUBLIC, "anonymous", 200, True),
        (Visibility.PRIVATE, "member", 200, True),
        (Visibility.PRIVATE, "outsider", 200, False),
        (Visibility.PRIVATE, "anonymous", 200, False),
        (Visibility.HIDDEN, "member", 200, True),
        (Visibility.HIDDEN, "outsider", 404, False),
        (Visibility.HIDDEN, "anonymous", 404, False),
    ],
)
def test_group_page_access(make_group, make_member, visibility, who, status, readable):
    insider, outsider = make_member(), make_member()
    group = make_group(visibility=visibility, members=(insider,))
    client = Client()
    client.cookies["halqa_language"] = "en"
    if who != "anonymous":
        client.force_login(insider if who == "member" else outsider)

    response = client.get(f"/groups/{group.slug}/")

    assert response.status_code == status
    if status == 200:
        assert response.context["readable"] is readable
        assert ("Join to read the conversations." in response.content.decode()) is not readable


def test_access_group_hides_hidden_group_from_outsider(make_group, make_member):
    group = make_group(visibility=Visibility.HIDDEN)
    with pytest.raises(Http404):
        access_group(make_member(), group.slug)


def test_access_group_unknown_slug_is_404(db, make_member):
    with pytest.raises(Http404):
        access_group(make_member(), "no-such-group")


def test_can_read_private_group_only_for_members(make_group, make_member):
    insider, outsider = make_member(), make_member()
    group = make_group(visibility=Visibility.PRIVATE, members=(insider,))
    assert can_read(insider, group)
    assert not can_read(outsider, group)


def test_private_group_page_shows_description_and_rules_to_outsider(make_group):
    group = make_group(
        visibility=Visibility.PRIVATE,
        join_policy=JoinPolicy.REQUEST,
        description="For people in recovery.",
        rules=["Be kind.", "No real names."],
    )
    client = Client()
    client.cookies["halqa_language"] = "en"
    html = client.get(f"/groups/{group.slug}/").content.decode()
    assert "For people in recovery." in html
    assert '<li value="2">No real names.</li>' in html
    assert "Joining is by request to the facilitators." in html
