"""A cadre records a collective contract signed 40 days ago and never filed, sees it flagged
逾期未报送, records the (late) filing dated 25 days ago and sees the contract 已生效 because
the 15-day review period passed without objection."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.contracts import services
from gonghui.contracts.models import Contract
from gonghui.core.access import SYSTEM
from gonghui.core.periods import calendar_period, first_day_after
from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.factories import (
    PASSWORD,
    EnterpriseFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture
def cadre(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="CD01", kind=OrgKind.DISTRICT_FEDERATION)
    street = OrgUnitFactory(
        parent=district, name="东湖街道总工会", code="CS01", kind=OrgKind.STREET_FEDERATION
    )
    union = OrgUnitFactory(
        parent=street, name="东湖机械厂工会", code="CG01", kind=OrgKind.GRASSROOTS
    )
    enterprise = EnterpriseFactory(
        name="东湖机械厂", region=street, union=union, employees_total=180
    )
    user = UserFactory(username="cadre", full_name="王干事")
    RoleAssignmentFactory(user=user, org_unit=union, role=Role.GRASSROOTS_ADMIN)
    return {"union": union, "enterprise": enterprise}


def iso(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def test_it_flags_a_late_filing_and_shows_the_contract_effective_after_review(page, cadre):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "cadre")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")

    page.click("nav >> text=集体合同")
    page.click("text=新增集体合同")
    page.select_option("select[name=kind]", label="综合")
    page.select_option("select[name=enterprises]", label="东湖机械厂（180人）")
    page.fill("input[name=union_negotiator]", "王干事")
    page.fill("input[name=employer_negotiator]", "赵厂长")
    page.fill("input[name=signed_on]", iso(40))
    page.fill("input[name=starts_on]", iso(40))
    ends = timezone.localdate() - dt.timedelta(days=41)
    page.fill("input[name=ends_on]", ends.replace(year=ends.year + 3).isoformat())
    screenshot(page, "contracts-form")
    page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("东湖机械厂集体合同")
    expect(page.locator(".message.error")).to_contain_text("逾期未报送")
    expect(page.locator("h1 .badge")).to_contain_text("已签订")
    screenshot(page, "contracts-overdue")

    page.click("text=登记报送")
    page.fill("input[name=filed_on]", iso(25))
    page.click("form.form button[type=submit]")

    expect(page.locator("h1 .badge")).to_contain_text("已生效")
    expect(page.locator(".timeline")).to_contain_text("逾期报送")
    expect(page.locator(".message.error")).to_have_count(0)
    screenshot(page, "contracts-effective")

    page.click("nav >> text=集体合同")
    row = page.locator("table.data tbody tr", has_text="东湖机械厂集体合同")
    expect(row).to_contain_text("已生效")
    expect(row).to_contain_text("逾期报送")
    screenshot(page, "contracts-list")
    contract = Contract.objects.get()
    # 集体合同规定 arts. 45, 47: the 15-day review from the filing, in force the day after.
    review = calendar_period(timezone.localdate() - dt.timedelta(days=25), 15)
    assert contract.effective_on == first_day_after(review)


def test_it_re_signs_after_an_objection_and_starts_a_new_filing_period(page, cadre):
    """集体合同规定 art. 46: the objected text is re-signed; the page keeps the objection and
    counts the new filing period from the re-signing (not a late filing)."""
    today = timezone.localdate()
    contract, _ = services.contract_create(
        actor=SYSTEM,
        org_unit=cadre["union"],
        enterprises=[cadre["enterprise"]],
        kind="general",
        signed_on=today - dt.timedelta(days=30),
        filed_on=today - dt.timedelta(days=28),
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=700),
        union_negotiator="王干事",
        employer_negotiator="赵厂长",
    )
    services.contract_object(
        actor=SYSTEM,
        contract=contract,
        objection_on=today - dt.timedelta(days=20),
        note="工时条款不符合规定",
    )
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "cadre")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto(contract.get_absolute_url())
    page.click("a.button:has-text('重新签订')")
    page.fill("input[name=signed_on]", iso(2))
    page.click("form.form button[type=submit]")

    due = calendar_period(today - dt.timedelta(days=2), 10).end
    expect(page.locator("h1 .badge")).to_contain_text("已签订")
    expect(page.locator(".details")).to_contain_text(f"{due:%Y-%m-%d}（10日）")
    expect(page.locator("text=审查意见记录")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("待报送")
    screenshot(page, "contracts-resigned")
