from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    MEMBER = "member", pgettext_lazy("role", "Member")
    FACILITATOR = "facilitator", pgettext_lazy("role", "Facilitator")
    MODERATOR = "moderator", pgettext_lazy("role", "Moderator")
    EXPERT = "expert", pgettext_lazy("role", "Expert")
    OPERATOR = "operator", pgettext_lazy("role", "Operator")


class Language(models.TextChoices):
    ARABIC = "ar", "العربية"
    ENGLISH = "en", "English"


class DeviceKind(models.TextChoices):
    """What kind of device a browser session is on, summarised from its User-Agent."""

    PHONE = "phone", pgettext_lazy("device kind", "Phone")
    TABLET = "tablet", pgettext_lazy("device kind", "Tablet")
    COMPUTER = "computer", pgettext_lazy("device kind", "Computer")
    OTHER = "other", pgettext_lazy("device kind", "Other device")


class Browser(models.TextChoices):
    CHROME = "chrome", "Chrome"
    EDGE = "edge", "Edge"
    FIREFOX = "firefox", "Firefox"
    OPERA = "opera", "Opera"
    SAFARI = "safari", "Safari"
    SAMSUNG = "samsung", pgettext_lazy("browser", "Samsung Internet")
    OTHER = "other", pgettext_lazy("browser", "another browser")


# Roles that see other members' data or act on it: they must use two-factor authentication.
STAFF_ROLES = frozenset({Role.MODERATOR, Role.EXPERT, Role.OPERATOR})
