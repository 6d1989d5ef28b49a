"""A 送温暖 campaign in the browser: a cadre creates it, builds its list from the households on
file, publicises it and sees the list with its amounts on the detail and print pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.assistance.choices import CampaignKind, Category
from gonghui.assistance.models import Campaign
from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.assistance.campaign_support import amounts, on_file
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, OrgUnitFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def cadre(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="CD01", kind=OrgKind.DISTRICT_FEDERATION)
    union = OrgUnitFactory(parent=district, name="东湖机械厂工会", code="CG01")
    user = UserFactory(username="cadre", full_name="王干事")
    RoleAssignmentFactory(user=user, org_unit=union, role=Role.GRASSROOTS_ADMIN)
    amounts(CampaignKind.WARMTH, union, deep="800", relative="500")
    on_file(union, "刘困难", Category.DEEP)
    on_file(union, "陈相对", Category.RELATIVE)
    return union


def test_it_creates_builds_and_publicizes_a_campaign(page, cadre):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "cadre")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")

    page.click("nav >> text=帮扶活动")
    page.click("text=新建帮扶活动")
    page.fill("input[name=title]", "2026年元旦春节送温暖")
    page.fill("input[name=starts_on]", "2025-12-15")
    page.fill("input[name=ends_on]", "2026-02-15")
    screenshot(page, "campaign-form")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("2026年元旦春节送温暖")

    page.click(".page-head >> text=生成发放名单")
    page.click("form.confirm button[type=submit]")
    expect(page.locator(".stats")).to_contain_text("1300")
    expect(page.locator("table.data", has_text="刘困难")).to_contain_text("800")

    page.click(".page-head >> text=公示名单")
    page.fill("input[name=place]", "厂务公开栏")
    page.click("form.form button[type=submit]")
    expect(page.locator(".stats")).to_contain_text("厂务公开栏")
    screenshot(page, "campaign-detail")
    page.click(".page-head >> text=打印公示名单")
    expect(page.locator("table.data")).to_contain_text("陈相对")
    campaign = Campaign.objects.get()
    assert campaign.publicity_starts_on == timezone.localdate()
    assert campaign.entries.get(payee_name="陈相对").amount == Decimal("500")
