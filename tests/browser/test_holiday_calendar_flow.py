"""A 系统管理员 finds 2027 provisional on 节假日安排, enters the State Council's notice and sees
the year announced (issue 9)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gonghui.core.roles import DataScope, Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, OrgUnitFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def sysadmin(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="HD01", kind=OrgKind.DISTRICT_FEDERATION)
    user = UserFactory(username="sysadmin", full_name="李管理员")
    RoleAssignmentFactory(
        user=user, org_unit=district, role=Role.SYSTEM_ADMIN, data_scope=DataScope.ALL
    )
    return user


def test_it_enters_the_2027_notice_and_the_year_is_announced(page, sysadmin):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "sysadmin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")

    page.click("nav >> text=节假日安排")
    row = page.locator("table.data tbody tr", has_text="2027年")
    expect(row).to_contain_text("暂定")
    screenshot(page, "holiday-list")
    row.locator("text=2027年").click()
    expect(page.locator("h1")).to_contain_text("2027年节假日安排")
    expect(page.locator("table.data").first).to_contain_text("春节补假")
    screenshot(page, "holiday-year-provisional")

    page.click(".page-head >> text=录入放假通知")
    page.fill("input[name=source]", "国务院办公厅关于2027年部分节假日安排的通知")
    page.fill(
        "textarea[name=holidays_text]",
        "2027-01-01至2027-01-03 元旦\n2027-02-04至2027-02-11 春节\n2027-04-03至2027-04-05 清明节\n"
        "2027-05-01至2027-05-05 劳动节\n2027-06-09 端午节\n2027-09-15 中秋节\n"
        "2027-10-01至2027-10-07 国庆节",
    )
    page.fill("textarea[name=workdays_text]", "2027-02-13 春节调休上班\n2027-10-09 国庆节调休上班")
    screenshot(page, "holiday-form")
    page.click("form.form.card button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("已保存2027年节假日安排")
    expect(page.locator("h1")).to_contain_text("已公布")
    expect(page.locator("body")).to_contain_text("2027-02-13")
    screenshot(page, "holiday-year-announced")


def test_it_reminds_on_the_home_page_and_reads_the_notice_from_excel(
    page, sysadmin, monkeypatch, tmp_path
):
    import datetime as dt

    from django.utils import timezone
    from openpyxl import Workbook

    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 12, 7))
    wb = Workbook()
    wb.active.append(["开始日期", "结束日期", "类型", "名称"])
    wb.active.append(["2027-01-01", "2027-01-03", "放假", "元旦"])
    wb.active.append(["2027-02-04", "2027-02-11", "放假", "春节"])
    wb.active.append(["2027-02-13", None, "调休上班", "春节调休上班"])
    path = tmp_path / "通知.xlsx"
    wb.save(path)

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "sysadmin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    alert = page.locator("[data-card=alerts] li", has_text="2027年节假日安排尚未录入")
    expect(alert).to_contain_text("暂定")
    screenshot(page, "home-holiday-reminder")

    alert.locator("a").click()
    expect(page.locator("h1")).to_contain_text("录入2027年节假日安排")
    page.set_input_files("[data-card=notice-sheet] input[type=file]", str(path))
    page.click("[data-card=notice-sheet] button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已从Excel读取3行")
    expect(page.locator("textarea[name=holidays_text]")).to_have_value(
        "2027-01-01至2027-01-03 元旦\n2027-02-04至2027-02-11 春节"
    )
    screenshot(page, "holiday-form-from-excel")
    page.fill("input[name=source]", "国务院办公厅关于2027年部分节假日安排的通知")
    page.click("form.form.card button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已保存2027年节假日安排")
    page.goto("/")
    expect(page.locator("[data-card=alerts]")).not_to_contain_text("2027年节假日安排尚未录入")
