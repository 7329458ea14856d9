"""WebSocket routes; each app adds its consumers here as it gains live features."""

from halqa.live.routing import websocket_urlpatterns as live_ws
from halqa.moderation.routing import websocket_urlpatterns as moderation_ws
from halqa.notifications.routing import websocket_urlpatterns as notification_ws
from halqa.safety.routing import websocket_urlpatterns as safety_ws

websocket_urlpatterns = [*live_ws, *notification_ws, *moderation_ws, *safety_ws]
