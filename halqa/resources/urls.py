from django.urls import URLPattern, path

from halqa.resources import author_views, views

app_name = "resources"

urlpatterns: list[URLPattern] = [
    path("", views.library, name="library"),
    path("mine/", views.mine, name="mine"),
    path("manage/", author_views.manage, name="manage"),
    path("new/", author_views.new, name="new"),
    path("<int:resource_id>/", views.detail, name="detail"),
    path("<int:resource_id>/leave/", views.leave, name="leave"),
    path("<int:resource_id>/video/", views.video, name="video"),
    path("<int:resource_id>/save/", views.save, name="save"),
    path("<int:resource_id>/rate/", views.rate, name="rate"),
    path("<int:resource_id>/edit/", author_views.edit, name="edit"),
    path("<int:resource_id>/<str:step>/", author_views.move, name="move"),
]
