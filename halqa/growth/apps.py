from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "halqa.growth"
    label = "growth"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.core.encrypted import register_encrypted
        from halqa.growth.export import export_growth

        register_export_section("growth", export_growth)
        # Encrypted at rest: `halqa rotate-keys` re-encrypts these.
        register_encrypted("growth.CheckIn", "note_token")
        register_encrypted("growth.MoodEntry", "note_token")
