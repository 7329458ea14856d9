from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "halqa.core"
    label = "core"
