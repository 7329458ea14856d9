from django.urls import include, path

from halqa.api import api
from halqa.console.views import live

urlpatterns = [
    path("", include("halqa.core.urls")),
    path("healthz", live, name="healthz"),  # liveness for load balancers; reveals nothing
    path("accounts/", include("halqa.accounts.urls")),
    path("crisis/", include("halqa.safety.urls")),
    path("groups/", include("halqa.groups.urls")),
    path("live/", include("halqa.live.urls")),
    path("notifications/", include("halqa.notifications.urls")),
    path("moderation/", include("halqa.moderation.urls")),
    path("trust/", include("halqa.trust.urls")),
    path("resources/", include("halqa.resources.urls")),
    path("experts/", include("halqa.experts.urls")),
    path("growth/", include("halqa.growth.urls")),
    path("journal/", include("halqa.journal.urls")),
    path("console/", include("halqa.console.urls")),
    path("api/", api.urls),
]

handler500 = "halqa.core.errors.server_error"  # 503 when the database cannot answer
