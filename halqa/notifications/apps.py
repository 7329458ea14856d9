from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "halqa.notifications"
    label = "notifications"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.notifications.export import export_notifications

        register_export_section("notifications", export_notifications)
