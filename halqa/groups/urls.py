from django.urls import include, path

from halqa.groups import manage_views, views

app_name = "groups"
urlpatterns = [
    path("", views.directory_page, name="directory"),
    path("new/", manage_views.new_group, name="new"),
    path("join/<str:token>/", views.invite_page, name="invite"),
    path("<slug:slug>/", views.group_page, name="group"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/request/", views.ask_to_join, name="request"),
    path("<slug:slug>/request/cancel/", views.cancel_request, name="cancel_request"),
    path("<slug:slug>/edit/", manage_views.edit_group, name="edit"),
    path("<slug:slug>/manage/", manage_views.manage, name="manage"),
    path(
        "<slug:slug>/manage/requests/<int:request_id>/approve/",
        manage_views.approve,
        name="approve",
    ),
    path(
        "<slug:slug>/manage/requests/<int:request_id>/decline/",
        manage_views.decline,
        name="decline",
    ),
    path("<slug:slug>/manage/invites/", manage_views.create_invite, name="create_invite"),
    path(
        "<slug:slug>/manage/invites/<int:invite_id>/revoke/",
        manage_views.revoke_invite,
        name="revoke_invite",
    ),
    path(
        "<slug:slug>/manage/members/<int:membership_id>/role/",
        manage_views.change_role,
        name="change_role",
    ),
    path(
        "<slug:slug>/manage/members/<int:membership_id>/remove/",
        manage_views.remove,
        name="remove_member",
    ),
    path("<slug:slug>/threads/", include("halqa.conversations.urls", namespace="conversations")),
]
