from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "halqa.groups"
    label = "groups"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.groups.export import export_groups

        register_export_section("groups", export_groups)
