"""Settings for the Bảo vệ trẻ em portal: one module, driven by environment variables.

With no environment at all it runs on an embedded SQLite database under ``var/``.
Production is the default posture: debug is off unless ``DJANGO_DEBUG=1`` and the secret key
must come from ``DJANGO_SECRET_KEY``. HTTPS hardening is switched on by ``DJANGO_HTTPS=1``.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# Set by the test suite (ytich/testenv.py) so tests run without a production secret.
TESTING = env_bool("YTICH_TESTING")

# The secret key: DJANGO_SECRET_KEY, else the file `make run` (manage.py make_secret_key) generated
# once into var/ (mode 0600), so an embedded install keeps its sessions across restarts.
SECRET_KEY_FILE = Path(os.environ.get("DJANGO_SECRET_KEY_FILE", BASE_DIR / "var" / "secret_key"))
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "development-only-insecure-key-never-use-in-production"  # noqa: S105
    elif Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"]:
        # Maintenance commands (migrate, makemigrations, check) sign nothing that must outlive
        # the process: a throw-away random key lets them run without the production secret.
        SECRET_KEY = get_random_secret_key()
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters), run `manage.py make_secret_key` "
            f"to generate {SECRET_KEY_FILE}, or set DJANGO_DEBUG=1 for development."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc as local static files (no CDN)
    "core",  # the bottom layer: helpers every app may import
    "ytich",  # the top: settings, root URLs, the home page, seed_demo
]
# Our apps, bottom to top: each may import only those before it in this list.
# ("children.cases" and "children.allowances" live inside children/ and are mounted by children/urls.py.)
PORTAL_APPS = [
    "accounts", "children", "children.cases", "children.allowances", "funds", "programs", "reporting", "offline", "api",
]  # fmt: skip
INSTALLED_APPS += PORTAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ytich.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ytich.middleware.SessionIdleMiddleware",
    "ytich.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Axes must be last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ytich.urls"
WSGI_APPLICATION = "ytich.wsgi.application"
ASGI_APPLICATION = "ytich.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ytich.context_processors.main_menu",
            ],
            "builtins": ["core.templatetags.portal"],
        },
    },
]

FORM_RENDERER = "core.forms.FormRenderer"  # Django's, with faster drop-downs (core/form_templates)

# Database: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'ytich.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Embedded SQLite that several gunicorn workers share: WAL lets readers go on while one writer
    # writes (core/sqlite.py switches the file); a writer waits up to 20 s for the lock (busy timeout)
    # and takes it at BEGIN (IMMEDIATE), so a transaction that reads and then writes cannot fail
    # half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

# Figures kept in memory until the data changes (core/memo.py). The generation file tells every process
# on this machine that another one committed a write; servers on several machines set DJANGO_MEMO=0.
MEMO_ENABLED = env_bool("DJANGO_MEMO", True)
MEMO_GENERATION_FILE = Path(os.environ.get("DJANGO_MEMO_FILE", BASE_DIR / "var" / "data-generation"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after this many minutes without a request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Not saved on every request (a write per page view); ytich.middleware.SessionIdleMiddleware re-saves
# a session in use at most once per SESSION_REFRESH_SECONDS, which keeps the idle limit.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): lock a username from an address after N failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind N reverse proxies (DJANGO_PROXY_COUNT) the client is the N-th address from the right of
# X-Forwarded-For (core/clientip.py), for the lockout and the sign-in log alike; 0 ignores the header.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
# Failures while locked do not extend the lock: it ends AXES_COOLOFF_MINUTES after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# Language and formats: Vietnamese first, English on request.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["ytich.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

if TESTING:
    # Hashing is not what the tests measure; keep them fast.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# The read API for the level above (api/): personal tokens or the session, read-only, paginated,
# rate-limited per user. The limit is counted in Django's default cache (local memory: per process,
# so with N gunicorn workers a user gets at most N times the limit; README "API").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerUserRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/min")  # requests per user; "N/sec|min|hour|day"
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
# DHIS2 identifiers used when a breakdown has no category option combo of its own: the "default"
# category option combo of every DHIS2 instance, and the attribute option combo (default too).
DHIS2_DEFAULT_CATEGORY_OPTION_COMBO = os.environ.get("DHIS2_DEFAULT_CATEGORY_OPTION_COMBO", "HllvX50cXC0")
DHIS2_ATTRIBUTE_OPTION_COMBO = os.environ.get("DHIS2_ATTRIBUTE_OPTION_COMBO", "HllvX50cXC0")
# "storedBy" of the data values this deployment writes (never a person's name).
DHIS2_STORED_BY = os.environ.get("DHIS2_STORED_BY", "bao-ve-tre-em")
SPECTACULAR_SETTINGS = {
    "TITLE": "Bảo vệ trẻ em — API",
    "DESCRIPTION": "",  # set in api/schema.py (translated)
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Mail: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or TESTING
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "bvte@localhost")

# HTTPS hardening, switched on by the environment behind a TLS-terminating proxy.
if env_bool("DJANGO_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (ytich.middleware): scripts only from our own files, never inline; style
# attributes are allowed (layout only); nothing is loaded from another site.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Upload limits (attachments and imports check their own sizes too).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
