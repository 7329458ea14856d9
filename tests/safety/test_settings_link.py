"""Account settings link to the safety contact and the private conversations."""

from typing import Any

from django.urls import reverse


def test_settings_page_links_the_safety_contact(member_client: Any) -> None:
    page = member_client.get(reverse("accounts:settings")).content.decode()
    assert reverse("safety:contact") in page
    assert reverse("safety:support_list") in page
