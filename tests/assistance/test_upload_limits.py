"""Uploads are bounded while they are received (core.uploads): a file past its form's limit is
not kept — the form gets an empty stand-in carrying the size that was sent and refuses it in
Chinese, naming the limit — and a body past the request limit is answered 413 unread."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from gonghui.assistance.models import HardshipFile
from gonghui.contracts.importer import IMPORTER as CONTRACTS
from gonghui.core.models import Attachment, Job
from gonghui.core.uploads import BoundedUploadHandler, RefusedUpload
from tests.assistance.pages import application_data

pytestmark = pytest.mark.django_db

BIG = b"%PDF-1.4 " + b"0" * 6000


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.GONGHUI_PRIVATE_ROOT = tmp_path / "private"
    return settings.GONGHUI_PRIVATE_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_it_stops_keeping_a_file_at_the_limit_while_it_is_received():
    fields = {"note": "说明", "evidence": SimpleUploadedFile("大.pdf", BIG)}
    body = encode_multipart(BOUNDARY, fields)
    request = RequestFactory().generic("POST", "/", body, content_type=MULTIPART_CONTENT)
    bounded = BoundedUploadHandler(request, 2048)
    memory, temporary = MemoryFileUploadHandler(request), TemporaryFileUploadHandler(request)
    request.upload_handlers = [bounded, memory, temporary]
    meta = {**request.META, "CONTENT_LENGTH": str(len(body))}

    post, files = MultiPartParser(meta, io.BytesIO(body), request.upload_handlers).parse()

    refused = files["evidence"]
    assert isinstance(refused, RefusedUpload) and refused.size == len(BIG)
    assert refused.read() == b"" and bounded.refused == ["大.pdf"]
    assert memory.file.closed  # what Django's handler held until the cut-off is let go
    assert post["note"] == "说明"  # the fields after and around the file are still read


@pytest.mark.parametrize("page", ["assistance:my_file_apply", "assistance:file_create"])
def test_it_refuses_an_oversize_application_file_naming_the_limit(
    dibao, tree, personas, settings, private_root, page
):
    settings.GONGHUI_ATTACHMENT_MAX_BYTES = 2048
    persona = personas["worker" if page == "assistance:my_file_apply" else "owner"]
    data = application_data(evidence_kind="income", person=str(tree.member_a.person.pk))
    data["evidence"] = [SimpleUploadedFile("病历.pdf", BIG)]

    response = persona.client().post(reverse(page), data)

    assert response.status_code == 200
    assert "文件“病历.pdf”大小为 6 KB，超过每个文件 2 KB 的上限" in response.content.decode()
    (received,) = response.wsgi_request.FILES.getlist("evidence")
    assert isinstance(received, RefusedUpload)  # cut off at 2 KB as it came in, not kept
    assert not HardshipFile.objects.exists() and not Attachment.objects.exists()
    assert not stored_files(private_root)


def test_it_cuts_an_import_off_at_the_import_limit(personas, settings):
    settings.GONGHUI_IMPORT_MAX_BYTES = 2048
    upload = SimpleUploadedFile("合同台账.xlsx", b"PK" + b"0" * 6000)

    response = personas["owner"].client().post(reverse(CONTRACTS.upload_url), {"file": upload})

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error == "文件过大：上传文件不能超过 2 KB"
    assert not Job.objects.exists()


def test_it_answers_a_body_over_the_request_limit_with_a_chinese_413_unread(personas, settings):
    settings.GONGHUI_UPLOAD_MAX_REQUEST_BYTES = 4096
    client = personas["worker"].client()
    data = application_data(evidence_kind="income")
    data["evidence"] = [SimpleUploadedFile("病历.pdf", BIG)]

    response = client.post(reverse("assistance:my_file_apply"), data)

    assert response.status_code == 413
    page = response.content.decode()
    assert "超过每次提交 4 KB 的上限" in page and "返回首页" in page
    assert not HardshipFile.objects.exists()
    data["evidence"] = [SimpleUploadedFile("病历.pdf", BIG)]
    api = client.post("/api/v1/assistance/files/", data)
    assert api.status_code == 413 and "超过每次提交 4 KB 的上限" in api.json()["detail"]
