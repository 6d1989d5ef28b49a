"""Start-up refuses what production must not run with: development keys and bad numbers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gonghui.env import env_int, env_secret

DEV = "published-development-value"


def run_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with exactly these variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GONGHUI_")}
    return subprocess.run(
        [sys.executable, "-c", "import gonghui.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    done = run_settings(GONGHUI_PII_KEY="a-real-pii-key-of-this-deployment")
    assert done.returncode != 0
    assert "GONGHUI_SECRET_KEY" in done.stderr


def test_it_refuses_to_start_without_a_pii_key_when_debug_is_off():
    done = run_settings(GONGHUI_SECRET_KEY="a-real-secret-key-of-this-deployment")
    assert done.returncode != 0
    assert "GONGHUI_PII_KEY" in done.stderr


def test_it_starts_with_both_keys_set():
    done = run_settings(
        GONGHUI_SECRET_KEY="a-real-secret-key-of-this-deployment",
        GONGHUI_PII_KEY="a-real-pii-key-of-this-deployment",
    )
    assert done.returncode == 0, done.stderr


def test_it_starts_with_development_keys_in_debug_mode():
    assert run_settings(GONGHUI_DEBUG="1").returncode == 0


def test_it_refuses_the_published_development_value_itself(monkeypatch):
    monkeypatch.setenv("GONGHUI_SECRET_KEY", DEV)
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_SECRET_KEY"):
        env_secret("GONGHUI_SECRET_KEY", development_default=DEV, debug=False)


def test_it_refuses_a_negative_numeric_setting_at_start_up():
    done = run_settings(GONGHUI_DEBUG="1", GONGHUI_LOGIN_FAILURE_LIMIT="-3")
    assert done.returncode != 0
    assert "GONGHUI_LOGIN_FAILURE_LIMIT" in done.stderr
    assert "不能小于 1" in done.stderr


def test_it_refuses_a_malformed_numeric_setting_at_start_up():
    done = run_settings(GONGHUI_DEBUG="1", GONGHUI_IMPORT_BACKGROUND_ROWS="两千")
    assert done.returncode != 0
    assert "GONGHUI_IMPORT_BACKGROUND_ROWS" in done.stderr


def test_it_no_longer_reads_domain_rules_from_the_environment():
    """Time limits are parameters (core.parameters), edited in the UI, not variables."""
    done = run_settings(GONGHUI_DEBUG="1", GONGHUI_MEDIATION_LIMIT_DAYS="-3")
    assert done.returncode == 0, done.stderr


def test_it_accepts_zero_where_zero_means_no_reminder(monkeypatch):
    monkeypatch.setenv("X_REMIND", "0")
    assert env_int("X_REMIND", 1, minimum=0) == 0
