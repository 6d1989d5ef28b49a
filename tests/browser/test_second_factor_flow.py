"""A federation administrator signs in for the first time with the second factor required:
the enrolment page shows a scannable QR code and the secret, the first code from the app
confirms it, the recovery codes are shown once and the home page opens."""

from __future__ import annotations

import pyotp
import pytest

from gonghui.accounts.models import SecondFactor
from gonghui.core import crypto
from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, OrgUnitFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def admin(transactional_db, settings):
    settings.GONGHUI_2FA_REQUIRED = True
    district = OrgUnitFactory(name="东湖区总工会", code="TF01", kind=OrgKind.DISTRICT_FEDERATION)
    user = UserFactory(username="federation", full_name="王主席")
    RoleAssignmentFactory(user=user, org_unit=district, role=Role.FEDERATION_ADMIN)
    return user


def test_it_enrols_the_authenticator_at_first_sign_in(page, admin):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "federation")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.wait_for_url("**/accounts/2fa/**")
    qr = page.locator("figure.qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] > 100 and box["height"] > 100, "large enough to scan"
    screenshot(page, "second-factor-enrol")

    secret = crypto.decrypt(SecondFactor.objects.get(user=admin).secret)
    assert page.locator("code.secret").inner_text().replace(" ", "") == secret
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("form.form button[type=submit]")  # not the top bar's 退出

    codes = page.locator("ul.recovery-codes li")
    codes.first.wait_for()
    assert codes.count() == 10
    screenshot(page, "second-factor-recovery-codes")
    page.click("text=我已保存，继续")
    assert "/accounts/2fa/" not in page.url
