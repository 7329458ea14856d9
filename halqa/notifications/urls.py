from django.urls import path

from halqa.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:notification_id>/open/", views.open_notification, name="open"),
    path("<int:notification_id>/go/", views.follow, name="follow"),
    path("read-all/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
]
