"""At phone width a worker (张三丰) applies for their own 医疗互助 claim on 我的帮扶, uploads the
discharge summary and sees the claim's state and computed payout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from gonghui.assistance.models import MutualClaim
from gonghui.assistance.mutual_choices import ClaimStatus
from gonghui.core.roles import DataScope, Role
from tests.browser.conftest import screenshot
from tests.browser.test_assistance_flow import login
from tests.browser.test_mutual_claim_flow import enrolment  # noqa: F401 (fixture)
from tests.factories import RoleAssignmentFactory, UserFactory


def test_it_lets_a_worker_claim_on_the_phone(page, live_server, enrolment, tmp_path):  # noqa: F811
    person = enrolment.person
    worker = UserFactory(username="zhang", full_name="张三丰")
    RoleAssignmentFactory(
        user=worker, org_unit=enrolment.group.org_unit, role=Role.WORKER, data_scope=DataScope.SELF
    )
    person.user = worker
    person.save(update_fields=["user"])
    today = timezone.localdate()
    summary = tmp_path / "出院小结.pdf"
    summary.write_bytes(b"%PDF-1.4 discharge summary")
    page.set_viewport_size({"width": 390, "height": 844})

    login(page, "zhang")
    page.goto("/assistance/my/")
    expect(page.locator("main")).to_contain_text("保障中")
    page.click("text=申请医疗互助金")
    page.select_option("select[name=enrolment]", str(enrolment.pk))
    page.fill("input[name=hospital]", "示范区人民医院")
    page.fill("input[name=admitted_on]", (today - dt.timedelta(days=12)).isoformat())
    page.fill("input[name=discharged_on]", (today - dt.timedelta(days=5)).isoformat())
    page.fill("input[name=total_cost]", "20000")
    page.fill("input[name=eligible_cost]", "12000")
    page.fill("input[name=bank_card]", "6222021234567890123")
    page.fill("input[name=bank_name]", "工商银行")
    page.click("form.form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("已申请")
    expect(page.locator("[data-payout]")).to_have_text("5500.00 元")
    page.click("#claim-documents >> text=上传申领材料")
    page.select_option("select[name=kind]", "discharge")
    page.set_input_files("input[name=file]", str(summary))
    page.click("form.form button[type=submit]")
    expect(page.locator("#claim-documents")).to_contain_text("出院小结.pdf")
    expect(page.locator("[data-status]")).to_have_text("已申请")
    screenshot(page, "my-mutual-claim-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    claim = MutualClaim.objects.get()
    assert claim.status == ClaimStatus.SUBMITTED and claim.payout == Decimal("5500.00")
    assert claim.created_by == worker
