from django.urls import include, path

from halqa.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.directory_page, name="directory"),
    path("<slug:slug>/", views.group_page, name="group"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/threads/", include("halqa.conversations.urls", namespace="conversations")),
]
