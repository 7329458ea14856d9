from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "halqa.journal"
    label = "journal"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.core.encrypted import register_encrypted
        from halqa.journal.export import export_journal

        register_export_section("journal", export_journal)
        # Encrypted at rest: `halqa rotate-keys` re-encrypts these.
        register_encrypted("journal.Entry", "sealed")
        register_encrypted("journal.SafetyPlan", "sealed")
