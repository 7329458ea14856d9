from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "halqa.resources"
    label = "resources"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.resources.export import export_resources

        register_export_section("resources", export_resources)
