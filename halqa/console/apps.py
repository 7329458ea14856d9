from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConsoleConfig(AppConfig):
    name = "halqa.console"
    label = "console"

    def ready(self) -> None:
        from halqa.console import site

        post_migrate.connect(site.warm, sender=self, dispatch_uid="console-warm")
