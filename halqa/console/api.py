"""console over JSON: the same checks and figures as the pages, for monitoring tools.

Operators only (their tokens were issued after the two-factor code); others get 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.console import health, metrics
from halqa.console.actions import is_operator

router = Router(tags=["console"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((401, 403), ErrorOut)


def _operator(request: HttpRequest) -> None:
    if not is_operator(current_member(request)):
        raise PermissionDenied


@router.get("/health", response={200: dict[str, Any], **ERRORS})
def health_report(request: HttpRequest) -> dict[str, Any]:
    """Database, Redis, worker heartbeat, queue backlog, disk and helpline checks; `ok` is
    false when any check needs attention."""
    _operator(request)
    return health.report()


@router.get("/metrics", response={200: dict[str, Any], **ERRORS})
def metrics_report(request: HttpRequest) -> dict[str, Any]:
    """Counts only, for the last 30 days (per day) and summaries; no member content."""
    _operator(request)
    return metrics.as_json(metrics.figures())
