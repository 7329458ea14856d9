"""The badge's socket when Redis is away (docs/reliability.md): a clean close with 1013 that the
page reconnects after, never a crash; pushes from a committed write never fail it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels_redis.core import RedisChannelLayer
from django.db import connections

from halqa.accounts.models import User
from halqa.core import push
from halqa.notifications.models import Notification
from tests.notifications.test_consumer import _notify, _socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    yield
    await database_sync_to_async(connections.close_all)()


@pytest.fixture
def redis_away() -> None:
    """channels-redis pointed at a port where nothing listens (_fresh_channel_layer resets it)."""
    dead = RedisChannelLayer(hosts=[{"address": "redis://127.0.0.1:1", "socket_timeout": 0.2}])
    channel_layers.backends["default"] = dead


async def test_badge_socket_closes_1013_while_redis_is_away(
    make_member: Callable[..., User], redis_away: None
) -> None:
    user = await database_sync_to_async(make_member)()
    socket = _socket(user)
    connected, _ = await socket.connect()
    assert connected  # accepted first, so the page sees our code and reconnects
    output = await socket.receive_output(timeout=2)
    assert output == {"type": "websocket.close", "code": push.TRY_AGAIN_LATER}


async def test_a_notification_is_stored_while_redis_is_away(
    make_member: Callable[..., User], redis_away: None
) -> None:
    user = await database_sync_to_async(make_member)()
    await database_sync_to_async(_notify)(user)
    assert await database_sync_to_async(Notification.objects.filter(recipient=user).count)() == 1
