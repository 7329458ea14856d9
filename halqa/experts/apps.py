from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "halqa.experts"
    label = "experts"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.core.encrypted import register_encrypted
        from halqa.experts.export import export_experts

        register_export_section("experts", export_experts)
        # Encrypted at rest: `halqa rotate-keys` re-encrypts these.
        register_encrypted("experts.Application", "licence_number", "licence_body")
