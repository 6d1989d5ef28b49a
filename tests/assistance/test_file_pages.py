"""Cadre pages of hardship files: the list with its filters, search and export, the
application with the family formset, each step posted through its form, the masked bank card
shown in full only through an audited action, and the sibling union kept out."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import Category, FileStatus
from gonghui.assistance.models import ExclusionItem, HardshipFile
from gonghui.core.models import AuditEntry
from tests.assistance.conftest import D, application, apply_for, filed_file
from tests.assistance.pages import application_data

LIST = reverse("assistance:file_list")


def url(name: str, file) -> str:
    return reverse(f"assistance:file_{name}", args=[file.pk])


def test_it_lists_filters_and_searches_files_in_scope(dibao, tree, personas):
    owner = personas["owner"]
    file = apply_for(owner.access, tree)
    client = owner.client()

    page = client.get(LIST).content.decode()
    assert file.number in page and "张三" in page and "已提交" in page
    assert file.number in client.get(LIST, {"q": "张三"}).content.decode()
    assert file.number not in client.get(LIST, {"q": "李四"}).content.decode()
    assert file.number not in client.get(LIST, {"status": "filed"}).content.decode()
    assert file.number in client.get(LIST, {"status": "submitted"}).content.decode()
    assert file.number not in personas["sibling"].client().get(LIST).content.decode()


def test_it_exports_exactly_the_filtered_files(dibao, tree, personas):
    submitted = apply_for(personas["owner"].access, tree)
    other = services.hardship_apply(
        actor=personas["sibling"].access,
        person=tree.member_b.person,
        org_unit=tree.union_b,
        **application(),
    )
    services.hardship_check(actor=personas["sibling"].access, file=other, answers={})
    client = personas["parent"].client()

    response = client.get(LIST, {"status": "checked", "export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [other.number]
    assert submitted.number not in numbers
    assert AuditEntry.objects.filter(action="core.export").exists()


def test_it_applies_for_a_member_with_the_family_formset(dibao, tree, personas):
    client = personas["owner"].client()
    data = application_data(person=str(tree.member_a.person.pk))

    response = client.post(reverse("assistance:file_create"), data)

    file = HardshipFile.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", file)
    assert file.org_unit == tree.union_a and file.status == FileStatus.SUBMITTED
    assert list(file.family.values_list("name", "relation")) == [
        ("张三", "self"),
        ("张小三", "child"),
    ]
    assert file.other_causes == ["schooling"]
    # (24000 − 2400) ÷ 12 ÷ 2 = 900.00 元 a head and month
    assert str(file.monthly_per_capita) == "900.00"


def test_it_refuses_incomes_that_do_not_add_up_and_saves_nothing(dibao, tree, personas):
    client = personas["owner"].client()
    data = application_data(person=str(tree.member_a.person.pk), annual_income="30000")

    response = client.post(reverse("assistance:file_create"), data)

    assert response.status_code == 200
    assert "与家庭成员年收入合计 24000 元不一致" in response.content.decode()
    assert not HardshipFile.objects.exists()


def test_it_names_the_family_member_whose_row_is_incomplete(dibao, tree, personas):
    data = application_data(person=str(tree.member_a.person.pk))
    data["family-1-relation"] = ""

    response = personas["owner"].client().post(reverse("assistance:file_create"), data)

    assert "第2位家庭成员关系：请选择关系" in response.content.decode()
    assert not HardshipFile.objects.exists()


def test_it_takes_a_file_through_its_steps_by_posting_each_form(dibao, tree, personas):
    owner, district = personas["owner"].client(), personas["district_admin"].client()
    item = ExclusionItem.objects.create(org_unit=tree.district, text="有两套以上住房")
    file = apply_for(personas["owner"].access, tree)

    refused = owner.post(url("check", file), {f"item_{item.pk}": "1"})
    assert "符合排除性条件，不能通过初审" in refused.content.decode()
    owner.post(url("check", file), {f"item_{item.pk}": "0", "note": "属实"})
    owner.post(
        url("survey", file),
        {"visited_on": "2025-09-10", "visitors": "李四、王五", "findings": "家中确有病人"},
    )
    assert "帮扶中心审核" not in owner.get(url("detail", file)).content.decode()
    district.post(url("verify", file), {"category": Category.DEEP, "note": ""})
    owner.post(url("publicize", file), {"starts_on": "2025-09-26", "place": "厂务公开栏"})
    owner.post(url("objection", file), {"received_on": "2025-09-29", "content": "有车"})
    objection = file.objections.get()
    early = district.post(url("file", file), {"filed_on": "2025-10-10"})
    assert "公示异议尚未处理完毕" in early.content.decode()
    owner.post(
        reverse("assistance:objection_resolve", args=[objection.pk]),
        {"upheld": "0", "resolution": "车辆为单位所有", "resolved_on": "2025-10-09"},
    )
    district.post(url("file", file), {"filed_on": "2025-10-10"})

    file.refresh_from_db()
    assert file.status == FileStatus.FILED and file.category == Category.DEEP
    steps = list(file.steps.values_list("kind", flat=True))
    assert steps == ["submit", "check", "survey", "verify", "publicize", "file"]
    assert file.steps.get(kind="survey").visitors == ["李四", "王五"]
    page = owner.get(url("detail", file)).content.decode()
    assert "年度复核" in page and "车辆为单位所有" in page


def test_it_returns_a_file_with_its_reason_after_asking(dibao, tree, personas):
    owner = personas["owner"].client()
    file = apply_for(personas["owner"].access, tree)

    question = owner.get(url("return", file)).content.decode()
    assert "退回原因会告知申请人" in question
    owner.post(url("return", file), {"reason": "缺少收入证明"})

    file.refresh_from_db()
    assert file.status == FileStatus.RETURNED and file.return_reason == "缺少收入证明"
    assert "缺少收入证明" in owner.get(url("detail", file)).content.decode()


def test_it_resubmits_a_returned_file_keeping_the_card_when_left_blank(dibao, tree, personas):
    owner = personas["owner"]
    file = apply_for(owner.access, tree)
    services.hardship_return(actor=owner.access, file=file, reason="补充材料")
    form = owner.client().get(url("resubmit", file)).content.decode()
    assert "6222021234567890123" not in form and "6222 **** **** 0123" in form

    data = application_data(bank_card="", diagnosis="")
    data.update({"family-INITIAL_FORMS": "3", "family-2-DELETE": "on"})
    response = owner.client().post(url("resubmit", file), data)

    assert response.status_code == 302
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED
    assert file.bank_card == "6222021234567890123" and file.diagnosis == "尿毒症，规律透析"
    assert file.family.count() == 2


def test_it_reviews_and_exits_a_filed_file(dibao, tree, personas):
    owner = personas["owner"].client()
    file = filed_file(personas, tree)

    owner.post(url("review", file), {"reviewed_on": "2026-10-01", "category": file.category})
    owner.post(
        url("exit", file), {"kind": "recovered", "exited_on": "2026-10-02", "reason": "已就业"}
    )

    file.refresh_from_db()
    assert file.status == FileStatus.RECOVERED and file.last_reviewed_on == D(2026, 10, 1)


def test_it_masks_the_bank_card_and_shows_it_once_audited(dibao, tree, personas):
    owner = personas["owner"].client()
    file = apply_for(personas["owner"].access, tree)

    page = owner.get(url("detail", file)).content.decode()
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page
    assert "尿毒症" not in page

    shown = owner.post(url("reveal", file), {"field": "bank_card"}).content.decode()

    assert "6222021234567890123" in shown and "本次查看已记入审计日志" in shown
    entry = AuditEntry.objects.get(action="assistance.file.revealed")
    assert entry.changes == {"field": "银行卡号"}


def test_it_keeps_the_sibling_union_and_the_worker_out_of_cadre_pages(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    for persona in ("sibling", "worker"):
        client = personas[persona].client()
        assert client.get(url("detail", file)).status_code == 404
        assert client.post(url("return", file), {"reason": "x"}).status_code == 404
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED
