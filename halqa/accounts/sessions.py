"""Browser sessions a member can see and end: Django's database sessions, with whose they are.

SESSION_ENGINE points here. Each row also keeps a public id (to name it in a page or the API
without revealing the session key), the kind of device and the browser family summarised from
the User-Agent when the member signs in, and the date it was last used. The raw User-Agent and
the client address are never kept. Deleting a row ends that session: its cookie no longer
opens anything, pages, forms or a WebSocket on its next connect.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.utils import timezone

# Keys inside the session data; the columns are copied from them on every save (Django's
# database store rewrites the whole row each time).
PUBLIC_ID = "_halqa_sid"
DEVICE = "_halqa_device"
BROWSER = "_halqa_browser"
SINCE = "_halqa_since"
SEEN = "_halqa_seen"


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from halqa.accounts.models import MemberSession

        return MemberSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        row: Any = super().create_model_instance(data)
        user_id = str(data.get(SESSION_KEY) or "")
        row.user_id = int(user_id) if user_id.isdigit() else None
        row.public_id = data.get(PUBLIC_ID) or secrets.token_urlsafe(12)
        row.device = data.get(DEVICE, "")
        row.browser = data.get(BROWSER, "")
        row.signed_in_at = _moment(data.get(SINCE))
        row.last_seen = _moment(data.get(SEEN))
        return row


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def summarise(user_agent: str) -> tuple[str, str]:
    """(device kind, browser family) from a User-Agent, as coarse codes (enums.DeviceKind, …)."""
    agent = user_agent[:512]
    if "iPad" in agent or "Tablet" in agent or ("Android" in agent and "Mobile" not in agent):
        kind = "tablet"
    elif "Mobile" in agent or "iPhone" in agent or "Android" in agent:
        kind = "phone"
    elif any(word in agent for word in ("Windows", "Macintosh", "X11", "Linux", "CrOS")):
        kind = "computer"
    else:
        kind = "other"
    browsers = (
        ("Edg", "edge"),
        ("OPR/", "opera"),
        ("SamsungBrowser", "samsung"),
        ("Firefox/", "firefox"),
        ("FxiOS", "firefox"),
        ("CriOS", "chrome"),
        ("Chrome/", "chrome"),
        ("Safari/", "safari"),
    )
    browser = next((name for marker, name in browsers if marker in agent), "other")
    return kind, browser


def on_login(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    """Name the new session: its public id, device kind and browser, and when it began."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = timezone.now()
    kind, browser = summarise(request.headers.get("User-Agent", ""))
    session[PUBLIC_ID] = secrets.token_urlsafe(12)
    session[DEVICE], session[BROWSER] = kind, browser
    session[SINCE] = now.isoformat()
    session[SEEN] = _day(now).isoformat()


def note_use(session: Any, now: datetime | None = None) -> None:
    """On a signed-in request: date the session's use, at most one write a day. Sessions from
    before they were named (copied by the migration) get an id, but no device."""
    now = now or timezone.now()
    if PUBLIC_ID not in session:  # a lasting id (a copied row gets a new one on each save)
        session[PUBLIC_ID] = secrets.token_urlsafe(12)
    seen, today = _moment(session.get(SEEN)), _day(now)
    if seen is None or seen < today:
        session[SEEN] = today.isoformat()


def _day(now: datetime) -> datetime:
    """The start of `now`'s day (site time zone): only the day of use is kept."""
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
