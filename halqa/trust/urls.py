from django.urls import URLPattern, path

from halqa.trust import views

app_name = "trust"

urlpatterns: list[URLPattern] = [
    path("coach/", views.coach, name="coach"),
    path("policy/", views.site_policy, name="policy"),
    path("groups/<slug:slug>/", views.group_settings, name="group"),
]
