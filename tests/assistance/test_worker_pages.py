"""我的帮扶: a worker applies for their own file, follows its state (without the cadres'
names), corrects a returned one, withdraws, and sees what was paid to them; another worker's
file does not exist for them."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, FileStatus
from gonghui.assistance.models import HardshipFile
from tests.assistance.conftest import D, apply_for, filed_file
from tests.assistance.pages import application_data

MY = reverse("assistance:my_assistance")
APPLY = reverse("assistance:my_file_apply")


def my_url(name: str, file) -> str:
    return reverse(f"assistance:my_file_{name}", args=[file.pk])


def test_it_lets_a_worker_apply_for_themselves(dibao, tree, personas):
    client = personas["worker"].client()
    assert "申请困难职工建档" in client.get(MY).content.decode()

    response = client.post(APPLY, application_data())

    file = HardshipFile.objects.get()
    assert response["Location"] == my_url("detail", file)
    assert file.person == tree.member_a.person and file.org_unit == tree.union_a
    page = client.get(MY).content.decode()
    assert file.number in page and "已提交" in page
    assert "申请困难职工建档</a>" not in page  # one open file per person


def test_it_shows_the_worker_the_progress_without_the_cadres_names(dibao, tree, personas):
    owner = personas["owner"]
    owner.user.full_name = "王干事"
    owner.user.save()
    file = apply_for(owner.access, tree)
    services.hardship_return(actor=owner.access, file=file, reason="请补充诊断证明")

    page = personas["worker"].client().get(my_url("detail", file)).content.decode()

    assert "请补充诊断证明" in page and "修改后重新提交" in page
    assert "王干事" not in page
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page


def test_it_lets_the_worker_resubmit_a_returned_file(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)
    services.hardship_return(actor=personas["owner"].access, file=file, reason="收入有误")
    data = application_data(bank_card="", diagnosis="")
    data.update({"family-INITIAL_FORMS": "3", "family-2-DELETE": "on"})

    response = personas["worker"].client().post(my_url("resubmit", file), data)

    assert response["Location"] == my_url("detail", file)
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED and file.bank_card == "6222021234567890123"


def test_it_lets_the_worker_withdraw_after_asking(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)
    client = personas["worker"].client()

    assert "确认撤回" in client.get(my_url("withdraw", file)).content.decode()
    client.post(my_url("withdraw", file), {"reason": "情况好转"})

    file.refresh_from_db()
    assert file.status == FileStatus.WITHDRAWN


def test_it_shows_the_worker_what_was_paid_to_them(dibao, tree, personas, fund, reviewer):
    file = filed_file(personas, tree)
    payment = services.payment_create(
        actor=personas["owner"].access,
        fund=fund,
        file=file,
        type=AssistanceType.WARMTH,
        amount=Decimal("1500"),
    )
    services.payment_approve(actor=reviewer.access, payment=payment)
    services.payment_paid(actor=personas["owner"].access, payment=payment, paid_on=D(2025, 10, 20))

    page = personas["worker"].client().get(MY).content.decode()

    assert "送温暖" in page and "1500.00 元" in page and "已发放" in page
    assert "1500.00" not in personas["outsider_worker"].client().get(MY).content.decode()


def test_it_hides_a_file_from_every_other_worker_and_from_cadres(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    outsider = personas["outsider_worker"].client()
    assert outsider.get(my_url("detail", file)).status_code == 404
    assert outsider.post(my_url("withdraw", file), {"reason": "x"}).status_code == 404
    assert file.number not in outsider.get(MY).content.decode()
    # Self-service pages are for workers; a cadre works on the cadre pages.
    assert personas["owner"].client().get(my_url("detail", file)).status_code == 404
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED
