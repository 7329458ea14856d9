from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "halqa.core"
    label = "core"

    def ready(self) -> None:
        from halqa.core import checks  # noqa: F401  (registers the deploy checks)
