"""Settings for the GCM implementation tracker, read from the environment.

With nothing set the product runs on an embedded default: SQLite under var/ and Celery tasks passed
through an embedded broker (files under var/broker/) to the worker `make run` starts. Production
sets DEBUG off, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CELERY_BROKER_URL (see .env.example).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            'value (for example the output of `python -c "import secrets; '
            'print(secrets.token_urlsafe(50))"`), or set DEBUG=true for local development.'
        )
    # A fixed key is acceptable only because DEBUG is on: never a deployment.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_htmx",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "tracker",
    "compact",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A path with a NUL character is a 404 before any view hands it to PostgreSQL.
    "tracker.middleware.null_characters_not_found",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records the acting user for changes made outside the services (the admin).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a login refused for a locked account into the page
    # that says so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.web.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
# A kept connection is checked before reuse: after a database restart requests reconnect.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (the API's throttle counts, the dashboards' figures) is shared by Gunicorn's workers:
# production points CACHE_URL at its own Redis database; past half a second Redis counts as
# unreachable and the cache as empty (tracker/cache.py). Without it, each process has its own.
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": {
        "BACKEND": "tracker.cache.FailOpenRedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTH_USER_MODEL = "tracker.User"
# Who may do what is decided by the rules in tracker/rules.py, for pages, API and admin alike.
AUTHENTICATION_BACKENDS = [
    # First: refuses every login, right password or not, to an account locked by django-axes.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:my-entries"
LOGOUT_REDIRECT_URL = "compact:index"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages. The Compact's own texts exist in these four languages too; see
# compact/languages.py for which texts exist in which language and how missing ones fall back.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("sv", _("Swedish")),
    ("nb", _("Norwegian Bokmål")),
    ("da", _("Danish")),
]
LOCALE_PATHS = [BASE_DIR / "tracker" / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Stockholm")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security. Behind the production reverse proxy TLS terminates there; the proxy sets
# X-Forwarded-Proto so that Django knows the request was secure.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The containers' health checks call the app directly over HTTP, not through the proxy.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# No script of the site reads a cookie: Swagger UI is given its CSRF token in its own script.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
# A session lasts a working day at most, and ends when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# How many reverse proxies stand in front of the application, each adding the address it was
# called from to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for). With 0 the client is the
# connection's address and X-Forwarded-For is ignored, so that a client cannot choose the
# address it is counted under; with N the client is the N-th address from the right.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login lockout (django-axes), on the login pages and the token endpoint: the 10th wrong
# password for an account locks it for LOGIN_LOCKOUT_MINUTES, from whatever addresses. Never by
# address: not a whole ministry behind one NAT for one person's typos, no more attempts for
# forged addresses. Account and address are counted too (axes.W006), but never lock first.
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
# Retrying while locked does not make the lock last longer; a successful login clears failures.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tracker.lockout.account_locked"
AXES_VERBOSE = False  # No banner at each start; its records name what is counted.
# Each attempt's address: ipware counts the proxies within X-Forwarded-For, one fewer than in front.
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = 0
# Addresses a client put before the proxies' own are skipped, not a reason to distrust them.
IPWARE_STRICT = False

# Logins and password resets allowed per address and per account (tracker/floods.py).
LOGIN_THROTTLE = env.list("LOGIN_THROTTLE", default=["30/m", "20/m"])
PASSWORD_RESET_THROTTLE = env.list("PASSWORD_RESET_THROTTLE", default=["20/h", "3/h"])
RATELIMIT_FAIL_OPEN = True

# Content Security Policy (django-csp): scripts, styles and everything else come only from the
# site's own static files; no inline script or style runs. The API documentation's page keeps
# to it too (tracker/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    # drf-spectacular, with the error answers and the anonymous reading (tracker/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "tracker.api.schema.ApiSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Denied unless a view says otherwise; every view does (tests/security/test_api.py).
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Per address for anonymous readers, per account for the logged in; the token endpoint
    # (tracker/api/views.py) has its own, stricter rate per address.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="10/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    if not DEBUG
    else [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # DRF's parsers, with JSON nested too deep a 400 (tracker/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "tracker.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GCM implementation tracker API",
    "DESCRIPTION": (
        "National implementation tracker for the Global Compact for Safe, Orderly and "
        "Regular Migration. Texts are returned in the language chosen with ?lang= or "
        "Accept-Language; a text missing in that language comes in another, marked."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {  # Fields named alike elsewhere with other choices (status, kind).
        "MeasureKindEnum": "tracker.models.MeasureKind",
        "MeasureStatusEnum": "tracker.models.MeasureStatus",
        "PledgeStatusEnum": "tracker.models.PledgeStatus",
        "IndicatorValueStatusEnum": "tracker.models.indicators.ValueStatus",
        "WorkflowStateEnum": "tracker.models.WorkflowState",
        "LanguageEnum": "compact.languages.LANGUAGE_CHOICES",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery. Without a broker URL, tasks go through an embedded broker that needs no server (Kombu's
# filesystem transport, files under CELERY_BROKER_FOLDER) to the worker `make run` starts, so a
# report is built outside the web request everywhere. In-process tasks are for the tests only.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "filesystem://"
EMBEDDED_BROKER = CELERY_BROKER_URL == "filesystem://"
CELERY_BROKER_FOLDER = Path(env.str("CELERY_BROKER_FOLDER", default=str(VAR_DIR / "broker")))
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=None if EMBEDDED_BROKER else CELERY_BROKER_URL
)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
# A task is acknowledged only when it has finished, so a worker killed mid-task leaves the
# message to be delivered again instead of losing it.
CELERY_TASK_ACKS_LATE = True
# With acks_late, a worker that dies (OOM, SIGKILL) must reject the message so that Redis
# redelivers it rather than treating it as done.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Long jobs: a worker reserving several messages would hold them hostage while it runs one.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged message after the visibility timeout, which must exceed the
# longest task. A report request waits on Redis: with Redis away it is refused within seconds, as
# connecting and replies are bounded and a failed publish (perhaps on a connection from before a
# Redis restart) is tried once more (tests/faults/test_redis_down.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 15 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
}
if EMBEDDED_BROKER:  # One folder the web server writes to and the worker reads (ADR 0010).
    (CELERY_BROKER_FOLDER / "processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        "store_processed": False,
    }
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# Nothing reads a task's return value (a report run's row is its outcome); kept, every publish
# would first subscribe to the result store, retried for minutes while Redis is down.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker process is replaced after its task once it has grown past this (KiB): PDF builds.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1500000)
CELERY_TIMEZONE = TIME_ZONE
# The daily reminder of missing progress updates, at 07:00 in CELERY_TIMEZONE: in the officers'
# inboxes when their working day starts.
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "tracker.tasks.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # A report build whose worker died is marked failed within minutes, not found days later.
    "fail-stuck-report-runs": {
        "task": "reports.tasks.report_runs_fail_stuck_task",
        "schedule": 5 * 60,
    },
}

# E-mail. By default mails are written to the log (the console backend); a deployment names
# django.core.mail.backends.smtp.EmailBackend and its server.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Links in e-mails are absolute, from a job with no request: by default the first ALLOWED_HOSTS.
SITE_URL = env.str("SITE_URL", default="").rstrip("/") or (
    "http://127.0.0.1:8000" if DEBUG or not ALLOWED_HOSTS else f"https://{ALLOWED_HOSTS[0]}"
)

# The report (reports/). The country's name is on the cover of the report to the UN.
REPORT_COUNTRY_NAME = env.str("COUNTRY_NAME", default="")
# A build silent this long lost its worker (killed, out of memory): failed, within the time limit.
REPORT_STUCK_AFTER = env.int("REPORT_STUCK_AFTER", default=CELERY_TASK_TIME_LIMIT + 5 * 60)
# A build delivered this many times without finishing keeps killing its worker: it fails.
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
# A run still queued this long was lost with its message (broker wiped): failed, asked again.
REPORT_QUEUE_TIMEOUT = env.int("REPORT_QUEUE_TIMEOUT", default=6 * 60 * 60)
# True: a final report in English is refused while it would print texts in another language.
REPORT_REFUSE_OTHER_LANGUAGE_IN_FINAL = env.bool("REPORT_REFUSE_OTHER_LANGUAGE", default=False)

# Where the extractor finds the source documents (see compact/extraction).
GCM_SEEDS_DIR = Path(env.str("GCM_SEEDS_DIR", default=str(BASE_DIR.parent / "shared" / "seeds")))
COMPACT_FIXTURE = BASE_DIR / "fixtures" / "compact.json"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs a line per page laid out: thousands per report.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
