"""Accountability partners: consent, exactly what was shared, ending removes access at once,
invite links, encouragement screened and stored, nudges only when both allowed them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from halqa.growth import actions, partners, queries
from halqa.growth.models import Encouragement, Partnership
from halqa.growth.nudges import nudge_if_due
from halqa.notifications.models import Notification


def client_for(user, lang="en"):
    client = Client()
    client.cookies["halqa_language"] = lang
    client.force_login(user)
    return client


@pytest.fixture
def pair(make_member):
    """Amal and Basma, partners; Amal has a shared goal with a noted check-in and a
    private one, and a mood entry with a note."""
    amal, basma = make_member(pseudonym="amal"), make_member(pseudonym="basma")
    shared = actions.save_goal(owner=amal, title="Evening walk")
    private = actions.save_goal(owner=amal, title="Call my sister")
    actions.record_checkin(goal=shared, status="done", note="walked by the river")
    actions.record_checkin(goal=private, status="done", note="we argued")
    actions.log_mood(owner=amal, score=2, emotions=["tired"], note="mood secret")
    partnership = partners.invite_partner(inviter=amal, pseudonym="BASMA")
    return {"amal": amal, "basma": basma, "shared": shared, "private": private, "p": partnership}


def test_invitation_needs_consent_and_notifies(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    assert Notification.objects.get(recipient=basma).kind == "partner_invite"
    assert client_for(basma).get(f"/growth/partners/{p.pk}/").status_code == 200
    html = client_for(basma).get(f"/growth/partners/{p.pk}/").content.decode()
    assert "Evening walk" not in html  # nothing before accepting
    with pytest.raises(ValidationError):
        partners.accept(partnership=p, user=amal)  # the inviter cannot accept for the other
    client_for(basma).post(f"/growth/partners/{p.pk}/accept/")
    p.refresh_from_db()
    assert p.state == "active"
    assert Notification.objects.get(recipient=amal).kind == "partner_update"


def test_partner_sees_exactly_what_was_shared(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    page = client_for(basma).get(f"/growth/partners/{p.pk}/").content.decode()
    assert "Evening walk" not in page  # accepted, but nothing chosen yet
    partners.set_share(
        partnership=p,
        user=amal,
        goal_ids=[pair["shared"].pk],
        notes=False,
        mood=False,
        nudges=False,
    )
    page = client_for(basma).get(f"/growth/partners/{p.pk}/").content.decode()
    assert "Evening walk" in page
    assert "Call my sister" not in page
    assert "walked by the river" not in page  # status only
    assert "Low" not in page.split("What you share")[0]  # no mood
    partners.set_share(
        partnership=p, user=amal, goal_ids=[pair["shared"].pk], notes=True, mood=True, nudges=False
    )
    page = client_for(basma).get(f"/growth/partners/{p.pk}/").content.decode()
    assert "walked by the river" in page
    assert "we argued" not in page
    assert "Low" in page  # the mood score ...
    assert "mood secret" not in page  # ... never the mood note


def test_only_own_goals_can_be_shared(pair):
    partners.accept(partnership=pair["p"], user=pair["basma"])
    with pytest.raises(ValidationError):
        partners.set_share(
            partnership=pair["p"],
            user=pair["basma"],
            goal_ids=[pair["shared"].pk],
            notes=True,
            mood=True,
            nudges=True,
        )


def test_ending_removes_access_at_once_and_is_neutral(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    partners.set_share(
        partnership=p, user=amal, goal_ids=[pair["shared"].pk], notes=True, mood=True, nudges=True
    )
    client_for(amal).post(f"/growth/partners/{p.pk}/end/")
    page = client_for(basma).get(f"/growth/partners/{p.pk}/").content.decode()
    assert "Evening walk" not in page
    assert "walked by the river" not in page
    assert "no longer active" in page
    shared = queries.shared_by(Partnership.objects.get(pk=p.pk), amal)
    assert (shared.goals, shared.mood, shared.checkins) == ([], [], {})
    note = Notification.objects.filter(recipient=basma, kind="partner_update").get()
    assert note.actor is None  # who ended it is not named
    with pytest.raises(ValidationError):
        partners.encourage(partnership=Partnership.objects.get(pk=p.pk), sender=basma, body="hi")


def test_strangers_never_see_a_partnership(pair, make_member):
    stranger = client_for(make_member())
    p = pair["p"]
    assert stranger.get(f"/growth/partners/{p.pk}/").status_code == 404
    assert stranger.post(f"/growth/partners/{p.pk}/accept/").status_code == 404
    assert Partnership.objects.get(pk=p.pk).state == "pending"


def test_invite_by_unknown_pseudonym_or_self_is_refused_kindly(pair):
    response = client_for(pair["amal"]).post("/growth/partners/", {"pseudonym": "nobody_here"})
    assert response.status_code == 200
    assert response.context["form"].errors["pseudonym"]
    with pytest.raises(ValidationError):
        partners.invite_partner(inviter=pair["amal"], pseudonym="amal")
    with pytest.raises(ValidationError):
        partners.invite_partner(inviter=pair["amal"], pseudonym="basma")  # already invited


def test_invite_link_expires_is_revocable_and_works_once(make_member, clock):
    inviter, first, second = make_member(), make_member(), make_member()
    clock.set(datetime(2026, 3, 1, tzinfo=UTC))
    partnership, token = partners.create_invite_link(inviter=inviter)
    assert token not in partnership.token_hash
    assert queries.invite_for_token(token) == partnership
    clock.set(datetime(2026, 3, 9, tzinfo=UTC))
    assert queries.invite_for_token(token) is None  # expired after seven days
    clock.set(datetime(2026, 3, 2, tzinfo=UTC))
    response = client_for(first).post(f"/growth/partners/join/{token}/")
    assert response.status_code == 302
    assert client_for(second).post(f"/growth/partners/join/{token}/").status_code == 404
    _, other = partners.create_invite_link(inviter=inviter)
    partners.revoke_invite(partnership=queries.invite_for_token(other), user=inviter)
    assert queries.invite_for_token(other) is None


def test_encouragement_is_screened_stored_and_notified(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    client_for(basma).post(f"/growth/partners/{p.pk}/encourage/", {"body": "You've got this!"})
    note = Encouragement.objects.get()
    assert note.body == "You've got this!"
    assert note.screening["model_version"]
    assert Notification.objects.filter(recipient=amal, kind="partner_cheer", actor=basma).exists()
    response = client_for(basma).post(f"/growth/partners/{p.pk}/encourage/", {"body": "   "})
    assert response.status_code == 422
    assert Encouragement.objects.count() == 1


def _backdate(goal, days):
    goal.created_at = timezone.now() - timedelta(days=days)
    goal.save(update_fields=["created_at"])


def test_nudge_only_when_both_allowed_and_at_most_every_few_days(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    shared = pair["shared"]
    _backdate(shared, 10)
    shared.checkins.all().delete()  # nothing done for days
    partners.set_share(
        partnership=p, user=amal, goal_ids=[shared.pk], notes=False, mood=False, nudges=True
    )
    now = timezone.now()
    assert nudge_if_due(p, now) == 0  # Basma has not allowed nudges
    partners.set_share(partnership=p, user=basma, goal_ids=[], notes=False, mood=False, nudges=True)
    assert nudge_if_due(p, now) == 1
    note = Notification.objects.get(kind="partner_nudge")
    assert note.recipient == basma
    assert nudge_if_due(p, now + timedelta(days=1)) == 0  # not again so soon
    assert nudge_if_due(p, now + timedelta(days=4)) == 1


def test_no_nudge_when_checking_in(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    shared = pair["shared"]
    _backdate(shared, 10)
    today = timezone.now().date()
    actions.record_checkin(goal=shared, status="done", day=today - timedelta(days=2))
    for user, goals in ((amal, [shared.pk]), (basma, [])):
        partners.set_share(
            partnership=p, user=user, goal_ids=goals, notes=False, mood=False, nudges=True
        )
    assert nudge_if_due(p, timezone.now()) == 0


def test_no_pestering_after_not_now(pair):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.decline(partnership=p, user=basma)
    assert not Notification.objects.filter(recipient=amal).exists()  # no one is told "no"
    with pytest.raises(ValidationError) as error:
        partners.invite_partner(inviter=amal, pseudonym="basma")
    assert error.value.message_dict["pseudonym"]


def test_encouragement_has_a_daily_limit(pair):
    p, basma = pair["p"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    for _ in range(partners.ENCOURAGEMENTS_PER_DAY):
        partners.encourage(partnership=p, sender=basma, body="You can do it")
    with pytest.raises(ValidationError):
        partners.encourage(partnership=p, sender=basma, body="One more")


def test_encouragement_in_crisis_opens_a_case_and_offers_help(pair):
    from halqa.moderation.models import Case

    p, basma = pair["p"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    client = client_for(basma)
    client.post(f"/growth/partners/{p.pk}/encourage/", {"body": "I do not want to live anymore"})
    case = Case.objects.get(subject=basma)
    assert case.kind == "crisis"
    page = client.get(f"/growth/partners/{p.pk}/").content.decode()
    assert "support is here for you too" in page


def test_encouragement_with_personal_details_is_refused(pair):
    p, basma = pair["p"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    with pytest.raises(ValidationError) as error:
        partners.encourage(partnership=p, sender=basma, body="call me on +20 100 123 4567")
    assert error.value.error_dict["body"][0].code == "personal_data"
    assert not Encouragement.objects.exists()


def test_share_form_shows_the_current_choices(pair, django_assert_max_num_queries):
    p, amal, basma = pair["p"], pair["amal"], pair["basma"]
    partners.accept(partnership=p, user=basma)
    partners.set_share(
        partnership=p, user=amal, goal_ids=[pair["shared"].pk], notes=False, mood=True, nudges=False
    )
    client = client_for(amal)
    with django_assert_max_num_queries(17):  # the partner page reads each share once
        response = client.get(f"/growth/partners/{p.pk}/")
    form = response.context["share_form"]
    assert form.initial == {
        "goals": [pair["shared"].pk],
        "notes": False,
        "mood": True,
        "nudges": False,
    }
