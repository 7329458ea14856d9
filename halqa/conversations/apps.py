from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "halqa.conversations"
    label = "conversations"
