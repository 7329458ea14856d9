"""WebSocket routes of live sessions (mounted by halqa.routing)."""

from django.urls import URLPattern, path

from halqa.live.consumers import LiveConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/live/<int:session_id>/", LiveConsumer.as_asgi()),
]
