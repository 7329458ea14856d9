"""WebSocket routes of the moderation app (mounted by halqa.routing)."""

from django.urls import URLPattern, path

from halqa.moderation.consumers import ModerationConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/moderation/", ModerationConsumer.as_asgi()),
]
