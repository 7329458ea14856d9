"""Mounted at live/ by halqa.urls: names are live:*."""

from django.urls import path

from halqa.live import views

app_name = "live"
urlpatterns = [
    path("groups/<slug:slug>/sessions/", views.sessions_page, name="sessions"),
    path("<int:session_id>/", views.room_page, name="room"),
    path("<int:session_id>/messages/", views.messages_fragment, name="messages"),
    path("<int:session_id>/control/", views.control, name="control"),
]
