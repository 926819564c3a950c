"""Settings of the platform, read only from environment variables (see README, "Configuration").

One module serves every mode (embedded demo, production on one machine, several machines); the mode is
``HRBUREAU_ENV``. A bad value fails at start-up with a message naming the variable (``core.env``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hrbureau.core.env import Env, SettingError, development_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = Env()


def _fail(error: SettingError) -> None:
    raise ImproperlyConfigured(f"hrbureau configuration error: {error}") from error


try:
    HRBUREAU_ENV = env.choice("HRBUREAU_ENV", "development", ["development", "production"])
    PRODUCTION = HRBUREAU_ENV == "production"
    VAR_DIR = Path(env.string("HRBUREAU_VAR_DIR", str(BASE_DIR / "var"))).resolve()

    DEBUG = env.boolean("DEBUG", default=not PRODUCTION)
    if PRODUCTION and DEBUG:
        raise SettingError("DEBUG must be false when HRBUREAU_ENV=production")

    if PRODUCTION:
        SECRET_KEY = env.string("SECRET_KEY", required=True)
        if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
            raise SettingError("SECRET_KEY must be a random value of at least 50 characters in production")
    else:
        SECRET_KEY = env.string("SECRET_KEY") or development_secret_key(VAR_DIR / "secret_key")

    ALLOWED_HOSTS = env.strings("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
    if PRODUCTION and not ALLOWED_HOSTS:
        raise SettingError("ALLOWED_HOSTS is required in production (comma-separated host names)")
    CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS", [])

    _default_db = f"sqlite:///{VAR_DIR / 'hrbureau.sqlite3'}"
    _database_url = env.string("DATABASE_URL", _default_db)
    if not _database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise SettingError(
            f"DATABASE_URL must start with sqlite:// or postgres(ql)://, got {_database_url.split(':')[0]!r}"
        )
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=0)
    except Exception as exc:  # dj_database_url raises several kinds for a malformed URL
        raise SettingError(f"DATABASE_URL cannot be parsed: {exc}") from exc
    if _db["ENGINE"] == "django.db.backends.sqlite3":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the web server read while the task worker writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on busy_timeout instead of failing with "database is locked".
        _db["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        _db["CONN_MAX_AGE"] = env.integer("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        _db["CONN_HEALTH_CHECKS"] = True
        # TCP keepalives, so that a long statement (a bulk import, a report) is not cut off by a firewall
        # or NAT that drops connections it thinks idle.
        _db["OPTIONS"] = {
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 5,
        }
    _db["TEST"] = {"NAME": env.string("DATABASE_TEST_NAME") or None}
    if _db["ENGINE"] != "django.db.backends.sqlite3" and env.string("DATABASE_TEST_TEMPLATE"):
        # CI creates the test database from a template with a UTF-8 LC_CTYPE (pg_trgm needs it for Chinese).
        _db["TEST"]["TEMPLATE"] = env.string("DATABASE_TEST_TEMPLATE")
    DATABASES = {"default": _db}

    EMAIL_BACKEND = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
    }[env.choice("EMAIL_BACKEND", "smtp" if PRODUCTION else "file", ["console", "file", "smtp", "memory"])]
    EMAIL_FILE_PATH = str(VAR_DIR / "outbox" / "email")
    EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
    EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env.string("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", default=False)
    DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "hrbureau@localhost")
    # SMS goes through a pluggable backend of our own (hrbureau.core.sms); "file" writes each message to
    # VAR_DIR/outbox/sms so development needs no gateway.
    SMS_BACKEND = env.choice(
        "SMS_BACKEND", "console" if PRODUCTION else "file", ["console", "file", "memory"]
    )
    SMS_FILE_PATH = str(VAR_DIR / "outbox" / "sms")

    SESSION_IDLE_MINUTES = env.integer("SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
    # DOMAIN.md §6 "lock after 5 failed logins", counted per user name *and* client address, so that a
    # stranger guessing from elsewhere never locks the real user out of their own address (ADR 013).
    LOGIN_MAX_FAILURES = env.integer("LOGIN_MAX_FAILURES", 5, minimum=1, maximum=100)
    LOGIN_LOCKOUT_MINUTES = env.integer("LOGIN_LOCKOUT_MINUTES", 30, minimum=1)
    # Guessing spread over many addresses: past this many failures on one user name within the lockout
    # period, it takes one attempt per LOGIN_ACCOUNT_SLOWDOWN_SECONDS (browsers it signed in from before
    # are exempt). Spraying many user names from one address: past this many, the address waits.
    LOGIN_ACCOUNT_MAX_FAILURES = env.integer("LOGIN_ACCOUNT_MAX_FAILURES", 50, minimum=1)
    LOGIN_ACCOUNT_SLOWDOWN_SECONDS = env.integer(
        "LOGIN_ACCOUNT_SLOWDOWN_SECONDS", 60, minimum=1, maximum=3600
    )
    LOGIN_ADDRESS_MAX_FAILURES = env.integer("LOGIN_ADDRESS_MAX_FAILURES", 30, minimum=1)
    # Rate limits kept in the cache (core.ratelimit), each "count/period" (s, m, h, d).
    RATE_LIMITS = {
        "password-reset-address": env.rate("PASSWORD_RESET_LIMIT_PER_ADDRESS", "10/h"),
        "password-reset-account": env.rate("PASSWORD_RESET_LIMIT_PER_ACCOUNT", "3/h"),
        "public-lookup-address": env.rate("PUBLIC_LOOKUP_LIMIT_PER_ADDRESS", "30/h"),
        "public-lookup-identifier": env.rate("PUBLIC_LOOKUP_LIMIT_PER_IDENTIFIER", "20/d"),
        "respondent-lookup-user": env.rate("RESPONDENT_LOOKUP_LIMIT_PER_USER", "30/10m"),
        "password-change-user": env.rate("PASSWORD_CHANGE_LIMIT_PER_USER", "5/15m"),
    }
    AUDIT_RETENTION_DAYS = env.integer("AUDIT_RETENTION_DAYS", 183, minimum=183)

    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", default=PRODUCTION)
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
    SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", default=PRODUCTION)
    BEHIND_TLS_PROXY = env.boolean("BEHIND_TLS_PROXY", default=False)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # How many reverse proxies append to X-Forwarded-For in front of the platform: the client's address
    # (audit, lockout, rate limits) is the entry the outermost one appended; 0 means REMOTE_ADDR.
    TRUSTED_PROXY_COUNT = env.integer(
        "TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0, maximum=5
    )
    SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", default=PRODUCTION)
    CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", default=PRODUCTION)
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE

    # How often ``manage.py serve`` runs the deadline sweep.
    SWEEP_INTERVAL_SECONDS = env.integer("SWEEP_INTERVAL_SECONDS", 900, minimum=10, maximum=86400)
    TASKS_BACKEND = env.choice("TASKS_BACKEND", "database", ["database", "immediate"])
    # The most cells (rows × columns, from the first to the last filled cell) one imported file may have:
    # a spreadsheet parser holds the whole sheet, so this bounds the worker's memory (about 100 bytes a
    # cell). A larger file is refused with a message saying how to split it.
    IMPORT_MAX_CELLS = env.integer("IMPORT_MAX_CELLS", 3_000_000, minimum=10_000)
    # How often a running import tells that its process is alive; one silent for several periods is dead.
    IMPORT_HEARTBEAT_SECONDS = env.integer("IMPORT_HEARTBEAT_SECONDS", 10, minimum=1, maximum=300)
    # The names the arbitration commission's documents and case numbers carry (案号: prefix〔year〕n号).
    ARBITRATION_COMMISSION_NAME = env.string("ARBITRATION_COMMISSION_NAME", "区劳动人事争议仲裁委员会")
    ARBITRATION_CASE_PREFIX = env.string("ARBITRATION_CASE_PREFIX", "劳人仲案")
    LOG_LEVEL = env.choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"])
except SettingError as error:
    _fail(error)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "hrbureau.core",
    "hrbureau.accounts",
    "hrbureau.enterprises",
    "hrbureau.people",
    "hrbureau.petitions",
    "hrbureau.arbitration",
    "hrbureau.labour",
    "hrbureau.compliance",
    "hrbureau.hrmarket",
    "hrbureau.policies",
    "hrbureau.talent",
    "hrbureau.personnel",
    "hrbureau.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hrbureau.core.middleware.CleanQueryStringMiddleware",
    "hrbureau.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hrbureau.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hrbureau.core.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hrbureau.core.middleware.RateLimitedMiddleware",
    "hrbureau.core.middleware.PermissionDeniedAuditMiddleware",
]

ROOT_URLCONF = "hrbureau.urls"
WSGI_APPLICATION = "hrbureau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hrbureau.core.context_processors.platform",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "hrbureau.core.templatetags.hrbureau",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["hrbureau.accounts.backends.RoleBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # DOMAIN.md §6: at least 8 characters drawn from at least 3 of the 4 character classes.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "hrbureau.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# The idle timeout of DOMAIN.md §6 (core.middleware.IdleTimeoutMiddleware): a session ends after
# SESSION_IDLE_MINUTES without a request, on the server as well as in the browser.
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "hrbureau.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "hrbureau_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded case files live outside the web root and are served only through permission-checked views.
PRIVATE_FILES_ROOT = VAR_DIR / "files"
MEDIA_ROOT = PRIVATE_FILES_ROOT
MEDIA_URL = "/files/"  # never served directly; see core.files

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# A file cache by default: shared by the web server and the worker on one machine (import progress).
# Several machines need a shared cache: set CACHE_URL=redis://host:6379/0 (django's RedisCache).
_cache_url = env.string("CACHE_URL")
if _cache_url.startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url:
    _fail(SettingError(f"CACHE_URL must be a redis:// URL, got {_cache_url.split(':')[0]!r}"))
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

NINJA_PAGINATION_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
