"""Halqa settings: one file, read from the environment (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from halqa.core.env import env_bool, env_database, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("HALQA_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("HALQA_DEBUG", default=False)
SECRET_KEY = secret_key("HALQA_SECRET_KEY", VAR_DIR / "secret_key")
ENCRYPTION_KEYS = env_list("HALQA_ENCRYPTION_KEYS", [])
ENCRYPTION_KEY_FILE = VAR_DIR / "encryption_key"
ALLOWED_HOSTS = env_list("HALQA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("HALQA_CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("HALQA_HTTPS", default=False)
REDIS_URL = env_str("REDIS_URL")

SITE_NAME = env_str("HALQA_SITE_NAME", "Halqa")
MINIMUM_AGE = env_int("HALQA_MINIMUM_AGE", 16, minimum=13)
DEFAULT_COUNTRY = env_str("HALQA_DEFAULT_COUNTRY").upper()
REGISTRATION_OPEN = env_bool("HALQA_REGISTRATION_OPEN", default=True)
QUICK_EXIT_URL = env_str("HALQA_QUICK_EXIT_URL", "https://www.wikipedia.org/")
LOGIN_ATTEMPTS = env_int("HALQA_LOGIN_ATTEMPTS", 5, minimum=1)
LOGIN_WINDOW_SECONDS = env_int("HALQA_LOGIN_WINDOW_SECONDS", 900, minimum=1)
EDIT_WINDOW_MINUTES = env_int("HALQA_EDIT_WINDOW_MINUTES", 30, minimum=1)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "ninja",  # the API docs page: Swagger UI from its bundled static files (halqa/api.py)
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "halqa.core",
    "halqa.accounts",
    "halqa.safety",
    "halqa.groups",
    "halqa.conversations",
    "halqa.live",
    "halqa.notifications",
    "halqa.moderation",
    "halqa.trust",
    "halqa.resources",
    "halqa.experts",
    "halqa.growth",
    "halqa.journal",
    "halqa.console",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "halqa.core.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "halqa.core.middleware.language",
    "halqa.core.middleware.refuse_nul_bytes",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "halqa.accounts.middleware.note_session_use",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "halqa.urls"
ASGI_APPLICATION = "halqa.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "halqa.core.context.site",
                "halqa.notifications.context.unread",
            ],
        },
    },
]

# PostgreSQL: a pool of at most HALQA_DB_POOL_MAX connections per process (0: no pool); a
# request waiting longer than HALQA_DB_POOL_TIMEOUT seconds for one is a 503 (docs/deploy.md).
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        VAR_DIR / "halqa.sqlite3",
        pool_max=env_int("HALQA_DB_POOL_MAX", 10),
        pool_timeout=env_int("HALQA_DB_POOL_TIMEOUT", 5, minimum=1),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Threads for the live rooms' database work in each process (halqa.live.db); each holds a
# database connection while it works, so keep it well under HALQA_DB_POOL_MAX.
HALQA_LIVE_DB_THREADS = env_int("HALQA_LIVE_DB_THREADS", 4, minimum=1)
# HTTP requests that run Django at once in each process (halqa.core.bounded); the others wait
# in arrival order without a thread. 0: no bound.
HALQA_HTTP_THREADS = env_int("HALQA_HTTP_THREADS", 8)

if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py 8 reads with a 5 s socket timeout by default, the length of channels_redis'
            # blocking pop: an idle room would crash its consumers (django/channels_redis#422).
            # channels_redis drops events beyond 100 queued per connection by default; a busy
            # room would then fall back to the consumer's slower gap repair.
            # redis-py 8 caps a pool at 100 connections and raises MaxConnectionsError past it,
            # (46 times in the soak's `kill` run, docs/reliability.md finding 1). 1,000 per
            # process stays far inside Redis' default maxclients (10,000).
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15, "max_connections": 1000}],
                "capacity": 1000,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A burst waits up to HALQA_REDIS_POOL_TIMEOUT seconds for one of at most
            # HALQA_REDIS_POOL_MAX connections instead of failing at once (MaxConnectionsError).
            "OPTIONS": {
                "pool_class": "redis.BlockingConnectionPool",
                "max_connections": env_int("HALQA_REDIS_POOL_MAX", 100, minimum=1),
                "timeout": env_int("HALQA_REDIS_POOL_TIMEOUT", 5, minimum=1),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "halqa.accounts.passwords.SimilarToPseudonymValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = SITE_NAME

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "halqa_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS  # like the session and CSRF cookies (HALQA_HTTPS)
USE_I18N = True
FORMAT_MODULE_PATH = ["halqa.formats"]
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Files operators upload (resource videos). Never served at a public URL: a view checks access
# first, then streams the file (Range requests) or hands it to the proxy (X-Accel-Redirect).
MEDIA_ROOT = Path(env_str("HALQA_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_ACCEL_REDIRECT = env_str("HALQA_MEDIA_ACCEL_REDIRECT")  # e.g. "/_halqa_media/" for nginx
VIDEO_MAX_MB = env_int("HALQA_VIDEO_MAX_MB", 200, minimum=1)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security baseline (DESIGN §5); HTTPS-only parts switch on with HALQA_HTTPS.
SESSION_COOKIE_NAME = "halqa_session"
# Database sessions that know their member, so they can be listed and ended (accounts.sessions).
SESSION_ENGINE = "halqa.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("HALQA_SESSION_DAYS", 14, minimum=1) * 86400
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS and env_bool("HALQA_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("HALQA_HSTS_PRELOAD", default=False)
# Joining the browsers' preload list is a lasting commitment an operator makes, not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Not "no-referrer": with it, Chromium sends `Origin: null` on every form post and Django's
# CSRF origin check rightly refuses them. "same-origin" still sends nothing to other hosts.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("HALQA_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("HALQA_LOG_LEVEL", "INFO")},
    # Request logs would carry client addresses and paths with pseudonyms: keep them out.
    "loggers": {"django.request": {"level": "ERROR"}, "uvicorn.access": {"level": "WARNING"}},
}

# Crisis response (halqa.safety): escalation of unanswered urgent cases, moderation hours, on-call.
CRISIS_ESCALATE_MINUTES = env_int("HALQA_CRISIS_ESCALATE_MINUTES", 10, minimum=1)
# "09:00-21:00" (overnight like "20:00-08:00" works too); empty: moderated around the clock.
MODERATION_HOURS = env_str("HALQA_MODERATION_HOURS")
MODERATION_TIME_ZONE = env_str("HALQA_MODERATION_TIME_ZONE", "UTC")
ON_CALL = env_list("HALQA_ON_CALL", [])

# Moderation (halqa.moderation): out of hours, an item with this many independent flags is
# hidden pending review; each member may flag this many items an hour; the lead moderator
# (a pseudonym; empty: the operators) is told when a moderator asks for a debrief.
FLAGS_TO_HIDE = env_int("HALQA_FLAGS_TO_HIDE", 3, minimum=1)
FLAGS_PER_HOUR = env_int("HALQA_FLAGS_PER_HOUR", 10, minimum=1)
LEAD_MODERATOR = env_str("HALQA_LEAD_MODERATOR")

# Growth (halqa.growth): "COUNT/WINDOW/SCORE": a sustained low mood is COUNT of the member's
# last WINDOW mood entries at SCORE or lower; it offers that member resources, no one else.
LOW_MOOD_RULE = env_str("HALQA_LOW_MOOD_RULE", "5/7/1")

# Trust (halqa.trust): posting rate limits by trust level and the slower pace of new members in
# live rooms. The limits themselves are operator settings in the database (/trust/policy/);
# turn this off only for imports and load tests.
TRUST_RATE_LIMITS = env_bool("HALQA_TRUST_RATE_LIMITS", True)
