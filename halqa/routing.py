"""WebSocket routes; each app adds its consumers here as it gains live features."""

from halqa.live.routing import websocket_urlpatterns as live_ws
from halqa.notifications.routing import websocket_urlpatterns as notification_ws

websocket_urlpatterns = [*live_ws, *notification_ws]
