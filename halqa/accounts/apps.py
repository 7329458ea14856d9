from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "halqa.accounts"
    label = "accounts"
