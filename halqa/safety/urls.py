from django.urls import path

from halqa.core.placeholder import placeholder

app_name = "safety"
urlpatterns = [path("", placeholder, name="crisis")]
