"""Django settings. Everything configurable comes from environment variables via gonghui.env."""

from pathlib import Path

import dj_database_url

from gonghui.env import env_bool, env_int, env_list, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("GONGHUI_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("GONGHUI_DEBUG", False)
# A fixed development key keeps `make run` (debug on) zero-config; with debug off an unset or
# development key refuses to start (env_secret).
SECRET_KEY = env_secret(
    "GONGHUI_SECRET_KEY",
    development_default="gonghui-insecure-development-key-change-me",
    debug=DEBUG,
)
# Separate key material for PII encryption and the blind index, so rotating the session
# secret does not make stored 身份证号 unreadable.
PII_KEY = env_secret(
    "GONGHUI_PII_KEY",
    development_default="gonghui-insecure-development-pii-key-change-me",
    debug=DEBUG,
)
ALLOWED_HOSTS = env_list("GONGHUI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GONGHUI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "treebeard",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "gonghui.core",
    "gonghui.accounts",
    "gonghui.orgs",
    "gonghui.members",
    "gonghui.plans",
    "gonghui.democracy",
    "gonghui.contracts",
    "gonghui.rights",
    "gonghui.assistance",
    "gonghui.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Installs the bounded upload handler before the CSRF check first parses a body.
    "gonghui.core.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gonghui.accounts.middleware.AccessMiddleware",
    "gonghui.accounts.middleware.SecondFactorRequiredMiddleware",
    "gonghui.accounts.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "gonghui.core.rules.RulesCacheMiddleware",
]

ROOT_URLCONF = "gonghui.urls"
WSGI_APPLICATION = "gonghui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gonghui.sqlite3'}"),
        conn_max_age=env_int("GONGHUI_DB_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the background worker write while pages read.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Dashboards run a few large aggregates; PostgreSQL's JIT compiles them for longer than
    # they run (measured: 25 % slower on the city-size plan), so it stays off.
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
    {
        "NAME": "gonghui.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "gonghui.accounts.passwords.ComplexityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# 等保 2.0: sign out after 15 minutes idle; every request renews the session.
SESSION_COOKIE_AGE = env_int("GONGHUI_IDLE_TIMEOUT_SECONDS", 15 * 60, minimum=1)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Production (debug off) runs behind a reverse proxy that terminates HTTPS (README, 生产部署):
# cookies only over HTTPS, HSTS, and the proxy's X-Forwarded-Proto trusted so Django knows the
# request was secure. Each is an environment switch; all are on by default when debug is off.
SESSION_COOKIE_SECURE = env_bool("GONGHUI_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("GONGHUI_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("GONGHUI_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGHUI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("GONGHUI_HSTS_PRELOAD", False)
# Only a proxy that overwrites the header may be trusted with it; switch off when Gonghui is
# reached without one (a client could otherwise claim HTTPS).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("GONGHUI_PROXY_SSL_HEADER", not DEBUG) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Lock an account for 15 minutes after 5 failed logins.
AXES_FAILURE_LIMIT = env_int("GONGHUI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("GONGHUI_LOCKOUT_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gonghui.accounts.views.lockout_response"
AXES_VERBOSE = False
# We lock the account, not the address: 等保 asks for account lockout, and cadres in one
# office share an intranet NAT address that an IP lock would shut out together.
# security.W021 (HSTS preload): the preload list is for public Internet domains; an intranet
# host cannot be on it, so preloading stays opt-in (GONGHUI_HSTS_PRELOAD).
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# An attempt on a locked account does not restart its 15 minutes: otherwise anyone who knows
# a user name could keep that account locked for ever by trying it every few minutes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# Demo and initial-password accounts must change their password at first login, unless
# a developer turns that off for a local demo.
GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE = env_bool("GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE", not DEBUG)
# A new password may not be any of the user's last N passwords (the current one included).
GONGHUI_PASSWORD_HISTORY = env_int("GONGHUI_PASSWORD_HISTORY", 5, minimum=1)
# Second factor (TOTP, accounts.second_factor): holders of these roles must sign in with a
# password plus an authenticator code. On unless debug, so `make run` demos stay one-step;
# an account that enrolled of its own accord is asked for its code whatever this says.
GONGHUI_2FA_REQUIRED = env_bool("GONGHUI_2FA_REQUIRED", not DEBUG)
GONGHUI_2FA_ROLES = env_list(
    "GONGHUI_2FA_ROLES", ["system_admin", "security_admin", "audit_admin", "federation_admin"]
)
# API tokens expire after this long unused, and this long after they were issued.
GONGHUI_TOKEN_IDLE_MINUTES = env_int("GONGHUI_TOKEN_IDLE_MINUTES", 60, minimum=1)
GONGHUI_TOKEN_MAX_AGE_DAYS = env_int("GONGHUI_TOKEN_MAX_AGE_DAYS", 7, minimum=1)
# Roster files above this many rows are imported by the background worker.
GONGHUI_IMPORT_BACKGROUND_ROWS = env_int("GONGHUI_IMPORT_BACKGROUND_ROWS", 2000, minimum=1)
# Bounded reading of import uploads (core.imports.limits), checked before the file is parsed.
GONGHUI_IMPORT_MAX_BYTES = env_int("GONGHUI_IMPORT_MAX_BYTES", 30 * 1024 * 1024, minimum=1)
GONGHUI_IMPORT_MAX_ROWS = env_int("GONGHUI_IMPORT_MAX_ROWS", 300_000, minimum=1)
GONGHUI_IMPORT_MAX_COLUMNS = env_int("GONGHUI_IMPORT_MAX_COLUMNS", 200, minimum=1)
# Rows × columns of the range a sheet spans (what the reader allocates), and cells in it.
GONGHUI_IMPORT_MAX_CELLS = env_int("GONGHUI_IMPORT_MAX_CELLS", 6_000_000, minimum=1)
# The workbook is parsed in a child process capped at this address space and CPU time, so a
# reader crash or runaway allocation ends that process, not the web server (sheet_reader).
GONGHUI_IMPORT_READER_MEMORY_MB = env_int("GONGHUI_IMPORT_READER_MEMORY_MB", 2048, minimum=64)
GONGHUI_IMPORT_READER_CPU_SECONDS = env_int("GONGHUI_IMPORT_READER_CPU_SECONDS", 300, minimum=1)
GONGHUI_IMPORT_MAX_ZIP_MEMBERS = env_int("GONGHUI_IMPORT_MAX_ZIP_MEMBERS", 200, minimum=1)
GONGHUI_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int(
    "GONGHUI_IMPORT_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024, minimum=1
)
GONGHUI_IMPORT_MAX_COMPRESSION_RATIO = env_int(
    "GONGHUI_IMPORT_MAX_COMPRESSION_RATIO", 200, minimum=1
)
# Days an uploaded import file is kept after its import ends; 0 deletes it at the end.
GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS = env_int("GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS", 0, minimum=0)
# A work plan's text (pasted or read from .docx): real plans run to 10–30 thousand characters.
GONGHUI_PLAN_MAX_CHARS = env_int("GONGHUI_PLAN_MAX_CHARS", 200_000, minimum=1000)
# Single-day overrides of the holiday calendar (ISO dates, comma-separated), for an arrangement
# announced at short notice; years are entered on the 节假日安排 page (docs/calendar.md).
GONGHUI_EXTRA_HOLIDAYS = env_list("GONGHUI_EXTRA_HOLIDAYS", [])
GONGHUI_EXTRA_WORKDAYS = env_list("GONGHUI_EXTRA_WORKDAYS", [])

# Domain rules that vary by place and year (time limits, thresholds, amounts) are parameters
# in the database, edited by 系统管理员 (core.parameters, core.rules.rule), not settings.

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root
# Project-wide assets (app.css, app.js) live beside the templates, not in an app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve packaged assets (htmx, Swagger UI, our CSS) straight from the installed packages,
# so `gonghui serve` works without collectstatic on an offline intranet.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments (证明材料, 申领材料: core.attachments) are kept here, outside MEDIA_ROOT and never
# served as files: only the download view, which re-checks the owner record's scope, reads them.
GONGHUI_PRIVATE_ROOT = Path(env_str("GONGHUI_PRIVATE_ROOT", str(VAR_DIR / "private"))).resolve()
# The largest attachment file a page or the API takes (a record kind may ask for less).
GONGHUI_ATTACHMENT_MAX_BYTES = env_int(
    "GONGHUI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# The largest request body taken at all (its Content-Length; a larger one is answered 413 in
# Chinese, unread); each file in it is also cut off at its form's limit (core/uploads.py).
GONGHUI_UPLOAD_MAX_REQUEST_BYTES = env_int(
    "GONGHUI_UPLOAD_MAX_REQUEST_BYTES", 100 * 1024 * 1024, minimum=1024 * 1024
)

# List exports above this many rows run as a background job with a progress page.
GONGHUI_EXPORT_INLINE_MAX_ROWS = env_int("GONGHUI_EXPORT_INLINE_MAX_ROWS", 2000, minimum=0)
# A job 进行中 without a heartbeat for this long is marked 失败 (its worker died).
GONGHUI_JOB_STALE_MINUTES = env_int("GONGHUI_JOB_STALE_MINUTES", 10, minimum=1)

TASKS = {
    "default": {
        "BACKEND": env_str("GONGHUI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "gonghui.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "gonghui.core.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "gonghui.core.api_schema.AppTaggedSchema",
    "EXCEPTION_HANDLER": "gonghui.core.api.exception_handler",
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "工会 Gonghui API",
    "DESCRIPTION": (
        "工会业务平台接口。每个业务板块一个分组，路径为 /api/v1/<板块>/<资源>/："
        "账号与权限（令牌：/api/v1/auth/token/）、组织与用人单位（orgs）、会员（members）、"
        "工作要点与目标考核（plans）、民主管理（democracy）、集体合同（contracts）、"
        "维权服务（rights）、困难职工帮扶（assistance）。"
        "所有接口按用户的组织范围返回数据，范围外的记录返回 404；"
        "写操作与网页走同一业务规则并记入操作日志。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get their own components: write-only inputs (a work order's 受理单位) are
    # not promised in responses, read-only outputs are not asked for in requests.
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema maps every endpoint and field: for signed-in users (session or token) only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gonghui.core.api_schema.tags_in_app_order",
    ],
    # Several models have a "status" field with different choices; name their enums.
    "ENUM_NAME_OVERRIDES": {
        "OrgStatusEnum": "gonghui.orgs.choices.OrgStatus",
        "MembershipStatusEnum": "gonghui.members.models.MembershipStatus",
        "PlanStatusEnum": "gonghui.plans.models.PlanStatus",
        "TargetStatusEnum": "gonghui.plans.models.TargetStatus",
        "AidOutcomeEnum": "gonghui.rights.choices.AidOutcome",
        "DisputeOutcomeEnum": "gonghui.rights.choices.Outcome",
        "HardshipFileStatusEnum": "gonghui.assistance.choices.FileStatus",
        "HardshipCategoryEnum": "gonghui.assistance.choices.Category",
        "HardshipCauseEnum": "gonghui.assistance.choices.Cause",
        "HardshipExitKindEnum": "gonghui.assistance.choices.ExitKind",
        "HardshipStepKindEnum": "gonghui.assistance.choices.StepKind",
        "FundKindEnum": "gonghui.assistance.choices.FundKind",
        "FundEntryKindEnum": "gonghui.assistance.choices.EntryKind",
        "CampaignKindEnum": "gonghui.assistance.choices.CampaignKind",
        "PaymentStatusEnum": "gonghui.assistance.choices.PaymentStatus",
        "CentreKindEnum": "gonghui.assistance.models.centres.CentreKind",
        "CentreStatusEnum": "gonghui.assistance.models.centres.CentreStatus",
        "SeekerStatusEnum": "gonghui.assistance.models.employment.SeekerStatus",
        "TrainingKindEnum": "gonghui.assistance.models.employment.TrainingKind",
    },
}

# Offline intranet: everything from 'self'. htmx needs no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGHUI_LOG_LEVEL", "WARNING")},
}
