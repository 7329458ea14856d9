"""What the task worker does on a clock, so that an installation needs no cron to stay safe.

Every minute: escalate urgent crisis cases nobody answered (`safety.escalation.sweep`, the safety
net under the per-case scheduled task). Every hour: delete expired browser sessions. Both are
idempotent, so several workers may run them at once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

log = logging.getLogger(__name__)

TICK = 60  # seconds between looks
SESSIONS_EVERY = timedelta(hours=1)


@dataclass
class Housekeeping:
    """The chores and when each last ran, in one worker process."""

    sessions_cleared_at: datetime | None = None
    escalated: int = field(default=0)

    def run_due(self, now: datetime | None = None) -> None:
        from halqa.safety.escalation import sweep

        now = now or timezone.now()
        self.escalated += sweep(now)
        if self.sessions_cleared_at is None or now - self.sessions_cleared_at >= SESSIONS_EVERY:
            import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
            self.sessions_cleared_at = now


def _loop(chores: Housekeeping, stop: threading.Event) -> None:
    while not stop.wait(TICK):
        try:
            close_old_connections()
            chores.run_due()
        except DatabaseError:
            log.warning("housekeeping: the database is away; trying again in a minute")
        except Exception:  # a chore's bug must not stop the next minute's escalation
            log.exception("housekeeping failed; trying again in a minute")
        finally:
            connection.close()


def start_housekeeping() -> threading.Event:
    """Run the chores in a daemon thread for the life of the process; set the event to stop."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_loop, args=(Housekeeping(), stop), name="halqa-housekeeping", daemon=True
    )
    thread.start()
    return stop
