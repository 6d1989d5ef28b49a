"""A cadre files a hardship application for a member (the family on the same form), passes
the 初审 and records the 入户调查; the worker, on a phone, sees the file and where it stands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.core.roles import DataScope, Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.factories import (
    PASSWORD,
    EnterpriseFactory,
    MembershipFactory,
    OrgUnitFactory,
    ParameterFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture
def people(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="AD01", kind=OrgKind.DISTRICT_FEDERATION)
    union = OrgUnitFactory(
        parent=district, name="东湖机械厂工会", code="AG01", kind=OrgKind.GRASSROOTS
    )
    ParameterFactory(
        key="hardship_dibao_monthly",
        org_unit=district,
        valid_from=dt.date(2020, 1, 1),
        value=Decimal("1000"),
    )
    firm = EnterpriseFactory(name="东湖机械厂", region=district, union=union)
    worker = UserFactory(username="worker", full_name="张三丰")
    RoleAssignmentFactory(user=worker, org_unit=union, role=Role.WORKER, data_scope=DataScope.SELF)
    membership = MembershipFactory(union=union, person__name="张三丰", person__employer=firm)
    membership.person.user = worker
    membership.person.save(update_fields=["user"])
    cadre = UserFactory(username="cadre", full_name="王干事")
    RoleAssignmentFactory(user=cadre, org_unit=union, role=Role.GRASSROOTS_ADMIN)
    return membership.person


def login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_it_files_an_application_and_the_worker_follows_it(page, browser, live_server, people):
    login(page, "cadre")
    page.click("nav >> text=困难职工档案")
    page.click("text=新建困难职工档案")
    page.select_option("select[name=person]", str(people.pk))
    page.select_option("select[name=main_cause]", "illness")
    page.check("input[name=other_causes][value=schooling]")
    page.fill("input[name=annual_income]", "24000")
    page.fill("input[name=rigid_expenses]", "2400")
    page.fill("input[name=bank_card]", "6222021234567890123")
    page.fill("input[name=bank_name]", "工商银行")
    page.fill("textarea[name=diagnosis]", "尿毒症")
    page.fill("input[name=family-0-name]", "张三丰")
    page.fill("input[name=family-0-annual_income]", "24000")
    page.fill("input[name=family-1-name]", "张小丰")
    page.select_option("select[name=family-1-relation]", "child")
    screenshot(page, "assistance-apply")
    page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("张三丰")
    expect(page.locator(".details")).to_contain_text("6222 **** **** 0123")
    page.click(".page-head >> text=基层工会初审")
    page.click("form.form button[type=submit]")
    page.click(".page-head >> text=登记入户调查")
    page.fill("textarea[name=visitors]", "李四、王五")
    page.fill("textarea[name=findings]", "家中有透析病人，收入属实")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("已入户调查")
    expect(page.locator("table.timeline")).to_contain_text("李四、王五")
    expect(page.locator("table.timeline")).to_contain_text("王干事")
    screenshot(page, "assistance-file-detail")
    file = HardshipFile.objects.get()
    assert file.status == FileStatus.SURVEYED and file.applied_on == timezone.localdate()

    phone = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844}
    ).new_page()
    login(phone, "worker")
    phone.goto("/assistance/my/")
    card = phone.locator(".my-card", has_text=file.number)
    expect(card).to_contain_text("已入户调查")
    screenshot(phone, "assistance-my")
    card.click()
    steps = phone.locator("ol.my-steps")
    expect(steps).to_contain_text("入户调查")
    expect(steps).not_to_contain_text("王干事")
    expect(steps).not_to_contain_text("李四")
    screenshot(phone, "assistance-my-file")
    phone.context.close()
