from django.urls import path

from halqa.core.placeholder import placeholder

app_name = "accounts"
urlpatterns = [
    path("login/", placeholder, name="login"),
    path("logout/", placeholder, name="logout"),
    path("signup/", placeholder, name="signup"),
    path("settings/", placeholder, name="settings"),
]
