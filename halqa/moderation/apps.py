from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "halqa.moderation"
    label = "moderation"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.core.encrypted import register_encrypted
        from halqa.moderation.export import export_moderation

        register_export_section("moderation", export_moderation)
        # Encrypted at rest: `halqa rotate-keys` re-encrypts these.
        register_encrypted("moderation.Flag", "note_encrypted")
        register_encrypted("moderation.Appeal", "statement_encrypted")
        register_encrypted("moderation.Redaction", "previous_encrypted")
