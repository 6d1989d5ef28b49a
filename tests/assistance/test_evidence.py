"""证明材料 of a hardship file (core attachments): the cadre and the worker upload and download
them, a sibling union and another worker get a 404, an oversize file and a renamed .exe are
refused in Chinese with nothing stored, every download is audited, delete asks first and is
refused after 建档."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import hardship_apply_with_evidence
from gonghui.core.attachment_services import attachment_add, attachment_delete, attachments_add
from gonghui.core.errors import DomainError
from gonghui.core.models import Attachment, AuditEntry
from tests.assistance.conftest import application, apply_for, filed_file
from tests.assistance.pages import application_data

PDF = "%PDF-1.4 收入证明".encode()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.GONGHUI_PRIVATE_ROOT = tmp_path / "private"
    return settings.GONGHUI_PRIVATE_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(name="收入证明.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def url(name: str, pk: int) -> str:
    return reverse(f"assistance:{name}", args=[pk])


@pytest.fixture
def file(dibao, tree, personas):
    return apply_for(personas["owner"].access, tree)


@pytest.fixture
def evidence(file, personas):
    owner = personas["owner"].access
    return attachment_add(actor=owner, owner=file, upload=upload(), kind="income")


def test_it_lets_the_cadre_upload_and_download_evidence(file, personas, private_root):
    client = personas["owner"].client()
    response = client.post(url("file_attach", file.pk), {"kind": "income", "file": [upload()]})
    assert response.status_code == 302 and response["Location"] == url("file_detail", file.pk)
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.size) == ("收入证明.pdf", len(PDF))
    assert attachment.content_type == "application/pdf" and len(attachment.sha256) == 64
    assert not str(stored_files(private_root)[0]).endswith("收入证明.pdf")  # a random name
    page = client.get(url("file_detail", file.pk)).content.decode()
    assert "收入证明.pdf" in page and url("file_attachment", attachment.pk) in page

    download = client.get(url("file_attachment", attachment.pk))

    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    entry = AuditEntry.objects.get(action="core.attachment.downloaded")
    assert (entry.object_id, entry.actor) == (str(file.pk), personas["owner"].user)
    assert AuditEntry.objects.filter(action="core.attachment.added").count() == 1


def test_it_keeps_a_sibling_union_out_of_the_evidence(evidence, personas):
    client = personas["sibling"].client()
    assert client.get(url("file_attachment", evidence.pk)).status_code == 404
    assert client.post(url("file_attachment_delete", evidence.pk)).status_code == 404
    assert client.get(url("file_attach", evidence.owner_id)).status_code == 404
    assert client.post(url("file_attach", evidence.owner_id), {"kind": "income"}).status_code == 404
    assert Attachment.objects.filter(pk=evidence.pk).exists()
    assert not AuditEntry.objects.filter(action="core.attachment.downloaded").exists()


def test_it_lets_the_worker_see_only_their_own_evidence(file, personas):
    worker = personas["worker"].client()
    response = worker.post(url("my_file_attach", file.pk), {"kind": "medical", "file": [upload()]})
    assert response["Location"] == url("my_file_detail", file.pk)
    attachment = Attachment.objects.get()
    assert attachment.uploaded_by == personas["worker"].user
    assert "收入证明.pdf" in worker.get(url("my_file_detail", file.pk)).content.decode()
    assert worker.get(url("my_file_attachment", attachment.pk)).status_code == 200
    assert worker.get(url("file_attachment", attachment.pk)).status_code == 404  # cadre page

    outsider = personas["outsider_worker"].client()
    assert outsider.get(url("my_file_attachment", attachment.pk)).status_code == 404
    assert outsider.post(url("my_file_attachment_delete", attachment.pk)).status_code == 404
    assert outsider.post(url("my_file_attach", file.pk), {"kind": "other"}).status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("大.pdf", b"%PDF-" + b"0" * 4000, "文件“大.pdf”大小为 4 KB，超过每个文件 2 KB 的上限"),
        (
            "病历.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00",
            "文件“病历.pdf”的类型不支持，证明材料只能是 PDF、JPG 或 PNG"
            "（文件内容与扩展名“.pdf”不符）",
        ),
        ("病历.exe", b"MZ\x90\x00", "文件“病历.exe”的类型不支持，证明材料只能是 PDF、JPG 或 PNG"),
    ],
)
def test_it_refuses_oversize_and_disguised_files_and_stores_nothing(
    file, personas, settings, private_root, name, content, message
):
    settings.GONGHUI_ATTACHMENT_MAX_BYTES = 2048
    response = (
        personas["owner"]
        .client()
        .post(url("file_attach", file.pk), {"kind": "income", "file": [upload(name, content)]})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists() and not stored_files(private_root)
    assert not AuditEntry.objects.filter(action="core.attachment.added").exists()


def test_it_refuses_a_whole_upload_when_one_file_is_bad(file, personas, private_root):
    with pytest.raises(DomainError, match="类型不支持"):
        attachments_add(
            actor=personas["owner"].access,
            owner=file,
            uploads=[upload(), upload("假.png", b"GIF89a")],
            kind="income",
        )
    assert not Attachment.objects.exists() and not stored_files(private_root)


def test_it_limits_the_number_of_files_per_record(file, personas):
    for _ in range(30):
        attachment_add(actor=personas["owner"].access, owner=file, upload=upload(), kind="other")
    with pytest.raises(DomainError, match="每份记录最多上传30份证明材料"):
        attachment_add(actor=personas["owner"].access, owner=file, upload=upload(), kind="other")
    assert Attachment.objects.count() == 30


def test_it_deletes_evidence_after_asking_and_audits_it(
    evidence, personas, private_root, django_capture_on_commit_callbacks
):
    client = personas["owner"].client()
    delete = url("file_attachment_delete", evidence.pk)
    assert "确定删除证明材料“收入证明.pdf”吗" in client.get(delete).content.decode()
    assert Attachment.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete)

    assert response["Location"] == url("file_detail", evidence.owner_id)
    assert not Attachment.objects.exists()
    assert not stored_files(private_root)
    entry = AuditEntry.objects.get(action="core.attachment.deleted")
    assert entry.changes["name"] == "收入证明.pdf"


def test_it_lets_a_worker_delete_only_what_they_uploaded(evidence, file, personas):
    worker = personas["worker"].client()
    mine = attachment_add(
        actor=personas["worker"].access, owner=file, upload=upload("病历.pdf"), kind="medical"
    )
    page = worker.get(url("my_file_detail", file.pk)).content.decode()
    assert url("my_file_attachment_delete", mine.pk) in page
    assert url("my_file_attachment_delete", evidence.pk) not in page
    worker.post(url("my_file_attachment_delete", evidence.pk))
    assert Attachment.objects.filter(pk=evidence.pk).exists()  # the cadre's, refused
    worker.post(url("my_file_attachment_delete", mine.pk))
    assert not Attachment.objects.filter(pk=mine.pk).exists()


def test_it_closes_the_evidence_once_the_file_is_filed(dibao, tree, personas):
    file = filed_file(personas, tree)
    owner = personas["owner"]
    with pytest.raises(DomainError, match="已建档或已结束的档案不能再增减证明材料"):
        attachment_add(actor=owner.access, owner=file, upload=upload(), kind="income")
    page = owner.client().get(url("file_detail", file.pk)).content.decode()
    assert url("file_attach", file.pk) not in page


def test_it_takes_evidence_with_the_workers_application(dibao, tree, personas):
    data = application_data(evidence_kind="income")
    data["evidence"] = [upload(), upload("病历.png", b"\x89PNG\r\n\x1a\n....")]
    response = personas["worker"].client().post(reverse("assistance:my_file_apply"), data)
    file = HardshipFile.objects.get()
    assert response["Location"] == url("my_file_detail", file.pk)
    names = sorted(Attachment.objects.values_list("original_name", "content_type"))
    assert names == [("收入证明.pdf", "application/pdf"), ("病历.png", "image/png")]


def test_it_refuses_an_application_whose_evidence_is_refused(dibao, tree, personas, private_root):
    data = application_data(evidence_kind="income")
    data["evidence"] = [upload("病历.pdf", b"MZ\x90\x00")]
    response = (
        personas["owner"]
        .client()
        .post(reverse("assistance:file_create"), {**data, "person": tree.member_a.person.pk})
    )
    assert response.status_code == 200 and "类型不支持" in response.content.decode()
    assert not HardshipFile.objects.exists() and not stored_files(private_root)


class Abandoned(Exception):
    pass


def test_it_leaves_no_file_behind_when_the_add_is_rolled_back(file, personas, private_root):
    owner = personas["owner"].access
    with pytest.raises(Abandoned), transaction.atomic():
        attachment_add(actor=owner, owner=file, upload=upload(), kind="income")
        assert len(stored_files(private_root)) == 1  # written inside the transaction
        raise Abandoned
    assert not Attachment.objects.exists() and not stored_files(private_root)
    kept = attachment_add(actor=owner, owner=file, upload=upload(), kind="income")
    assert [p.name for p in stored_files(private_root)] == [kept.file.name.rsplit("/", 1)[1]]


def test_it_removes_every_stored_file_of_an_application_refused_at_the_last_one(
    dibao, tree, personas, private_root
):
    """The application and its evidence are one transaction: 31 files pass the checks, 30
    are stored, the 31st is over the per-record limit, and all 30 files go with the rollback."""
    with pytest.raises(DomainError, match="每份记录最多上传30份证明材料"):
        hardship_apply_with_evidence(
            actor=personas["owner"].access,
            person=tree.member_a.person,
            org_unit=tree.union_a,
            evidence=[upload() for _ in range(31)],
            evidence_kind="income",
            **application(),
        )
    assert not HardshipFile.objects.exists() and not stored_files(private_root)


def test_it_deletes_the_stored_file_only_once_the_delete_commits(
    evidence, personas, private_root, django_capture_on_commit_callbacks
):
    owner = personas["owner"].access
    with pytest.raises(Abandoned), transaction.atomic():
        attachment_delete(actor=owner, attachment=evidence)
        raise Abandoned
    assert Attachment.objects.filter(pk=evidence.pk).exists()
    assert len(stored_files(private_root)) == 1
    with django_capture_on_commit_callbacks() as hooks:
        attachment_delete(actor=owner, attachment=evidence)
    assert len(stored_files(private_root)) == 1  # not yet committed
    for hook in hooks:
        hook()
    assert not stored_files(private_root)
