"""Test settings: the tests opt in to fixed keys explicitly; production refuses them."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("GONGHUI_SECRET_KEY", "gonghui-test-suite-secret-key-not-for-production")
os.environ.setdefault("GONGHUI_PII_KEY", "gonghui-test-suite-pii-key-not-for-production")
# The test client and the browser tests speak plain HTTP to the app: no redirect to HTTPS.
# Everything else keeps the production defaults (tests/core/test_production_settings.py).
os.environ.setdefault("GONGHUI_SSL_REDIRECT", "0")

from gonghui.settings import *  # noqa: F403

# The example work line (tests/example_app): a registry built only from the kernel, installed
# for the tests so that the conformance suite and the architecture test cover a new app.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_app"]  # noqa: F405

# Attachments uploaded by the tests go to a scratch directory, never into var/.
GONGHUI_PRIVATE_ROOT = Path(tempfile.gettempdir()) / "gonghui-test-private"
