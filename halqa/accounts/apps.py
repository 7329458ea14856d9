from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "halqa.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from halqa.accounts.sessions import on_login

        # Django's own hook: every way of logging in (pages, two-factor, tests' force_login).
        user_logged_in.connect(on_login, dispatch_uid="accounts-name-session")
