from typing import Any

from django.apps import AppConfig
from django.core import checks


class SafetyConfig(AppConfig):
    name = "halqa.safety"
    label = "safety"

    def ready(self) -> None:
        from halqa.accounts.export import register_export_section
        from halqa.core.encrypted import register_encrypted
        from halqa.safety.export import export_safety

        register_export_section("safety", export_safety)
        checks.register(check_moderation_hours)
        # Encrypted at rest: `halqa rotate-keys` re-encrypts these.
        register_encrypted("safety.SafetyContact", "sealed")


def check_moderation_hours(**kwargs: Any) -> list[checks.CheckMessage]:
    """A bad HALQA_MODERATION_HOURS or time zone stops `halqa check` with one clear line."""
    from django.core.exceptions import ImproperlyConfigured

    from halqa.safety.hours import moderation_hours

    try:
        moderation_hours()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="safety.E001")]
    return []
