"""Production defaults: what a deployment gets when it turns debug off and sets its keys.

Each case starts a fresh interpreter, because settings are read once at start-up from the
environment, exactly as `gonghui serve` or a WSGI server would read them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
PRODUCTION_ENV = {
    "GONGHUI_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789",
    "GONGHUI_PII_KEY": "a-production-pii-key-that-is-long-and-random-0123456789",
    "GONGHUI_ALLOWED_HOSTS": "gonghui.example.cn",
}
READ_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "k: getattr(settings, k) for k in ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
    " 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER')}))"
)


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    # Only what a server's environment would hold: none of the suite's own variables
    # (test keys, DJANGO_ALLOW_ASYNC_UNSAFE set for the browser tests, DATABASE_URL).
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    clean.update(PYTHONPATH=SRC, DJANGO_SETTINGS_MODULE="gonghui.settings", **env)
    return subprocess.run(
        [sys.executable, *args], env=clean, capture_output=True, text=True, timeout=120
    )


def read_settings(**env: str) -> dict:
    result = run(["-c", READ_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_turns_on_https_protections_when_debug_is_off(tmp_path):
    values = read_settings(**PRODUCTION_ENV, GONGHUI_VAR_DIR=str(tmp_path))
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_it_lets_a_deployment_switch_each_protection_off(tmp_path):
    values = read_settings(
        **PRODUCTION_ENV,
        GONGHUI_VAR_DIR=str(tmp_path),
        GONGHUI_SECURE_COOKIES="0",
        GONGHUI_SSL_REDIRECT="0",
        GONGHUI_HSTS_SECONDS="0",
        GONGHUI_PROXY_SSL_HEADER="0",
    )
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 0 and values["SECURE_PROXY_SSL_HEADER"] is None


def test_it_keeps_development_on_plain_http(tmp_path):
    values = read_settings(GONGHUI_DEBUG="1", GONGHUI_VAR_DIR=str(tmp_path))
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_it_passes_the_deployment_check_with_the_documented_settings(tmp_path):
    result = run(
        ["-m", "gonghui.cli", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION_ENV,
        GONGHUI_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_with_the_published_development_keys(tmp_path):
    result = run(
        ["-m", "gonghui.cli", "check"],
        GONGHUI_VAR_DIR=str(tmp_path),
        GONGHUI_SECRET_KEY="gonghui-insecure-development-key-change-me",
        GONGHUI_PII_KEY=PRODUCTION_ENV["GONGHUI_PII_KEY"],
    )
    assert result.returncode != 0
    assert "GONGHUI_SECRET_KEY" in result.stderr
    result = run(
        ["-m", "gonghui.cli", "check"],
        GONGHUI_VAR_DIR=str(tmp_path),
        GONGHUI_SECRET_KEY=PRODUCTION_ENV["GONGHUI_SECRET_KEY"],
    )
    assert result.returncode != 0
    assert "GONGHUI_PII_KEY" in result.stderr
