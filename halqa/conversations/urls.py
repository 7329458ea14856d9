"""Mounted under groups/<slug>/threads/ by halqa.groups.urls: names are groups:conversations:*."""

from django.urls import path

from halqa.conversations import views

app_name = "conversations"
urlpatterns = [path("<int:thread_id>/", views.thread_page, name="thread")]
