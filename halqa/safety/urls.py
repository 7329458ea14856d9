from django.urls import path

from halqa.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.crisis, name="crisis"),
    path("manage/", views.manage, name="manage"),
    path("manage/<int:helpline_id>/check/", views.mark_checked, name="mark_checked"),
]
