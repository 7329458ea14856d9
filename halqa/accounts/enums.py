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


# Roles that see other members' data or act on it: they must use two-factor authentication.
STAFF_ROLES = frozenset({Role.MODERATOR, Role.EXPERT, Role.OPERATOR})
