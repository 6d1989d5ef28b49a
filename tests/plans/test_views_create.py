"""Creating a plan: pasted text, an uploaded .txt or .docx, and inline Chinese errors."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.plans.models import WorkPlan
from tests.plans.views_support import import_plan, plan_text, this_year

URL = reverse("plans:plan_create")


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _errors(response) -> dict[str, list[str]]:
    return response.context["form"].errors


def test_it_creates_a_plan_from_pasted_text_and_opens_the_review(tree, personas):
    year = this_year()
    client = personas["parent"].client()
    response = client.post(URL, {"org_unit": tree.street_a.pk, "text": plan_text(year)})
    plan = WorkPlan.objects.get(org_unit=tree.street_a)
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_review", args=[plan.pk])
    assert plan.year == year  # read from the text
    assert plan.created_by == personas["parent"].user
    indicators = set(plan.targets.values_list("indicator", flat=True))
    assert {"新建工会组织", "新发展会员"} <= indicators
    assert plan.milestones.filter(task__contains="职工技能比赛").exists()
    assert AuditEntry.objects.filter(action="plans.plan.imported", object_id=str(plan.pk)).exists()
    review = client.get(response.url).content.decode()
    assert "新发展会员" in review and "力争全年新建工会组织20家" in review


def test_it_takes_the_year_and_title_typed_over_the_text(tree, personas):
    year = this_year()
    personas["parent"].client().post(
        URL,
        {
            "org_unit": tree.street_a.pk,
            "year": year - 1,
            "title": "东街道工会年度重点工作",
            "text": plan_text(year),
        },
    )
    plan = WorkPlan.objects.get(org_unit=tree.street_a)
    assert (plan.year, plan.title) == (year - 1, "东街道工会年度重点工作")


def test_it_creates_a_plan_from_an_uploaded_txt(tree, personas):
    text = plan_text(this_year())
    upload = SimpleUploadedFile("工作要点.txt", text.encode("gb18030"), content_type="text/plain")
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, "file": upload})
    assert response.status_code == 302
    plan = WorkPlan.objects.get(org_unit=tree.street_a)
    assert plan.source_name == "工作要点.txt"
    assert "新发展会员1000人以上" in plan.source_text
    assert plan.targets.filter(indicator="新发展会员").exists()


def test_it_creates_a_plan_from_an_uploaded_docx(tree, personas):
    text = plan_text(this_year())
    upload = SimpleUploadedFile("要点.docx", _docx_bytes(text))
    response = (
        personas["district_admin"]
        .client()
        .post(URL, {"org_unit": tree.street_a.pk, "file": upload})
    )
    assert response.status_code == 302
    plan = WorkPlan.objects.get(org_unit=tree.street_a)
    assert "一、扩大工会组织覆盖" in plan.source_text
    assert plan.sections.filter(number="一").exists()
    assert plan.targets.filter(unit="家", value=20).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "text", "请粘贴工作要点原文，或上传 .txt / .docx 文件"),
        ({"text": "   \n "}, "text", "请粘贴工作要点原文，或上传 .txt / .docx 文件"),
        ({"text": "加强职工服务，做好帮扶工作。"}, "year", "未能从原文识别年度，请填写年度"),
        ({"text": "加强职工服务。", "year": 1899}, "year", "年度应在2000至2100之间"),
    ],
)
def test_it_shows_text_errors_inline(tree, personas, data, field, message):
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, **data})
    assert response.status_code == 200
    assert any(message in e for e in _errors(response)[field]), _errors(response)
    assert not WorkPlan.objects.exists()


def test_it_refuses_a_second_plan_for_the_same_unit_and_year(tree, personas):
    import_plan(tree.street_a, personas["parent"].access)
    response = (
        personas["parent"]
        .client()
        .post(URL, {"org_unit": tree.street_a.pk, "text": plan_text(this_year())})
    )
    assert f"东街道总工会已有{this_year()}年度工作要点" in _errors(response)["year"]
    assert WorkPlan.objects.count() == 1


def test_it_refuses_text_and_file_together(tree, personas):
    upload = SimpleUploadedFile("a.txt", plan_text(this_year()).encode())
    response = (
        personas["parent"]
        .client()
        .post(URL, {"org_unit": tree.street_a.pk, "text": "某某", "file": upload})
    )
    assert "请只选择一种方式：粘贴原文或上传文件" in _errors(response)["text"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("要点.pdf", b"%PDF-1.4", "类型不支持"),
        ("要点.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
        ("要点.docx", b"not a zip at all", "要点.docx"),
    ],
)
def test_it_shows_file_errors_inline(tree, personas, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, "file": upload})
    assert response.status_code == 200
    errors = _errors(response)["file"]
    assert any(message in e for e in errors), errors
    assert "plan-" not in " ".join(errors)  # the temporary file is never named
    assert not WorkPlan.objects.exists()


def test_it_reports_an_empty_uploaded_file_on_the_file_field(tree, personas):
    upload = SimpleUploadedFile("空.txt", b"\n\n")
    response = (
        personas["parent"]
        .client()
        .post(URL, {"org_unit": tree.street_a.pk, "file": upload, "year": this_year()})
    )
    assert any("不能为空" in e for e in _errors(response)["file"]), _errors(response)


def test_it_offers_only_federations_in_scope_and_preselects_the_acting_unit(tree, personas):
    form = personas["parent"].client().get(URL).context["form"]
    assert list(form.fields["org_unit"].queryset) == [tree.street_a]
    assert form.fields["org_unit"].initial == tree.street_a.pk
    response = (
        personas["parent"]
        .client()
        .post(URL, {"org_unit": tree.street_b.pk, "text": plan_text(this_year())})
    )
    assert "所选制定单位不在可选范围内" in _errors(response)["org_unit"]


def _docx_bomb(text: str) -> bytes:
    """A real .docx with one more part that inflates 8 MB of zeros from a few KB."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_docx_bytes(text))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("word/media/zero.bin", b"\0" * (8 * 1024 * 1024))
    return out.getvalue()


def test_it_refuses_a_docx_bomb_before_python_docx_inflates_it(tree, personas):
    upload = SimpleUploadedFile("要点.docx", _docx_bomb(plan_text(this_year())))
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "文件异常：压缩比超过 200 倍，请另存为普通 Word 文件后上传"
    ]
    assert not WorkPlan.objects.exists()


def test_it_refuses_a_text_over_the_bound_with_its_length(tree, personas, settings):
    settings.GONGHUI_PLAN_MAX_CHARS = 5000
    text = plan_text(this_year()) + "加强职工服务。" * 1000
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, "text": text})
    message = (
        f"工作要点原文过长：共{len(text)}字，最多5000字。请只提交工作要点正文，附件、表格另行上传"
    )
    assert _errors(response)["text"] == [message]
    assert not WorkPlan.objects.exists()
    upload = SimpleUploadedFile("要点.docx", _docx_bytes(text))
    response = personas["parent"].client().post(URL, {"org_unit": tree.street_a.pk, "file": upload})
    assert any(
        e.startswith("工作要点原文过长") for errors in _errors(response).values() for e in errors
    )
    assert not WorkPlan.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_reads_the_text_before_taking_the_write_lock(tree, personas, monkeypatch):
    """On SQLite a transaction holds the one write lock: extraction must not run inside it."""
    from django.db import connection

    from gonghui.plans import extract as extract_package

    seen: list[bool] = []
    real = extract_package.extract

    def spy(text, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(text, **kwargs)

    monkeypatch.setattr(extract_package, "extract", spy)
    plan = import_plan(tree.street_a, personas["parent"].access)
    assert seen == [False]
    assert plan.targets.exists()
