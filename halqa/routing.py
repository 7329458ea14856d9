"""WebSocket routes; each app adds its consumers here as it gains live features."""

from halqa.notifications.routing import websocket_urlpatterns as notification_ws

websocket_urlpatterns = [*notification_ws]
