"""Test settings: the tests opt in to fixed keys explicitly; production refuses them."""

import os

os.environ.setdefault("GONGHUI_SECRET_KEY", "gonghui-test-suite-secret-key-not-for-production")
os.environ.setdefault("GONGHUI_PII_KEY", "gonghui-test-suite-pii-key-not-for-production")

from gonghui.settings import *  # noqa: F403
