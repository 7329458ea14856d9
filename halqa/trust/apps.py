from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "halqa.trust"
    label = "trust"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.trust.export import export_trust

        register_export_section("trust", export_trust)
