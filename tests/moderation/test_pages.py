"""The pages: who sees the queue, scores and audit log; actions and flags through forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from halqa.moderation.cases import open_case
from halqa.moderation.enums import Action, CaseKind, CaseState, ContentState
from halqa.moderation.models import Appeal, AuditEntry, Case, Flag, ModeratorStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(make_group: Any, make_post: Any) -> Case:
    post = make_post(make_group(), body="Buy cheap pills at example.com")
    # Whatever the publish policy decided, this test starts from a published message.
    post.screening = {"abuse": 0.12, "model_version": "test-1", "crisis": "none"}
    post.state = ContentState.PUBLISHED
    post.save(update_fields=["screening", "state"])
    return open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)


def test_only_moderators_with_two_factor_see_the_queue(
    flagged: Case, moderator: Any, make_member: Any, staff_client: Any
) -> None:
    assert Client().get("/moderation/").status_code == 302
    member = make_member()
    client = Client()
    client.force_login(member)
    assert client.get("/moderation/").status_code == 404
    assert client.get(f"/moderation/cases/{flagged.pk}/").status_code == 404
    assert client.get("/moderation/audit/").status_code == 404
    assert client.get("/moderation/dashboard/").status_code == 404
    unverified = Client()
    unverified.force_login(moderator)
    response = unverified.get("/moderation/")
    assert response.status_code == 302
    assert "two-factor" in response["Location"] or "two_factor" in response["Location"]
    client = staff_client(moderator)
    page = client.get("/moderation/")
    assert page.status_code == 200
    assert flagged.subject.pseudonym in page.content.decode()
    case_page = client.get(f"/moderation/cases/{flagged.pk}/").content.decode()
    assert "Model" in case_page
    assert "test-1" in case_page
    assert "model_version" not in case_page


def test_group_moderator_sees_only_their_groups(
    flagged: Case, make_group: Any, make_post: Any, make_group_moderator: Any, staff_client: Any
) -> None:
    mine = make_group()
    own_post = make_post(mine)
    own = open_case(kind=CaseKind.FLAG, subject=own_post.author, reason="flag:spam", post=own_post)
    group_mod = make_group_moderator(mine)
    client = staff_client(group_mod)
    page = client.get("/moderation/").content.decode()
    assert f"/moderation/cases/{own.pk}/" in page
    assert f"/moderation/cases/{flagged.pk}/" not in page
    assert client.get(f"/moderation/cases/{flagged.pk}/").status_code == 404
    assert client.post(f"/moderation/cases/{flagged.pk}/act/hide/").status_code == 404
    response = client.post(f"/moderation/cases/{own.pk}/act/hide/", {"reason": "spam"})
    assert response.status_code == 302
    own_post.refresh_from_db()
    assert own_post.state == ContentState.HIDDEN


def test_queue_filters_and_order(
    make_group: Any, make_post: Any, moderator: Any, staff_client: Any
) -> None:
    group = make_group()
    low = make_post(group)
    high = make_post(group)
    a = open_case(kind=CaseKind.FLAG, subject=low.author, reason="flag:spam", post=low)
    b = open_case(kind=CaseKind.CRISIS, subject=high.author, reason="crisis:plan", post=high)
    client = staff_client(moderator)
    page = client.get("/moderation/").content.decode()
    assert page.index(f"/moderation/cases/{b.pk}/") < page.index(f"/moderation/cases/{a.pk}/")
    only_flags = client.get("/moderation/", {"kind": "flag"}).content.decode()
    assert f"/moderation/cases/{b.pk}/" not in only_flags
    assert f"/moderation/cases/{a.pk}/" in only_flags
    bad = client.get("/moderation/", {"group": "nonsense", "state": "x"})
    assert bad.status_code == 200


def test_remove_through_the_page_and_errors_keep_input(
    flagged: Case, moderator: Any, staff_client: Any
) -> None:
    client = staff_client(moderator)
    url = f"/moderation/cases/{flagged.pk}/act/remove/"
    response = client.post(url, {"rule": "2", "reason": ""})
    assert response.status_code == 400
    assert flagged.post.state == ContentState.PUBLISHED
    response = client.post(url, {"rule": "2", "reason": "advertising"})
    assert response.status_code == 302
    post = flagged.post
    post.refresh_from_db()
    assert post.state == ContentState.REMOVED
    assert post.removed_rule.startswith("2.")
    flagged.refresh_from_db()
    assert flagged.state == CaseState.RESOLVED


def test_claim_race_through_pages(
    flagged: Case, moderator: Any, make_member: Any, staff_client: Any
) -> None:
    other = make_member(role="moderator")
    first, second = staff_client(moderator), staff_client(other)
    assert first.post(f"/moderation/cases/{flagged.pk}/claim/").status_code == 302
    second.post(f"/moderation/cases/{flagged.pk}/claim/")
    flagged.refresh_from_db()
    assert flagged.claimed_by == moderator
    response = second.post(f"/moderation/cases/{flagged.pk}/act/hide/", {"reason": ""})
    assert response.status_code == 409


def test_duty_toggle_and_debrief(moderator: Any, staff_client: Any, make_member: Any) -> None:
    make_member(role="operator")
    client = staff_client(moderator)
    client.post("/moderation/duty/", {"on": "1"})
    assert ModeratorStatus.objects.get(user=moderator).on_duty
    client.post("/moderation/duty/", {"on": "0"})
    assert not ModeratorStatus.objects.get(user=moderator).on_duty
    client.post("/moderation/debrief/")
    assert AuditEntry.objects.filter(action=Action.DEBRIEF, actor=moderator).exists()
    for case in ("", "x", "²", "9" * 40):  # "²".isdigit() is true, yet int("²") raises
        assert client.post("/moderation/debrief/", {"case": case}).status_code == 302


def test_audit_log_page_is_read_only(flagged: Case, moderator: Any, staff_client: Any) -> None:
    client = staff_client(moderator)
    client.post(f"/moderation/cases/{flagged.pk}/act/hide/", {"reason": "looks like spam"})
    page = client.get("/moderation/audit/")
    assert "looks like spam" in page.content.decode()
    assert client.post("/moderation/audit/", {"reason": "x"}).status_code == 405
    assert client.delete("/moderation/audit/").status_code == 405


def test_flag_form_with_and_without_htmx(make_group: Any, make_post: Any, make_member: Any) -> None:
    group = make_group()
    post = make_post(group)
    reporter = make_member()
    client = Client()
    client.force_login(reporter)
    form = client.get("/moderation/flag/", {"post": post.pk})
    assert form.status_code == 200
    missing = client.post("/moderation/flag/", {"post": post.pk})
    assert missing.status_code == 400
    response = client.post(
        "/moderation/flag/", {"post": post.pk, "reason": "spam", "note": "links", "next": "/x/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/x/"
    again = client.post(
        "/moderation/flag/", {"post": post.pk, "reason": "spam"}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 200
    assert Flag.objects.count() == 1
    assert client.post("/moderation/flag/", {"post": 999999, "reason": "spam"}).status_code == 404


def test_reporter_is_never_shown_to_the_reported(
    flagged: Case, make_member: Any, moderator: Any, staff_client: Any
) -> None:
    from halqa.moderation.flags import flag

    reporter = make_member(pseudonym="watchful_owl")
    flag(reporter=reporter, reason="spam", post=flagged.post)
    staff_client(moderator).post(
        f"/moderation/cases/{flagged.pk}/act/remove/", {"rule": "1", "reason": "spam"}
    )
    author = Client()
    author.force_login(flagged.subject)
    entry = AuditEntry.objects.get(action=Action.REMOVE)
    page = author.get(f"/moderation/notices/{entry.pk}/").content.decode()
    assert "watchful_owl" not in page
    assert moderator.pseudonym not in page
    # The reporter sees the outcome, without details.
    mine = Client()
    mine.force_login(reporter)
    report = mine.get(f"/moderation/reports/{Flag.objects.get().pk}/")
    assert report.status_code == 200
    assert author.get(f"/moderation/reports/{Flag.objects.get().pk}/").status_code == 404


def test_notice_and_appeal_through_the_page(
    flagged: Case, moderator: Any, staff_client: Any, make_member: Any
) -> None:
    staff_client(moderator).post(
        f"/moderation/cases/{flagged.pk}/act/remove/", {"rule": "1", "reason": "spam"}
    )
    entry = AuditEntry.objects.get(action=Action.REMOVE)
    author = Client()
    author.force_login(flagged.subject)
    page = author.get(f"/moderation/notices/{entry.pk}/")
    assert page.status_code == 200
    assert "Be kind." in page.content.decode()
    other = Client()
    other.force_login(make_member())
    assert other.get(f"/moderation/notices/{entry.pk}/").status_code == 404
    author.post(f"/moderation/notices/{entry.pk}/", {"statement": "It was a joke between friends"})
    appeal = Appeal.objects.get()
    assert appeal.case.excluded_moderator == moderator
    second = author.post(f"/moderation/notices/{entry.pk}/", {"statement": "again"})
    assert second.status_code == 400
    assert Appeal.objects.count() == 1


def test_dashboard_shows_numbers_not_content(
    flagged: Case, moderator: Any, staff_client: Any
) -> None:
    from halqa.moderation import actions

    urgent_post = flagged.post
    actions.hide(flagged, moderator)
    page = staff_client(moderator).get("/moderation/dashboard/").content.decode()
    assert "<svg" in page
    assert urgent_post.body not in page


def test_response_time_percentiles() -> None:
    from halqa.moderation.dashboard import percentile

    assert percentile([], 0.5) is None
    assert percentile([4.0], 0.9) == 4.0
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)


def test_content_notice_partial(flagged: Case, moderator: Any, make_member: Any) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from halqa.moderation import actions

    actions.remove(flagged, moderator, rule=2, reason="spam")
    post = flagged.post
    post.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = make_member()
    with translation.override("en"):  # no request: the language must not leak from another test
        others = render_to_string(
            "moderation/_content_notice.html", {"item": post, "user": request.user}
        )
        own = render_to_string(
            "moderation/_content_notice.html", {"item": post, "user": post.author}
        )
    assert "rule 2" in others
    assert "appeal" not in others
    assert "/moderation/notices/" in own


def test_flag_button_partial(flagged: Case, make_member: Any) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    post = flagged.post
    request = RequestFactory().get("/groups/x/threads/1/")
    request.user = make_member()
    html = render_to_string("moderation/_flag_button.html", {"item": post}, request=request)
    assert 'action="/moderation/flag/"' in html
    assert f'name="post" value="{post.pk}"' in html
    assert 'value="danger"' in html
    request.user = post.author  # nobody reports their own message
    own = render_to_string("moderation/_flag_button.html", {"item": post}, request=request)
    assert "/moderation/flag/" not in own


def test_pages_in_arabic(flagged: Case, moderator: Any, staff_client: Any) -> None:
    from halqa.accounts.models import User

    User.objects.filter(pk=moderator.pk).update(language="ar")
    client = staff_client(moderator, language="ar")
    queue = client.get("/moderation/").content.decode()
    assert 'dir="rtl"' in queue
    assert "طابور الإشراف" in queue
    case = client.get(f"/moderation/cases/{flagged.pk}/").content.decode()
    assert "احذف بموجب قاعدة" in case
    assert "لوحة متابعة الإشراف" in client.get("/moderation/dashboard/").content.decode()


def test_live_message_case_page(
    make_group: Any, make_live_message: Any, moderator: Any, staff_client: Any
) -> None:
    message = make_live_message(make_group(), body="hello room")
    case = open_case(
        kind=CaseKind.FLAG, subject=message.author, reason="flag:spam", live_message=message
    )
    page = staff_client(moderator).get(f"/moderation/cases/{case.pk}/").content.decode()
    assert f"/live/{message.session_id}/#m-{message.seq}" in page
    response = staff_client(moderator).post(
        f"/moderation/cases/{case.pk}/act/remove/", {"rule": "1", "reason": "spam"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == ContentState.REMOVED


def test_export_has_my_reports_and_decisions_not_my_reporters(
    flagged: Case, moderator: Any, make_member: Any
) -> None:
    from halqa.moderation import actions
    from halqa.moderation.export import export_moderation
    from halqa.moderation.flags import flag

    reporter = make_member(pseudonym="kind_owl")
    flag(reporter=reporter, reason="spam", note="an advert", post=flagged.post)
    actions.sanction(flagged, moderator, kind="warning", reason="rule 1")
    mine = export_moderation(reporter)
    assert mine["reports_sent"][0]["note"] == "an advert"
    theirs = export_moderation(flagged.subject)
    assert theirs["decisions_about_me"][0]["action"] == "warn"
    assert theirs["sanctions"][0]["kind"] == "warning"
    assert "kind_owl" not in str(theirs)
    assert moderator.pseudonym not in str(theirs)


def test_report_the_member_behind_a_message(
    make_group: Any, make_post: Any, make_member: Any
) -> None:
    post = make_post(make_group())
    client = Client()
    client.force_login(make_member())
    page = client.get("/moderation/flag/", {"post": post.pk, "about": "member"})
    assert page.status_code == 200
    client.post("/moderation/flag/", {"post": post.pk, "about": "member", "reason": "harassment"})
    record = Flag.objects.get()
    assert record.post is None
    assert record.member == post.author
    assert record.case.post is None
