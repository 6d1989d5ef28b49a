"""互助金申领: cover and waiting period, claim deadline, the computed payout and the annual
cap across claims, documents, review steps, 二次救助; who may see and change a claim."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from gonghui.assistance import services
from gonghui.assistance.models import MutualClaim, Payment
from gonghui.assistance.mutual_choices import ClaimStatus, DocumentKind
from gonghui.assistance.parameters import requires_file_key
from gonghui.assistance.selectors_mutual import claims_for, get_claim_for, get_scheme_for
from gonghui.core.attachment_services import attachment_add
from gonghui.core.errors import DomainError
from gonghui.core.models import Attachment
from tests.assistance.mutual_support import (
    approved,
    enrol,
    make_scheme,
    pdf,
    reviewed,
    scheme_terms,
    submit,
)
from tests.factories import ParameterFactory

D = dt.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def enrolment(tree, personas):
    return enrol(personas, tree, make_scheme(personas, tree))


def test_it_computes_the_payout_when_the_claim_is_submitted(personas, enrolment):
    claim = submit(personas["owner"].access, enrolment)
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.payout == Decimal("5500.00")  # (12 000 − 1 000) × 50 %
    assert claim.deadline_on == D(2026, 8, 18)  # 20 May + 90 days
    assert claim.number.startswith("HZ2026")


def test_it_lets_the_worker_claim_for_themselves_only(tree, personas, enrolment):
    claim = submit(personas["worker"].access, enrolment)
    assert claim.created_by == personas["worker"].user
    with pytest.raises(DomainError, match="只能为本人申领互助金"):
        submit(personas["outsider_worker"].access, enrolment)


def test_it_refuses_a_treatment_in_the_waiting_period_or_outside_cover(personas, enrolment):
    owner = personas["owner"].access
    with pytest.raises(DomainError) as err:
        submit(owner, enrolment, admitted_on=D(2026, 3, 31), discharged_on=D(2026, 4, 5))
    assert err.value.message == "首次参加的等待期内发生的治疗不予给付：等待期至2026-03-31"
    with pytest.raises(DomainError, match=r"不在保障期内（2026-01-01至2026-12-31）"):
        submit(owner, enrolment, admitted_on=D(2025, 12, 20), discharged_on=D(2026, 1, 5))
    submit(owner, enrolment, admitted_on=D(2026, 4, 1), discharged_on=D(2026, 4, 5))


def test_it_refuses_a_claim_before_the_premium_is_confirmed(tree, personas):
    unpaid = enrol(personas, tree, make_scheme(personas, tree), paid=False)
    with pytest.raises(DomainError, match="尚未缴费确认，保障尚未生效"):
        submit(personas["owner"].access, unpaid)


def test_it_refuses_a_claim_after_the_deadline(personas, enrolment):
    owner = personas["owner"].access
    with pytest.raises(DomainError) as err:
        submit(owner, enrolment, submitted_on=D(2026, 8, 19))
    assert err.value.message == "已超过申领时限：出院后90天内申领，本次截止2026-08-18"
    assert err.value.field == "discharged_on"
    assert not MutualClaim.objects.exists()
    submit(owner, enrolment, submitted_on=D(2026, 8, 18))  # the last day still counts


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"eligible_cost": Decimal("25000")}, "医保范围内个人自付不能超过医疗总费用"),
        ({"discharged_on": D(2026, 5, 1)}, "出院日期不能早于入院日期"),
        ({"total_cost": Decimal("-5")}, "医疗总费用不能为负数"),
        ({"bank_card": "1234"}, "银行卡号应为12至19位数字"),
        ({"kind": "dental"}, "申领类别“dental”不在可选范围内"),
    ],
)
def test_it_refuses_bad_claim_figures(personas, enrolment, changes, message):
    with pytest.raises(DomainError, match=message):
        submit(personas["owner"].access, enrolment, **changes)
    assert not MutualClaim.objects.exists()


def test_it_holds_the_annual_cap_across_claims(tree, personas):
    enrolment = enrol(personas, tree, make_scheme(personas, tree, annual_cap=Decimal("8000")))
    district = personas["district_admin"].access
    first = reviewed(personas, enrolment)
    second = reviewed(
        personas,
        enrolment,
        admitted_on=D(2026, 7, 1),
        discharged_on=D(2026, 7, 10),
        eligible_cost=Decimal("9000"),
        submitted_on=D(2026, 7, 20),
    )
    assert (first.payout, second.payout) == (Decimal("5500.00"), Decimal("4000.00"))
    services.mutual_claim_approve(actor=district, claim=first)
    services.mutual_claim_approve(actor=district, claim=second)  # computed again at 核定
    assert (second.paid_before, second.payout) == (Decimal("5500.00"), Decimal("2500.00"))
    third = reviewed(
        personas,
        enrolment,
        admitted_on=D(2026, 8, 1),
        discharged_on=D(2026, 8, 2),
        submitted_on=D(2026, 8, 3),
    )
    with pytest.raises(DomainError, match=r"核定给付金额为0元（本年度已给付8000.00元"):
        services.mutual_claim_approve(actor=personas["district_admin"].access, claim=third)
    third.refresh_from_db()
    assert third.status == ClaimStatus.REVIEWED


def test_it_takes_a_claim_through_review_approval_and_payment(personas, enrolment):
    owner, district = personas["owner"].access, personas["district_admin"].access
    claim = submit(owner, enrolment)
    with pytest.raises(DomainError, match="请先上传申领材料"):
        services.mutual_claim_review(actor=owner, claim=claim)
    attachment_add(actor=owner, owner=claim, upload=pdf(), kind=DocumentKind.BILLS)
    services.mutual_claim_review(actor=owner, claim=claim, note="材料齐全")
    with pytest.raises(DomainError, match="审核须由县级以上工会帮扶中心办理"):
        services.mutual_claim_approve(actor=owner, claim=claim)
    stale = MutualClaim.objects.get(pk=claim.pk)
    services.mutual_claim_approve(actor=district, claim=claim)
    with pytest.raises(DomainError, match="只有初审通过的申领可以核定（当前状态：已核定）"):
        services.mutual_claim_approve(actor=district, claim=stale)
    with pytest.raises(DomainError, match="已核定或已拒付的申领不能再增减材料"):
        attachment_add(actor=owner, owner=claim, upload=pdf(), kind="other")
    services.mutual_claim_paid(actor=owner, claim=claim, paid_on=dt.date.today(), proof="HD001")
    claim.refresh_from_db()
    assert (claim.status, claim.payout, claim.proof) == (
        ClaimStatus.PAID,
        Decimal("5500.00"),
        "HD001",
    )


def test_it_refuses_a_claim_only_with_a_reason(personas, enrolment):
    owner = personas["owner"].access
    claim = submit(owner, enrolment)
    with pytest.raises(DomainError, match="请填写拒付原因"):
        services.mutual_claim_refuse(actor=owner, claim=claim, reason="  ")
    services.mutual_claim_refuse(actor=owner, claim=claim, reason="非医保范围内费用")
    claim.refresh_from_db()
    assert (claim.status, claim.refusal_reason) == (ClaimStatus.REFUSED, "非医保范围内费用")
    with pytest.raises(DomainError, match="不能拒付"):
        services.mutual_claim_refuse(actor=owner, claim=claim, reason="再次")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("病历.exe", b"MZ", "类型不支持，申领材料只能是 PDF、JPG 或 PNG"),
        ("空.pdf", b"", "是空文件"),
        ("大.pdf", b"0" * (10 * 1024 * 1024 + 1), "超过每个文件 10 MB 的上限"),
    ],
)
def test_it_refuses_bad_documents(personas, enrolment, name, content, message):
    claim = submit(personas["owner"].access, enrolment)
    with pytest.raises(DomainError, match=message):
        attachment_add(
            actor=personas["owner"].access, owner=claim, upload=pdf(name, content), kind="other"
        )
    assert not Attachment.objects.exists()


def test_it_opens_a_second_round_payment_for_a_heavy_remainder(tree, personas, fund):
    ParameterFactory(
        key=requires_file_key("medical"), org_unit=tree.district, valid_from=D(2020, 1, 1), value=0
    )
    enrolment = enrol(personas, tree, make_scheme(personas, tree))
    owner = personas["owner"].access
    light = approved(personas, enrolment, eligible_cost=Decimal("9000"))
    with pytest.raises(
        DomainError, match=r"给付后个人仍自付5000\.00元，未超过二次救助起点5000\.00元"
    ):
        services.mutual_claim_second_round(actor=owner, claim=light, fund=fund, amount=100)
    heavy = approved(
        personas,
        enrolment,
        admitted_on=D(2026, 7, 1),
        discharged_on=D(2026, 7, 9),
        submitted_on=D(2026, 7, 20),
        total_cost=Decimal("90000"),
        eligible_cost=Decimal("60000"),
    )
    assert heavy.payout == Decimal("26200.00")  # 30 200 cap − 4 000 already
    with pytest.raises(DomainError, match=r"不能超过给付后个人自付33800\.00元"):
        services.mutual_claim_second_round(actor=owner, claim=heavy, fund=fund, amount=40000)
    services.mutual_claim_second_round(actor=owner, claim=heavy, fund=fund, amount=Decimal("3000"))
    heavy.refresh_from_db()
    payment = heavy.second_round
    assert (payment.type, payment.amount, payment.payee_name) == (
        "medical",
        Decimal("3000"),
        "张三",
    )
    assert payment.status == "pending" and heavy.number in payment.note
    with pytest.raises(DomainError, match="已有二次救助发放记录"):
        services.mutual_claim_second_round(actor=owner, claim=heavy, fund=fund, amount=1)
    assert Payment.objects.count() == 1


def test_it_hides_a_claim_from_outsiders_and_shows_the_worker_their_own(tree, personas, enrolment):
    claim = submit(personas["owner"].access, enrolment)
    for name in ("owner", "parent", "district_admin", "worker"):
        assert get_claim_for(personas[name].access, claim.pk) == claim
    for name in ("sibling", "outsider_worker"):
        assert not claims_for(personas[name].access).exists()
        with pytest.raises(Http404):
            get_claim_for(personas[name].access, claim.pk)
    with pytest.raises(DomainError, match="该单位不在您的管辖范围内"):
        services.mutual_claim_refuse(actor=personas["sibling"].access, claim=claim, reason="x")
    with pytest.raises(DomainError, match="无权办理"):
        services.mutual_claim_review(actor=personas["worker"].access, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_it_shows_a_federation_scheme_to_the_unions_below(tree, personas, enrolment):
    scheme = enrolment.scheme
    assert get_scheme_for(personas["owner"].access, scheme.pk) == scheme
    sibling_scheme = services.mutual_scheme_create(
        actor=personas["owner"].access,
        org_unit=tree.union_a,
        **scheme_terms(name="甲方案"),
    )
    with pytest.raises(Http404):
        get_scheme_for(personas["sibling"].access, sibling_scheme.pk)
