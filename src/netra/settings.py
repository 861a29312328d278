"""Netra settings: every value comes from the environment, with safe defaults for the demo."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from netra.core.env import cache_config, data_dir, email_config, env, envbool, envint, envlist, secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = envbool("NETRA_DEBUG", False)
ALLOWED_HOSTS = envlist("NETRA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("NETRA_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env("NETRA_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # its static swagger-ui files, so /api/v1/docs needs no CDN (blocked by our CSP)
    "django_otp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "netra.core",
    "netra.accounts",
    "netra.registry",
    "netra.audit",
    "netra.cases",
    "netra.catalogue",
    "netra.notifications",
    "netra.prevention",
    "netra.monitoring",
    "netra.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "netra.core.middleware.OutageMiddleware",  # logs the end of a database outage (netra.core.views)
    "netra.core.middleware.InputGuardMiddleware",  # 400 for NUL before any view or session lookup
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.core.middleware.DefaultLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "netra.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "netra.accounts.middleware.StaffIdleTimeoutMiddleware",  # after messages: it says why you left
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netra.urls"
WSGI_APPLICATION = "netra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("NETRA_DATABASE_URL", f"sqlite:///{DATA_DIR / 'netra.sqlite3'}"),
        conn_max_age=envint("NETRA_DB_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request reuses it, so one broken by a database
        # restart is replaced instead of failing the request (the outage test relies on recovery).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN: read-then-write transactions wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not envbool("NETRA_PG_JIT", False):
    # PostgreSQL's JIT compiles a large aggregate for seconds before running it (measured: 2.5 s of a
    # 2.9 s statistics query at 25 k cases, docs/benchmarks.md); Netra's queries are short: off.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
LOGIN_REDIRECT_URL = "cases:queue"
LOGOUT_REDIRECT_URL = "home"

# Failed logins are throttled per account AND per address, each on its own (django-axes): guessing one
# password on each of many accounts from one address is stopped, and so is guessing one account's
# password from many addresses.
AXES_FAILURE_LIMIT = envint("NETRA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("NETRA_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("NETRA_AXES_ENABLED", True)
AXES_LOCKOUT_CALLABLE = "netra.accounts.views.login.lockout_response"  # Indonesian lockout page, HTTP 429
# Two-factor authentication is required of every staff account unless NETRA_REQUIRE_2FA=false; then
# only of the roles in NETRA_REQUIRE_2FA_ROLES (comma separated, e.g. "pimpinan,admin").
NETRA_REQUIRE_2FA = envbool("NETRA_REQUIRE_2FA", True)
NETRA_REQUIRE_2FA_ROLES = envlist("NETRA_REQUIRE_2FA_ROLES", [])
OTP_TOTP_ISSUER = "Netra"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Off: Indonesian unless the user picks English with the switch; on: follow the browser's language.
NETRA_LANGUAGE_FROM_BROWSER = envbool("NETRA_LANGUAGE_FROM_BROWSER", False)
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # project-wide CSS, JS, vendored htmx (no app owns them)
STATIC_ROOT = Path(env("NETRA_STATIC_ROOT", str(DATA_DIR / "static")))
# WhiteNoise serves static files from the app itself; without collectstatic it reads them where they
# live (the demo). Production runs collectstatic and sets NETRA_STATIC_FROM_FINDERS=false.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = envbool("NETRA_STATIC_FROM_FINDERS", True)
WHITENOISE_AUTOREFRESH = False
MEDIA_ROOT = Path(env("NETRA_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Evidence files are private: 0600 files in 0700 folders (FileSystemStorage applies both).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Keys live outside the database (docs/security.md, "Keys"). The master key ring wraps each case's
# data key: NETRA_MASTER_KEY (base64 keys, newest first, comma separated) or the key file.
NETRA_KEY_DIR = Path(os.environ.get("NETRA_KEY_DIR") or DATA_DIR / "keys")
NETRA_MASTER_KEY = os.environ.get("NETRA_MASTER_KEY", "")
NETRA_MASTER_KEY_FILE = Path(os.environ.get("NETRA_MASTER_KEY_FILE") or NETRA_KEY_DIR / "master.key")
# The audit log's Ed25519 checkpoint key and the append-only file of signed checkpoints.
NETRA_AUDIT_SIGNING_KEY_PATH = Path(
    env("NETRA_AUDIT_SIGNING_KEY_PATH", str(NETRA_KEY_DIR / "audit-signing.pem"))
)
NETRA_AUDIT_PUBLIC_KEY_PATH = Path(
    env("NETRA_AUDIT_PUBLIC_KEY_PATH", str(NETRA_KEY_DIR / "audit-signing.pub"))
)
NETRA_AUDIT_CHECKPOINT_DIR = Path(env("NETRA_AUDIT_CHECKPOINT_DIR", str(DATA_DIR / "audit-checkpoints")))
# Reporters' identities of closed cases are erased this many days after closing (docs/security.md).
NETRA_IDENTITY_RETENTION_DAYS = envint("NETRA_IDENTITY_RETENTION_DAYS", 5 * 365)
# Evidence uploads: largest accepted file, in megabytes.
NETRA_MAX_UPLOAD_MB = envint("NETRA_MAX_UPLOAD_MB", 25)
# Evidence that could act on whoever opens it (netra.cases.evidence_active): images above this many
# pixels, office documents that expand past this size or ratio when unzipped.
NETRA_MAX_IMAGE_PIXELS = envint("NETRA_MAX_IMAGE_PIXELS", 100_000_000)
NETRA_MAX_UNZIPPED_MB = envint("NETRA_MAX_UNZIPPED_MB", 200)
NETRA_MAX_ZIP_RATIO = envint("NETRA_MAX_ZIP_RATIO", 100)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work (docs/deployment.md, "Background work"): the database backend on one node; the
# broker backend (NETRA_TASKS_BACKEND=django_tasks_rq.RQBackend) runs RQ workers on Redis.
NETRA_TASK_QUEUES = envlist("NETRA_TASK_QUEUES", ["default"])
NETRA_BROKER_URL = env("NETRA_BROKER_URL", "redis://127.0.0.1:6379/0")
# Rate limits (public reports, API throttles) count in the cache: share it when running several processes.
CACHES = cache_config(env("NETRA_CACHE_URL", ""))
# One limit for every public intake path (netra.core.ratelimit), per client address and overall:
# "30/m" = 30 a minute (s, m, h, d); "0/m" switches one off. Past it, a hashcash challenge of
# NETRA_CHALLENGE_BITS zero bits lets a request through (pow.js solves it in the browser).
NETRA_PUBLIC_REPORT_RATE = env("NETRA_PUBLIC_REPORT_RATE", "30/m")
NETRA_PUBLIC_REPORT_GLOBAL_RATE = env("NETRA_PUBLIC_REPORT_GLOBAL_RATE", "600/m")
NETRA_TRACK_RATE = env("NETRA_TRACK_RATE", "60/m")
NETRA_TRACK_GLOBAL_RATE = env("NETRA_TRACK_GLOBAL_RATE", "3000/m")
NETRA_CHALLENGE_BITS = envint("NETRA_CHALLENGE_BITS", 16)
# Reverse proxies in front of Netra that append X-Forwarded-For (0: clients connect directly).
NETRA_PROXY_COUNT = envint("NETRA_PROXY_COUNT", 0)
# Public statistics publish no count from 1 to this minus one (docs/analytics.md, cell suppression).
NETRA_OPEN_DATA_MIN_CELL = envint("NETRA_OPEN_DATA_MIN_CELL", 5)
NETRA_TASK_RESULT_TTL = envint("NETRA_TASK_RESULT_TTL", 7 * 24 * 3600)  # seconds a finished result is kept
TASKS = {
    "default": {
        "BACKEND": env("NETRA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": NETRA_TASK_QUEUES,
    }
}
RQ_QUEUES = {
    name: {"URL": NETRA_BROKER_URL, "DEFAULT_TIMEOUT": envint("NETRA_TASK_TIMEOUT", 600)}
    for name in NETRA_TASK_QUEUES
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS.append("django_rq")
# RQ forks a child per job by default (rq.Worker); "rq.worker.SimpleWorker" runs jobs in the worker
# process itself, keeping its warm caches (roster index, scorers) across the monitoring pipeline's
# batches (docs/monitoring.md, "Throughput").
if env("NETRA_RQ_WORKER_CLASS", ""):
    RQ = {"WORKER_CLASS": env("NETRA_RQ_WORKER_CLASS", "")}

# Email (docs/notifications.md): NETRA_EMAIL_URL or NETRA_SMTP_*; the console backend when unset.
_EMAIL = email_config()
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _EMAIL.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _EMAIL["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = env("NETRA_EMAIL_FROM", "Netra <netra@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The reminder scheduler inside `netra worker`: seconds between beats (0 or NETRA_SCHEDULER=false: off)
# and the local hour (TIME_ZONE) from which the daily digest emails go out.
NETRA_SCHEDULER = envbool("NETRA_SCHEDULER", True)
NETRA_REMINDER_INTERVAL = envint("NETRA_REMINDER_INTERVAL", 60)
NETRA_DIGEST_HOUR = envint("NETRA_DIGEST_HOUR", 7)
# What each beat enqueues (dotted paths of django_tasks tasks; each must be idempotent).
NETRA_SCHEDULED_TASKS = envlist(
    "NETRA_SCHEDULED_TASKS",
    # the reminders, then the PPK follow-up escalation steps that are due (issue 13; idempotent)
    # and the monitoring pipeline's sweeper: expired leases back to pending, due retries queued (issue 12)
    [
        "netra.notifications.tasks.reminders_send",
        "netra.cases.tasks.followup_escalate",
        "netra.monitoring.tasks.pipeline_sweep",
        "netra.monitoring.tasks_feeds.feeds_fetch_due",  # news feeds whose next fetch is due (issue 12)
    ],
)
# The monitoring pipeline (docs/monitoring.md): items per task, a worker's lease on its batch
# (seconds), attempts before an item is parked, and the window of coordinated posting (seconds).
NETRA_MONITOR_BATCH = envint("NETRA_MONITOR_BATCH", 500)
NETRA_MONITOR_LEASE = envint("NETRA_MONITOR_LEASE", 300)
NETRA_MONITOR_MAX_ATTEMPTS = envint("NETRA_MONITOR_MAX_ATTEMPTS", 5)
NETRA_MONITOR_COORDINATED_WINDOW = envint("NETRA_MONITOR_COORDINATED_WINDOW", 6 * 3600)
# The partner push API (POST /api/v1/monitoring/items): items per request, and requests per client
# address and overall (netra.core.ratelimit).
NETRA_MONITOR_PUSH_MAX_ITEMS = envint("NETRA_MONITOR_PUSH_MAX_ITEMS", 1000)
NETRA_MONITOR_PUSH_RATE = env("NETRA_MONITOR_PUSH_RATE", "120/m")
NETRA_MONITOR_PUSH_GLOBAL_RATE = env("NETRA_MONITOR_PUSH_GLOBAL_RATE", "1200/m")

# Monitoring: page capture and news feeds (docs/monitoring-capture.md). Fetches refuse private,
# loopback and link-local addresses unless NETRA_CAPTURE_ALLOW_PRIVATE (tests, closed networks).
NETRA_CAPTURE_ALLOW_PRIVATE = envbool("NETRA_CAPTURE_ALLOW_PRIVATE", False)
NETRA_CAPTURE_TIMEOUT = envint("NETRA_CAPTURE_TIMEOUT", 20)  # seconds per network step and page load
NETRA_CAPTURE_MAX_MB = envint("NETRA_CAPTURE_MAX_MB", 20)  # largest response accepted, in megabytes
NETRA_CAPTURE_MAX_REDIRECTS = envint("NETRA_CAPTURE_MAX_REDIRECTS", 5)
NETRA_CAPTURE_RENDER = env("NETRA_CAPTURE_RENDER", "pdf")  # "pdf" or "png" (a full-page screenshot)
# Whether a captured page's style sheets and images may come from other (public) hosts.
NETRA_CAPTURE_THIRD_PARTY = envbool("NETRA_CAPTURE_THIRD_PARTY", True)
NETRA_CHROMIUM = env("NETRA_CHROMIUM", "/usr/bin/chromium")
# Feeds: seconds between two requests to the same host (shared by every process through the database;
# a source's own host_delay overrides it), longest back-off after errors.
NETRA_FEED_HOST_DELAY = envint("NETRA_FEED_HOST_DELAY", 5)
# Feeds honour robots.txt (product token "Netra"), read once per site and kept this many seconds.
NETRA_FEED_ROBOTS = envbool("NETRA_FEED_ROBOTS", True)
NETRA_ROBOTS_TTL = envint("NETRA_ROBOTS_TTL", 24 * 3600)
# Every request names itself "Netra/<version> (+NETRA_CONTACT_URL)": a page saying who runs this Netra
# and how a site owner reaches them (default: the site's own address).
NETRA_CONTACT_URL = env("NETRA_CONTACT_URL", SITE_URL)
# A queued page capture still "running" after this many seconds is taken as lost (its worker died).
NETRA_CAPTURE_STALE = envint("NETRA_CAPTURE_STALE", 15 * 60)
NETRA_FEED_MAX_BACKOFF = envint("NETRA_FEED_MAX_BACKOFF", 24 * 3600)

# Behind HTTPS (NETRA_HTTPS, or the older NETRA_SECURE_COOKIES): Secure cookies and HSTS.
NETRA_HTTPS = envbool("NETRA_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("NETRA_SECURE_COOKIES", NETRA_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: htmx sends the token from the page (hx-headers on <body>).
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = envint("NETRA_HSTS_SECONDS", 31_536_000) if SESSION_COOKIE_SECURE else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions: at most NETRA_SESSION_HOURS long, and a staff session idle for NETRA_STAFF_IDLE_MINUTES
# ends (netra.accounts.middleware.StaffIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = envint("NETRA_SESSION_HOURS", 12) * 3600
NETRA_STAFF_IDLE_MINUTES = envint("NETRA_STAFF_IDLE_MINUTES", 30)
# No inline script or style and no eval: every script and style is a static file; a page that truly
# needs an inline one marks it with nonce="{{ request.csp_nonce }}" (django-csp adds it here).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "style-src": [SELF, NONCE],
        "script-src": [SELF, NONCE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Seconds a client is told to wait (Retry-After) when the database is unreachable (503).
NETRA_OUTAGE_RETRY_AFTER = envint("NETRA_OUTAGE_RETRY_AFTER", 10)

# ninja's limit/offset paging: page size at most this many rows (netra.core.schemas bounds the offset).
NINJA_PAGINATION_MAX_LIMIT = envint("NETRA_API_MAX_PAGE_SIZE", 1000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("NETRA_LOG_LEVEL", "WARNING")},
}
