from django.urls import path

from halqa.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.site_settings, name="settings"),
    path("settings/logo/", views.upload_logo, name="upload_logo"),
    path("settings/logo/remove/", views.remove_logo, name="remove_logo"),
    path("logo/<str:version>/", views.logo, name="logo"),
    path("staff/", views.staff, name="staff"),
    path("staff/role/", views.change_role, name="change_role"),
    path("staff/invites/", views.invite, name="invite"),
    path("staff/invites/<int:invite_id>/revoke/", views.revoke, name="revoke"),
    path("invite/<str:key>/", views.accept, name="accept"),
    path("health/", views.health_page, name="health"),
    path("metrics/", views.metrics_page, name="metrics"),
]
