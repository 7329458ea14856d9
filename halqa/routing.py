"""WebSocket routes; each app adds its consumers here as it gains live features."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
