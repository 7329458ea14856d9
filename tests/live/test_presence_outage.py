"""A Redis outage must not take the live room page down with it (found by make soak)."""

from __future__ import annotations

from typing import Any

import redis

from halqa.live import actions, presence
from tests.live.conftest import client_for


def test_the_room_page_opens_while_redis_is_away(room: dict[str, Any], monkeypatch: Any) -> None:
    gone = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)  # nothing listens
    monkeypatch.setattr(presence, "_redis", lambda: gone)
    actions.post_live_message(author=room["sami"], session=room["session"], body="still here")
    url = f"/live/{room['session'].pk}/"
    response = client_for(room["amal"]).get(url)
    assert response.status_code == 200
    assert "still here" in response.content.decode()
    assert "0 here now" in response.content.decode()
