from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "halqa.conversations"
    label = "conversations"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.conversations.export import export_conversations

        register_export_section("conversations", export_conversations)
