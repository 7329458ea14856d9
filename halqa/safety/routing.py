"""WebSocket routes of the safety app (mounted by halqa.routing)."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
