from django.urls import include, path

from halqa.api import api

urlpatterns = [
    path("", include("halqa.core.urls")),
    path("accounts/", include("halqa.accounts.urls")),
    path("crisis/", include("halqa.safety.urls")),
    path("groups/", include("halqa.groups.urls")),
    path("live/", include("halqa.live.urls")),
    path("notifications/", include("halqa.notifications.urls")),
    path("api/", api.urls),
]
