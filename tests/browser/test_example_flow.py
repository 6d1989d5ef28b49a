"""The example work line (tests/example_app, 职工书屋) in the browser: a cadre registers a
library on the generic form, finds it on the list, opens its detail page and edits it there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.example_app.models import Library
from tests.factories import PASSWORD, OrgUnitFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def cadre(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="ED01", kind=OrgKind.DISTRICT_FEDERATION)
    union = OrgUnitFactory(parent=district, name="东湖机械厂工会", code="EG01")
    user = UserFactory(username="cadre", full_name="王干事")
    RoleAssignmentFactory(user=user, org_unit=union, role=Role.GRASSROOTS_ADMIN)
    return union


def test_it_registers_shows_and_edits_a_library(page, cadre):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "cadre")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")

    page.click("nav >> text=职工书屋")
    page.click("text=新增职工书屋")
    page.fill("input[name=name]", "机械厂职工书屋")
    page.select_option("select[name=level]", label="市级示范")
    page.fill("input[name=books]", "1200")
    page.fill("input[name=funding]", "5000.50")
    screenshot(page, "example-form")
    page.click("form.form button[type=submit]")

    row = page.locator("table.data tbody tr", has_text="机械厂职工书屋")
    expect(row).to_contain_text("市级示范")
    screenshot(page, "example-list")
    row.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("职工书屋：机械厂职工书屋")
    expect(page.locator(".details")).to_contain_text("5000.50")
    screenshot(page, "example-detail")

    page.click(".page-head >> text=编辑")
    page.fill("input[name=books]", "1500")
    page.click("form.form button[type=submit]")
    expect(page.locator("table.data tbody tr", has_text="机械厂职工书屋")).to_contain_text("1500")
    assert Library.objects.get().books == 1500
