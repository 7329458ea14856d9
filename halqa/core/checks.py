"""Deployment checks of our own, beside Django's `check --deploy`."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_halqa_secrets(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if not os.environ.get("HALQA_SECRET_KEY"):
        problems.append(
            Warning(
                "HALQA_SECRET_KEY is not set: a key generated for the demo is in use.",
                hint="Set HALQA_SECRET_KEY to a long random value kept outside the code.",
                id="halqa.W001",
            )
        )
    if not settings.ENCRYPTION_KEYS:
        problems.append(
            Warning(
                "HALQA_ENCRYPTION_KEYS is not set: journals would be encrypted with a demo key.",
                hint="Set it to a Fernet key; docs/configuration.md says how to make one.",
                id="halqa.W002",
            )
        )
    if not settings.HTTPS:
        problems.append(
            Warning(
                "HALQA_HTTPS is off: cookies are sent without the Secure flag and no HSTS.",
                hint="Serve Halqa over HTTPS and set HALQA_HTTPS=true.",
                id="halqa.W003",
            )
        )
    return problems
