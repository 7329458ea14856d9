"""Test settings: the production settings, with only what tests need changed."""

import os
from urllib.parse import urlparse

os.environ.setdefault("HALQA_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

from halqa.settings import *  # noqa: F403
from halqa.settings import DATABASES, PASSWORD_HASHERS

# Argon2 on purpose costs ~50 ms; tests hash hundreds of passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
# Most tests post faster than a new member may; tests of the limits turn them on (tests/trust).
TRUST_RATE_LIMITS = False
# Tasks run inline so a test sees their effect at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Manifest storage needs collectstatic; tests serve from the finders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# An in-memory SQLite test database unless DATABASE_URL points at PostgreSQL.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Parallel workers share one Redis in the PostgreSQL run: keep their keys and groups apart.
# Each worker's cache gets its own Redis database, because cache.clear() flushes a whole one.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_CACHE_DB = 1 + int(_WORKER.removeprefix("gw")) if _WORKER.startswith("gw") else 15
if REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlparse(REDIS_URL)._replace(path=f"/{_CACHE_DB}").geturl(),  # noqa: F405
            "KEY_PREFIX": f"test-{_WORKER}",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],  # noqa: F405
                "prefix": f"test-{_WORKER}",
                "capacity": 1000,
            },
        }
    }
# WhiteNoise warns (an error under -W error) when STATIC_ROOT does not exist yet.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# One database thread for the live rooms in-process, as in Channels' default: on SQLite, threads
# share the in-memory database through the shared cache, whose table locks fail at once
# instead of waiting; on PostgreSQL, the pooled connections of extra threads outlive the test
# database's teardown. The real servers of tests/scaleout, tests/topology and the browser tests
# run with production settings: several threads (halqa.live.db).
HALQA_LIVE_DB_THREADS = 1
