"""Manual progress with evidence files (台账), and the scoped evidence download."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gonghui.core.attachment_selectors import attachments_of
from gonghui.core.models import Attachment, AuditEntry
from gonghui.plans.attachments import PROGRESS_EVIDENCE
from gonghui.plans.models import PlanStatus, ProgressEntry, ShareMethod, TargetShare
from tests.plans.views_support import import_plan


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGHUI_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def target(tree, personas):
    plan = import_plan(tree.street_a, personas["parent"].access)
    target = plan.targets.get(indicator__contains="合理化建议")
    assert target.is_manual
    return target


def _pdf(name="台账.pdf", size=None):
    content = b"%PDF-1.4 " + (b"0" * (size - 9) if size else b"evidence")
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _post(client, target, **data):
    values = {"value": "120", "as_of": timezone.localdate().isoformat(), "note": "上半年汇总"}
    return client.post(reverse("plans:progress_add", args=[target.pk]), {**values, **data})


def test_it_records_progress_with_evidence_files(target, tree, personas):
    client = personas["parent"].client()
    files = [_pdf(), SimpleUploadedFile("名单.xlsx", b"PK\x03\x04 xlsx")]
    response = _post(client, target, org_unit=tree.union_a.pk, files=files)
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(target=target)
    assert (entry.org_unit, entry.value, entry.note) == (tree.union_a, Decimal(120), "上半年汇总")
    assert sorted(attachments_of(entry).values_list("original_name", flat=True)) == [
        "台账.pdf",
        "名单.xlsx",
    ]
    assert AuditEntry.objects.filter(action="plans.progress.added").exists()
    page = client.get(reverse("plans:progress_add", args=[target.pk])).content.decode()
    evidence = attachments_of(entry).get(original_name="台账.pdf")
    assert reverse("plans:progress_attachment", args=[evidence.pk]) in page
    assert "/media/" not in page  # files are never linked from MEDIA_URL


def test_it_serves_evidence_only_in_scope(target, tree, personas):
    _post(personas["parent"].client(), target, org_unit=tree.union_a.pk, files=[_pdf()])
    evidence = Attachment.objects.get()
    url = reverse("plans:progress_attachment", args=[evidence.pk])
    response = personas["district_admin"].client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="core.attachment.downloaded").count() == 1
    for name in ("sibling", "worker", "auditor"):
        assert personas[name].client().get(url).status_code == 404, name
    # the reporting unit sees its own evidence (the entry belongs to union_a)
    assert personas["owner"].client().get(url).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("脚本.exe", b"MZ"), "文件“脚本.exe”的类型不支持"),
        (_pdf("大文件.pdf", PROGRESS_EVIDENCE.size_limit + 1), "超过每个文件 10 MB 的上限"),
        (SimpleUploadedFile("名单.xlsx", b"MZ not a zip"), "文件内容与扩展名“.xlsx”不符"),
    ],
)
def test_it_rejects_bad_evidence_files_inline(target, tree, personas, upload, message):
    response = _post(personas["parent"].client(), target, org_unit=tree.street_a.pk, files=[upload])
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["files"])
    assert not ProgressEntry.objects.exists()
    assert not Attachment.objects.exists()


def test_it_shows_value_and_date_errors_inline(target, tree, personas):
    client = personas["parent"].client()
    response = _post(client, target, org_unit=tree.street_a.pk, value="-3")
    assert "完成值不能为负数" in response.context["form"].errors["value"]
    next_year = f"{timezone.localdate().year + 1}-01-01"
    response = _post(client, target, org_unit=tree.street_a.pk, as_of=next_year)
    assert "截至日期不能晚于今天" in response.context["form"].errors["as_of"]
    response = _post(client, target, org_unit=tree.street_b.pk)
    assert "所选填报单位不在可选范围内" in response.context["form"].errors["org_unit"]
    assert not ProgressEntry.objects.exists()


def test_it_lets_a_union_report_on_its_own_share_only(target, tree, personas):
    url = reverse("plans:progress_add", args=[target.pk])
    owner = personas["owner"].client()
    assert owner.get(url).status_code == 404
    TargetShare.objects.create(
        target=target, org_unit=tree.union_a, value=100, method=ShareMethod.MANUAL
    )
    form = owner.get(url).context["form"]
    assert list(form.fields["org_unit"].queryset) == [tree.union_a]
    assert _post(owner, target, org_unit=tree.union_a.pk).status_code == 302
    assert ProgressEntry.objects.get().org_unit == tree.union_a
    assert personas["sibling"].client().get(url).status_code == 404


def test_it_explains_that_bound_targets_are_counted_automatically(tree, personas):
    plan = import_plan(tree.street_a, personas["parent"].access)
    bound = plan.targets.exclude(metric_key="").first()
    client = personas["parent"].client()
    page = client.get(reverse("plans:progress_add", args=[bound.pk])).content.decode()
    assert "由系统按业务数据自动统计" in page and "提交填报" not in page
    assert _post(client, bound, org_unit=tree.street_a.pk).status_code == 200
    assert not ProgressEntry.objects.exists()


def test_it_lets_the_reporter_add_and_delete_evidence_until_the_plan_is_closed(
    target, tree, personas
):
    parent = personas["parent"].client()
    _post(parent, target, org_unit=tree.union_a.pk)
    entry = ProgressEntry.objects.get()
    page = parent.get(reverse("plans:progress_add", args=[target.pk])).content.decode()
    attach = reverse("plans:progress_attach", args=[entry.pk])
    assert attach in page
    response = parent.post(attach, {"kind": "photo", "file": [_pdf("照片.pdf")]})
    assert response.status_code == 302
    evidence = attachments_of(entry).get()
    assert (evidence.original_name, evidence.kind) == ("照片.pdf", "photo")
    # a union that cannot report for street_a's units sees nothing to upload to
    assert personas["sibling"].client().get(attach).status_code == 404
    target.plan.status = PlanStatus.CLOSED
    target.plan.save(update_fields=["status"])
    delete = reverse("plans:progress_attachment_delete", args=[evidence.pk])
    response = parent.post(delete, follow=True)
    assert "该工作要点已结转，不能再增减佐证材料" in response.content.decode()
    assert parent.post(attach, {"kind": "photo", "file": [_pdf()]}).status_code == 200
    assert attachments_of(entry).count() == 1
    target.plan.status = PlanStatus.ACTIVE
    target.plan.save(update_fields=["status"])
    assert parent.post(delete).status_code == 302
    assert not attachments_of(entry).exists()
