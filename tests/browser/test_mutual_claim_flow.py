"""A district cadre (帮扶中心) files a 医疗互助 claim for an enrolled worker, uploads the
discharge summary and takes the claim through 初审 → 核定 → 已给付, reading the payout and
the history on the claim's page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gonghui.assistance import services
from gonghui.assistance.models import MutualClaim
from gonghui.assistance.mutual_choices import ClaimStatus
from gonghui.core.access import SYSTEM
from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import screenshot
from tests.browser.test_assistance_flow import login
from tests.factories import MembershipFactory, OrgUnitFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def enrolment(transactional_db):
    """东湖机械厂工会 enrolled 张三丰 in the district's scheme, whose cover runs now."""
    today = timezone.localdate()
    district = OrgUnitFactory(name="示范区总工会", code="AD01", kind=OrgKind.DISTRICT_FEDERATION)
    union = OrgUnitFactory(
        parent=district, name="东湖机械厂工会", code="AG01", kind=OrgKind.GRASSROOTS
    )
    person = MembershipFactory(union=union, person__name="张三丰").person
    cadre = UserFactory(username="centre", full_name="刘主任")
    RoleAssignmentFactory(user=cadre, org_unit=district, role=Role.FEDERATION_ADMIN)
    cover_from = today - dt.timedelta(days=200)
    scheme = services.mutual_scheme_create(
        actor=SYSTEM,
        org_unit=district,
        name="职工住院医疗互助",
        premium_per_share=Decimal("36"),
        max_shares=1,
        enrol_from=cover_from - dt.timedelta(days=60),
        enrol_to=cover_from - dt.timedelta(days=1),
        cover_from=cover_from,
        cover_to=today + dt.timedelta(days=100),
        waiting_days=0,
        deductible=Decimal("1000"),
        payout_percent=Decimal("50"),
        annual_cap=Decimal("30200"),
        claim_days=90,
        second_round_threshold=Decimal("50000"),
    )
    group = services.mutual_group_enrol(
        actor=SYSTEM,
        scheme=scheme,
        org_unit=union,
        people=[(person, 1)],
        enrolled_on=cover_from - dt.timedelta(days=30),
    )
    services.mutual_group_confirm_payment(
        actor=SYSTEM,
        group=group,
        paid_on=cover_from - dt.timedelta(days=20),
        amount=group.premium_due,
    )
    return group.enrolments.get()


def test_it_takes_a_claim_from_filing_to_payment(page, live_server, enrolment, tmp_path):
    today = timezone.localdate()
    summary = tmp_path / "出院小结.pdf"
    summary.write_bytes(b"%PDF-1.4 discharge summary")
    login(page, "centre")
    page.click("nav >> text=医疗互助申领")
    page.click("text=新建申领")
    page.select_option("select[name=enrolment]", str(enrolment.pk))
    page.fill("input[name=hospital]", "示范区人民医院")
    page.fill("input[name=admitted_on]", (today - dt.timedelta(days=12)).isoformat())
    page.fill("input[name=discharged_on]", (today - dt.timedelta(days=5)).isoformat())
    page.fill("input[name=total_cost]", "20000")
    page.fill("input[name=eligible_cost]", "12000")
    page.fill("input[name=bank_card]", "6222021234567890123")
    page.fill("input[name=bank_name]", "工商银行")
    screenshot(page, "mutual-claim-create")
    page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("张三丰")
    expect(page.locator("h1")).to_contain_text("已申请")
    expect(page.locator("[data-payout]")).to_have_text("5500.00")
    page.click("#claim-documents >> text=上传申领材料")
    page.select_option("select[name=kind]", "discharge")
    page.set_input_files("input[name=file]", str(summary))
    page.click("form.form button[type=submit]")
    expect(page.locator("#claim-documents")).to_contain_text("出院小结.pdf")

    page.click(".page-head >> text=初审通过")
    page.fill("textarea[name=note]", "材料齐全，情况属实")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("基层工会初审通过")
    page.click(".page-head >> text=核定给付")
    page.click("form.confirm button[type=submit]")
    expect(page.locator("h1")).to_contain_text("已核定")
    page.click(".page-head >> text=登记已给付")
    page.fill("input[name=proof]", "HD20260001")
    page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("已给付")
    expect(page.locator("[data-payout]")).to_have_text("5500.00")
    history = page.locator("table.timeline")
    for step in ("申领医疗互助金", "互助申领初审", "核定互助金", "登记互助金给付"):
        expect(history).to_contain_text(step)
    expect(history).to_contain_text("刘主任")
    expect(page.locator(".page-head .actions")).to_have_count(0)
    screenshot(page, "mutual-claim-paid")
    page.click("nav >> text=医疗互助申领")
    row = page.locator("table.data tbody tr", has_text="张三丰")
    expect(row).to_contain_text("已给付")
    expect(row).to_contain_text("5500.00")
    screenshot(page, "mutual-claim-list")
    claim = MutualClaim.objects.get()
    assert claim.status == ClaimStatus.PAID and claim.paid_on == today
    assert claim.payout == Decimal("5500.00")
