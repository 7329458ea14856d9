"""A signed-in browser session minted outside a request (what Client.force_login leaves), for
the harnesses that drive real servers: browser tests, the scale-out test, make soak."""

from __future__ import annotations

from importlib import import_module
from typing import Any


def signed_in_session(user: Any, *, device: Any = None) -> str:
    """The session key (the cookie's value) of a session in the configured SESSION_ENGINE;
    with `device`, a confirmed TOTP device, the session has passed two-factor."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    # The configured engine: a cookie minted in another engine's table opens nothing.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return str(store.session_key)
