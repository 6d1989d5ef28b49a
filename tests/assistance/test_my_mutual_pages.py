"""我的帮扶 · 医疗互助: the worker sees their own enrolment and claims, applies for a claim under
the same rules as a cadre's (cover, waiting period, deadline, amounts), uploads the documents
while the claim is open and follows its state, payout and payment. Worker B, a cadre of another
union and the worker's own union cadre (on the self-service pages) get 404s for worker A's
claim, its documents included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.models import MutualClaim
from gonghui.assistance.mutual_choices import ClaimStatus, DocumentKind
from gonghui.core.attachment_services import attachment_add
from gonghui.core.models import Attachment
from tests.assistance.mutual_support import make_scheme, pdf

MY = reverse("assistance:my_assistance")
APPLY = reverse("assistance:my_claim_apply")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def running_scheme(personas, tree, **changes):
    """The district's scheme whose cover began 200 days ago (90 days' wait, 90 days to claim)."""
    today = timezone.localdate()
    cover_from = today - dt.timedelta(days=200)
    return make_scheme(
        personas,
        tree,
        enrol_from=cover_from - dt.timedelta(days=60),
        enrol_to=cover_from - dt.timedelta(days=1),
        cover_from=cover_from,
        cover_to=today + dt.timedelta(days=100),
        **changes,
    )


def enrol_person(cadre, scheme, union, person, *, paid=True):
    day = scheme.cover_from - dt.timedelta(days=30)
    group = services.mutual_group_enrol(
        actor=cadre.access, scheme=scheme, org_unit=union, people=[(person, 1)], enrolled_on=day
    )
    if paid:
        services.mutual_group_confirm_payment(
            actor=cadre.access, group=group, paid_on=day, amount=group.premium_due
        )
    return group.enrolments.get()


@pytest.fixture
def scheme(personas, tree):
    return running_scheme(personas, tree)


@pytest.fixture
def enrolment(personas, tree, scheme):
    """Worker A (张三) of union_a, enrolled and paid."""
    return enrol_person(personas["owner"], scheme, tree.union_a, tree.member_a.person)


def claim_form(enrolment, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "enrolment": str(enrolment.pk),
        "kind": "inpatient",
        "hospital": "区人民医院",
        "diagnosis": "急性阑尾炎",
        "admitted_on": (today - dt.timedelta(days=12)).isoformat(),
        "discharged_on": (today - dt.timedelta(days=5)).isoformat(),
        "total_cost": "20000",
        "eligible_cost": "12000",
        "bank_card": "6222 0212 3456 7890 123",
        "bank_name": "工商银行",
    }
    data.update(changes)
    return data


def worker_claim(personas, enrolment) -> MutualClaim:
    today = timezone.localdate()
    return services.mutual_claim_submit(
        actor=personas["worker"].access,
        **{
            **claim_form(enrolment),
            "enrolment": enrolment,
            "admitted_on": today - dt.timedelta(days=12),
            "discharged_on": today - dt.timedelta(days=5),
            "total_cost": Decimal("20000"),
            "eligible_cost": Decimal("12000"),
        },
    )


def my_url(name: str, claim) -> str:
    return reverse(f"assistance:my_claim_{name}", args=[claim.pk])


def test_it_shows_the_worker_their_enrolment_and_claims(personas, enrolment):
    claim = worker_claim(personas, enrolment)

    page = personas["worker"].client().get(MY).content.decode()

    assert enrolment.scheme.name in page and "保障中" in page
    assert APPLY in page and "申请医疗互助金" in page
    assert claim.number in page and my_url("detail", claim) in page and "5500.00 元" in page
    other = personas["outsider_worker"].client().get(MY).content.decode()
    assert claim.number not in other and enrolment.scheme.name not in other


def test_it_lets_the_worker_apply_for_a_claim_themselves(personas, tree, enrolment):
    client = personas["worker"].client()
    assert "提交申领" in client.get(APPLY).content.decode()

    response = client.post(APPLY, claim_form(enrolment))

    claim = MutualClaim.objects.get()
    assert response["Location"] == my_url("detail", claim)
    assert claim.status == ClaimStatus.SUBMITTED and claim.created_by == personas["worker"].user
    assert claim.enrolment == enrolment and claim.org_unit == tree.union_a
    assert claim.submitted_on == timezone.localdate()
    assert claim.bank_card == "6222021234567890123"
    assert (claim.eligible_cost, claim.payout) == (Decimal("12000.00"), Decimal("5500.00"))
    page = client.get(my_url("detail", claim)).content.decode()
    assert "已申请" in page and "测算给付" in page and "5500.00 元" in page
    assert "申领已提交，请上传申领材料" in page
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"eligible_cost": "abc"}, "医保范围内个人自付（元）应为数字"),
        ({"eligible_cost": "30000"}, "医保范围内个人自付不能超过医疗总费用"),
        ({"bank_card": "1234"}, "银行卡号应为12至19位数字"),
        ({"hospital": ""}, "请填写医院"),
    ],
)
def test_it_names_what_is_wrong_with_the_worker_s_claim(personas, enrolment, changes, message):
    response = personas["worker"].client().post(APPLY, claim_form(enrolment, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MutualClaim.objects.exists()


def test_it_refuses_the_waiting_period_and_a_late_claim_in_chinese(personas, scheme, enrolment):
    client = personas["worker"].client()
    in_wait = scheme.cover_from + dt.timedelta(days=10)
    waiting = client.post(
        APPLY,
        claim_form(
            enrolment,
            admitted_on=in_wait.isoformat(),
            discharged_on=(in_wait + dt.timedelta(days=3)).isoformat(),
        ),
    ).content.decode()
    assert "首次参加的等待期内发生的治疗不予给付" in waiting

    today = timezone.localdate()
    late = client.post(
        APPLY,
        claim_form(
            enrolment,
            admitted_on=(today - dt.timedelta(days=100)).isoformat(),
            discharged_on=(today - dt.timedelta(days=95)).isoformat(),
        ),
    ).content.decode()
    assert "已超过申领时限：出院后90天内申领" in late

    outside = client.post(
        APPLY,
        claim_form(
            enrolment,
            admitted_on=(scheme.cover_from - dt.timedelta(days=3)).isoformat(),
            discharged_on=(scheme.cover_from + dt.timedelta(days=2)).isoformat(),
        ),
    ).content.decode()
    assert "入院（就诊）日期不在保障期内" in outside
    assert not MutualClaim.objects.exists()


def test_it_lets_the_worker_claim_only_under_their_own_paid_enrolment(personas, tree, scheme):
    other = enrol_person(personas["sibling"], scheme, tree.union_b, tree.member_b.person)
    unpaid = enrol_person(personas["owner"], scheme, tree.union_a, tree.member_a.person, paid=False)
    client = personas["worker"].client()

    page = client.get(MY).content.decode()
    assert "待工会缴费确认" in page and APPLY not in page
    response = client.get(APPLY, follow=True)
    assert "您还没有已生效的医疗互助参保" in response.content.decode()

    services.mutual_group_confirm_payment(
        actor=personas["owner"].access,
        group=unpaid.group,
        paid_on=unpaid.enrolled_on,
        amount=unpaid.group.premium_due,
    )
    refused = client.post(APPLY, claim_form(other)).content.decode()
    assert "所选互助方案不在可选范围内" in refused
    assert not MutualClaim.objects.exists()


def test_it_lets_the_worker_upload_documents_while_the_claim_is_open(personas, enrolment):
    claim = worker_claim(personas, enrolment)
    client = personas["worker"].client()
    assert my_url("attach", claim) in client.get(my_url("detail", claim)).content.decode()

    response = client.post(my_url("attach", claim), {"kind": "discharge", "file": pdf()})

    assert response["Location"] == my_url("detail", claim)
    document = Attachment.objects.get()
    assert document.owner == claim and document.uploaded_by == personas["worker"].user
    page = client.get(my_url("detail", claim)).content.decode()
    assert "出院小结.pdf" in page and "已上传1份申领材料" in page
    download = reverse("assistance:my_claim_attachment", args=[document.pk])
    assert client.get(download).status_code == 200

    services.mutual_claim_review(actor=personas["owner"].access, claim=claim)
    services.mutual_claim_approve(actor=personas["district_admin"].access, claim=claim)
    page = client.get(my_url("detail", claim)).content.decode()
    assert my_url("attach", claim) not in page and "已核定" in page
    late = client.post(my_url("attach", claim), {"kind": "bills", "file": pdf("票据.pdf")})
    assert "已核定或已拒付的申领不能再增减材料" in late.content.decode()
    assert Attachment.objects.count() == 1


def test_it_shows_the_worker_the_state_and_what_was_paid(personas, enrolment):
    owner, centre = personas["owner"], personas["district_admin"]
    owner.user.full_name = "王干事"
    owner.user.save()
    claim = worker_claim(personas, enrolment)
    attachment_add(actor=owner.access, owner=claim, upload=pdf(), kind=DocumentKind.DISCHARGE)
    services.mutual_claim_review(actor=owner.access, claim=claim, note="材料齐全")
    services.mutual_claim_approve(actor=centre.access, claim=claim)
    services.mutual_claim_paid(
        actor=owner.access, claim=claim, paid_on=timezone.localdate(), proof="HD0001"
    )

    page = personas["worker"].client().get(my_url("detail", claim)).content.decode()

    assert "已给付" in page and "核定给付" in page and "测算给付" not in page
    assert "互助金 5500.00 元已于" in page and "尾号 0123" in page
    for step in ("申领医疗互助金", "互助申领初审", "核定互助金", "登记互助金给付"):
        assert step in page
    assert "王干事" not in page.split("办理进展")[1]


def test_it_tells_the_worker_why_a_claim_was_refused(personas, enrolment):
    claim = worker_claim(personas, enrolment)
    services.mutual_claim_refuse(
        actor=personas["owner"].access, claim=claim, reason="非医保范围内费用"
    )

    page = personas["worker"].client().get(my_url("detail", claim)).content.decode()

    assert "已拒付" in page and "不予支付：非医保范围内费用" in page


@pytest.mark.parametrize("persona", ["outsider_worker", "sibling", "owner"])
def test_it_hides_the_worker_s_claim_and_its_documents_from_everyone_else(
    personas, enrolment, persona
):
    claim = worker_claim(personas, enrolment)
    document = attachment_add(
        actor=personas["worker"].access, owner=claim, upload=pdf(), kind=DocumentKind.DISCHARGE
    )
    client = personas[persona].client()
    download = reverse("assistance:my_claim_attachment", args=[document.pk])
    delete = reverse("assistance:my_claim_attachment_delete", args=[document.pk])

    assert client.get(my_url("detail", claim)).status_code == 404
    assert client.get(my_url("attach", claim)).status_code == 404
    upload = {"kind": "bills", "file": pdf("票据.pdf")}
    assert client.post(my_url("attach", claim), upload).status_code == 404
    assert client.get(download).status_code == 404
    assert client.post(delete).status_code == 404
    assert Attachment.objects.count() == 1 and claim.number not in client.get(MY).content.decode()


def test_it_keeps_worker_b_away_from_worker_a_s_claim_in_their_own_union(personas, tree):
    """Worker B of the same union, enrolled in the same group, still gets a 404."""
    from tests.conftest import _persona
    from tests.factories import MembershipFactory

    scheme = running_scheme(personas, tree, all_staff_below=0)
    colleague = MembershipFactory(union=tree.union_a, person__name="王五").person
    group = services.mutual_group_enrol(
        actor=personas["owner"].access,
        scheme=scheme,
        org_unit=tree.union_a,
        people=[(tree.member_a.person, 1), (colleague, 1)],
        enrolled_on=scheme.cover_from - dt.timedelta(days=30),
    )
    services.mutual_group_confirm_payment(
        actor=personas["owner"].access,
        group=group,
        paid_on=group.applied_on,
        amount=group.premium_due,
    )
    worker_b = _persona(tree.union_a, "worker", "self", username="worker_wang")
    colleague.user = worker_b.user
    colleague.save(update_fields=["user"])
    claim = worker_claim(personas, group.enrolments.get(person=tree.member_a.person))
    document = attachment_add(
        actor=personas["worker"].access, owner=claim, upload=pdf(), kind=DocumentKind.DISCHARGE
    )
    client = worker_b.client()

    assert client.get(my_url("detail", claim)).status_code == 404
    download = reverse("assistance:my_claim_attachment", args=[document.pk])
    assert client.get(download).status_code == 404
    assert claim.number not in client.get(MY).content.decode()
    refused = client.post(APPLY, claim_form(claim.enrolment)).content.decode()
    assert "所选互助方案不在可选范围内" in refused
    assert MutualClaim.objects.count() == 1
