from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "halqa.live"
    label = "live"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.live.export import export_live

        register_export_section("live", export_live)
