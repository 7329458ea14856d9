from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "halqa.groups"
    label = "groups"
