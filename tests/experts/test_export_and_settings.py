"""Export carries the member's expert data but never licence details; settings link to applying."""

from __future__ import annotations

import json
from collections.abc import Callable

from halqa.accounts.models import User
from halqa.experts import actions
from halqa.experts.models import Application
from tests.experts.conftest import BODY, LICENCE, plain_client


def test_export_has_questions_and_applications_without_licence(
    make_application: Callable[..., Application], member: User
) -> None:
    make_application(user=member)
    actions.ask(asker=member, title="Sleep", body="I can't sleep.", topic="sleep", private=True)
    from halqa.experts.export import export_experts

    data = export_experts(member)
    text = json.dumps(data)
    assert LICENCE not in text
    assert BODY not in text
    assert data["applications"][0]["licence_details_held"] is True
    assert data["questions"][0]["private"] is True


def test_settings_page_links_to_applying(member: User) -> None:
    html = plain_client(member).get("/accounts/settings/").content.decode()
    assert 'href="/experts/apply/"' in html


def test_account_deletion_removes_questions(member: User) -> None:
    from halqa.accounts.actions import delete_account
    from halqa.experts.models import Question

    actions.ask(asker=member, title="Sleep", body="I can't sleep.", topic="sleep")
    delete_account(user=member)
    assert not Question.objects.exists()


def test_main_navigation_links_to_experts(member: User) -> None:
    html = plain_client(member).get("/accounts/settings/").content.decode()
    assert '<a href="/experts/">Experts</a>' in html or '<a href="/experts/">الخبراء</a>' in html
