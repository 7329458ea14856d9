"""Scale-out plumbing against the real Redis: two processes share one channel layer."""

import asyncio
import subprocess
import sys
import uuid

import pytest
from channels_redis.core import RedisChannelLayer

SENDER = """
import asyncio, sys
from channels_redis.core import RedisChannelLayer
layer = RedisChannelLayer(hosts=[sys.argv[1]], prefix=sys.argv[2])
asyncio.run(layer.group_send("room", {"type": "message.posted", "id": 42}))
"""


@pytest.mark.services
def test_redis_channel_layer_fans_out_between_processes(redis_url):
    prefix = f"halqa-test-{uuid.uuid4().hex[:8]}"
    layer = RedisChannelLayer(hosts=[redis_url], prefix=prefix)

    async def receive_from_other_process() -> dict:
        channel = await layer.new_channel()
        await layer.group_add("room", channel)
        subprocess.run([sys.executable, "-c", SENDER, redis_url, prefix], check=True, timeout=30)
        return await asyncio.wait_for(layer.receive(channel), timeout=5)

    message = asyncio.run(receive_from_other_process())
    assert message == {"type": "message.posted", "id": 42}
