"""The feelings chart carries its text summary in its own figcaption."""

import re

import pytest

from halqa.growth import actions
from tests.growth.test_mood import client_for

pytestmark = pytest.mark.django_db


def test_feelings_summary_is_the_chart_caption(member):
    actions.log_mood(owner=member, score=3, emotions=["calm"])
    html = client_for(member).get("/growth/mood/?days=7").content.decode()
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert any("The feeling you noted most often: Calm (1 time)." in c for c in captions)
    assert all(c.strip() for c in captions)  # no empty caption
