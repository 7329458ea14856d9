from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "halqa.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from halqa.core import checks  # noqa: F401  (registers the deploy checks)
        from halqa.core.sqlite_wal import keep_wal_open

        connection_created.connect(keep_wal_open, dispatch_uid="halqa-sqlite-keep-wal-open")
