from django.urls import path

from halqa.core.placeholder import placeholder

app_name = "groups"
urlpatterns = [path("", placeholder, name="directory")]
