"""Draagvlak settings: one module, driven by environment variables (see .env.example)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DRAAGVLAK_DEBUG", False)

SECRET_KEY = env_str("DRAAGVLAK_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DRAAGVLAK_SECRET_KEY to a long random value "
            "(or DRAAGVLAK_DEBUG=1 for development)."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DRAAGVLAK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "axes",
    "accounts",
    "projects",
    "parties",
    "history",
    "transfer",
    "api",
    "forcefield",
    "analysis",
    "planning",
    "engagement",
    "reports",
    "governance",
    "evidence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lib.security.ContentSecurityPolicyMiddleware",
    # Last, so it sees the sign-in page a lock-out produced and gives it its 429 status.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "draagvlak.urls"
WSGI_APPLICATION = "draagvlak.wsgi.application"
ASGI_APPLICATION = "draagvlak.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]


# WAL lets readers work while one request writes; IMMEDIATE takes the write lock at the start of
# a transaction so concurrent writers wait instead of failing mid-way. Every SQLite database gets
# this, whether it is the default file or named by DATABASE_URL.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        VAR_DIR.mkdir(exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "draagvlak.sqlite3"}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Kept open between requests, like PostgreSQL's: opening one and setting it up cost about
        # a quarter of a party-list request. In WAL mode an idle connection holds no lock.
        config["CONN_MAX_AGE"] = 60
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        # Several test runs on one machine each name their own file.
        test_name = env_str("DRAAGVLAK_TEST_DB") or str(VAR_DIR / "test.sqlite3")
        config["TEST"] = {"NAME": test_name}
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app server: the database by default (its table comes with `migrate`), Redis when
# DRAAGVLAK_REDIS_URL is set. Never one process's memory: a second worker would recompute.
_REDIS_URL = env_str("DRAAGVLAK_REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
        if _REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "draagvlak_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}

AUTH_USER_MODEL = "accounts.User"
# The throttle comes first: it counts an attempt before any password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ThrottleBackend",
    "accounts.backends.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "projects:list"
LOGOUT_REDIRECT_URL = "accounts:login"


def _trusted_proxy_count() -> int:
    count = env_int("DRAAGVLAK_TRUSTED_PROXY_COUNT", 0)
    if count < 0:
        raise ImproperlyConfigured("DRAAGVLAK_TRUSTED_PROXY_COUNT must be 0 or more.")
    return count


# How many reverse proxies in front of the app append to X-Forwarded-For. 0: the client address
# is REMOTE_ADDR and the header is ignored, because anyone can send it.
TRUSTED_PROXY_COUNT = _trusted_proxy_count()

# Sign-in throttling (django-axes): failures count per user name *and* client address together,
# so one person guessing cannot lock out colleagues who share an address behind a proxy.
AXES_HANDLER = "accounts.throttle.AtomicDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("DRAAGVLAK_LOGIN_MAX_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("DRAAGVLAK_LOGIN_WINDOW_SECONDS", 900))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttle.attempt_username"
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Tries while locked out do not extend the wait, so the wait the message names holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No log of every sign-in with address and browser: nothing needs it, and it is personal data.
AXES_DISABLE_ACCESS_LOG = True
# The return from the sign-on provider carries no password to guess: the provider checked the
# person, and its one-time code is bound to this browser's session and PKCE secret.
AXES_WHITELIST_CALLABLE = "accounts.oidc.throttle_exempt"
AXES_VERBOSE = False

# Single sign-on over OpenID Connect (mozilla-django-oidc; accounts/oidc.py), off unless a client
# id is set. The provider's endpoints come from its discovery document under
# DRAAGVLAK_OIDC_ISSUER, fetched when first needed (never at start-up); an endpoint named here wins.
OIDC_RP_CLIENT_ID = env_str("DRAAGVLAK_OIDC_CLIENT_ID").strip()
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("DRAAGVLAK_OIDC_CLIENT_SECRET")
OIDC_ISSUER = env_str("DRAAGVLAK_OIDC_ISSUER").strip().rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("DRAAGVLAK_OIDC_AUTHORIZATION_ENDPOINT").strip()
OIDC_OP_TOKEN_ENDPOINT = env_str("DRAAGVLAK_OIDC_TOKEN_ENDPOINT").strip()
OIDC_OP_USER_ENDPOINT = env_str("DRAAGVLAK_OIDC_USERINFO_ENDPOINT").strip()
OIDC_OP_JWKS_ENDPOINT = env_str("DRAAGVLAK_OIDC_JWKS_URI").strip()
OIDC_OP_END_SESSION_ENDPOINT = env_str("DRAAGVLAK_OIDC_END_SESSION_ENDPOINT").strip()
OIDC_RP_SIGN_ALGO = env_str("DRAAGVLAK_OIDC_SIGN_ALGO").strip() or "RS256"
OIDC_RP_SCOPES = env_str("DRAAGVLAK_OIDC_SCOPES").strip() or "openid email profile"
# The organisation everyone who signs in through the provider belongs to; named on the button.
OIDC_ORGANISATION = env_str("DRAAGVLAK_OIDC_ORGANISATION").strip()
OIDC_BUTTON_LABEL = env_str("DRAAGVLAK_OIDC_BUTTON_LABEL").strip()
# A verified address without an account here: create one, or refuse with a message.
OIDC_CREATE_USER = env_bool("DRAAGVLAK_OIDC_CREATE_USERS", True)
# Entra ID sends no email_verified for work accounts: 1 takes its optional claim xms_edov (the
# tenant owns the address's domain) instead. Only with a single-tenant issuer.
OIDC_ENTRA_DOMAIN_VERIFIED = env_bool("DRAAGVLAK_OIDC_ENTRA_DOMAIN_VERIFIED", False)
# Only the provider: the sign-in page shows no password form and refuses passwords.
OIDC_ONLY = env_bool("DRAAGVLAK_OIDC_ONLY", False)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
# Kept for the provider's logout (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
if OIDC_ENABLED:
    _explicit = [OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT]
    if not OIDC_ISSUER and not (all(_explicit) and OIDC_OP_JWKS_ENDPOINT):
        raise ImproperlyConfigured(
            "Set DRAAGVLAK_OIDC_ISSUER, or the authorization, token, userinfo endpoints and the "
            "JWKS URI, beside DRAAGVLAK_OIDC_CLIENT_ID."
        )
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("Set DRAAGVLAK_OIDC_CLIENT_SECRET beside the client id.")
    AUTHENTICATION_BACKENDS.append("accounts.oidc.OIDCBackend")
elif OIDC_ONLY:
    raise ImproperlyConfigured("DRAAGVLAK_OIDC_ONLY needs DRAAGVLAK_OIDC_CLIENT_ID and the rest.")

# Password-reset mail: per client address and per e-mail address, within one hour.
PASSWORD_RESET_LIMIT_PER_ADDRESS = 10
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_LIMIT_WINDOW = timedelta(hours=1)
# Every answer to a reset request takes at least this long, known address or not.
PASSWORD_RESET_RESPONSE_SECONDS = 0.4

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "draagvlak_language"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded policy documents; never served directly, only through a member's download.
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

EMAIL_HOST = env_str("DRAAGVLAK_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("DRAAGVLAK_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("DRAAGVLAK_EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("DRAAGVLAK_EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("DRAAGVLAK_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DRAAGVLAK_DEFAULT_FROM_EMAIL", "draagvlak@localhost")

HTTPS = env_bool("DRAAGVLAK_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Long work (a large import) runs in a worker: `draagvlak db_worker`, started by `make run`.
# The tests run tasks at once instead.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("DRAAGVLAK_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend"
    }
}

# Optional council-data connectors, off while empty: the OpenBesluitvorming API for Dutch
# councils (https://openbesluitvorming.nl) and the LBLOD SPARQL endpoint for Flemish ones
# (https://centrale-vindplaats.lblod.info/sparql).
OPENBESLUITVORMING_URL = env_str("DRAAGVLAK_OPENBESLUITVORMING_URL").strip()
LBLOD_SPARQL_URL = env_str("DRAAGVLAK_LBLOD_SPARQL_URL").strip()
# CBS open data for local figures, off while empty: StatLine's OData feed,
# e.g. https://opendata.cbs.nl/ODataApi/odata. Read through the cbsodata package, which takes
# only the scheme and the host from it (and any path before ODataApi/odata or ODataFeed/odata)
# and reads the table's parts from <host>/ODataFeed/odata/<table>/…
CBS_ODATA_URL = env_str("DRAAGVLAK_CBS_ODATA_URL").strip()

PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
