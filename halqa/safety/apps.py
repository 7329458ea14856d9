from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "halqa.safety"
    label = "safety"
