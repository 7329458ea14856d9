from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "halqa.live"
    label = "live"
