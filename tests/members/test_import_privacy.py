"""Personal data around a roster import (issue 8): error lists and the error report mask
身份证号 and 手机号, and the uploaded file is deleted when the import ends."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.core.imports.jobs import job_errors
from gonghui.core.imports.uploads import purge_uploads
from gonghui.core.models import JobState
from gonghui.core.validators import mask_id_number
from tests.factories import make_id_number
from tests.members.import_helpers import good_row
from tests.members.test_import_jobs import start, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_uploads() -> list[str]:
    try:
        return default_storage.listdir("imports")[1]
    except FileNotFoundError:
        return []


def report_text(job) -> str:
    with job.result.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()), read_only=True).active
        return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)


def failed_job_with_personal_data(personas, tree, tmp_path):
    number = make_id_number()
    rows = [
        good_row(身份证号=number, 手机号="13912345678"),
        good_row(身份证号=number, 手机号="13912345678"),  # the same 身份证号 twice
        good_row(身份证号=make_id_number(), 手机号="2345678901"),  # not a mobile
    ]
    return number, start(personas["owner"], tree.union_a, upload(tmp_path, rows))


def test_it_masks_id_numbers_and_phones_in_the_errors_kept_on_the_job(personas, tree, tmp_path):
    number, job = failed_job_with_personal_data(personas, tree, tmp_path)

    assert job.state == JobState.FAILED
    errors = {(e.row, e.column): e.value for e in job_errors(job)}
    assert errors[(3, "身份证号")] == mask_id_number(number)
    assert errors[(4, "手机号")] == "******8901"
    assert number not in str(job.params) and "2345678901" not in str(job.params)


def test_it_masks_personal_data_in_the_downloadable_error_report(personas, tree, tmp_path):
    number, job = failed_job_with_personal_data(personas, tree, tmp_path)

    text = report_text(job)

    assert "与第2行的身份证号重复" in text and mask_id_number(number) in text
    assert number not in text
    assert "13912345678" not in text and "2345678901" not in text


def test_it_shows_masked_values_on_the_result_page(personas, tree, tmp_path):
    number, job = failed_job_with_personal_data(personas, tree, tmp_path)

    body = personas["owner"].client().get(reverse("core:import_result", args=[job.pk]))

    assert mask_id_number(number) in body.content.decode()
    assert number not in body.content.decode()


def test_it_deletes_the_upload_after_a_successful_import(personas, tree, tmp_path):
    job = start(personas["owner"], tree.union_a, upload(tmp_path, [good_row()]))

    assert job.state == JobState.DONE
    assert stored_uploads() == []
    assert not default_storage.exists(job.params["file"])


def test_it_deletes_the_upload_after_a_failed_import(personas, tree, tmp_path):
    _number, job = failed_job_with_personal_data(personas, tree, tmp_path)

    assert job.state == JobState.FAILED
    assert stored_uploads() == []


def test_it_deletes_the_upload_of_a_file_that_cannot_be_read(personas, tree, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("名册.xlsx", b"not a spreadsheet at all")
    job = start(personas["owner"], tree.union_a, bad)

    assert job.params.get("problem")
    assert stored_uploads() == []


@override_settings(GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS=7)
def test_it_keeps_uploads_for_the_retention_period_then_deletes_them(personas, tree, tmp_path):
    job = start(personas["owner"], tree.union_a, upload(tmp_path, [good_row()]))
    assert default_storage.exists(job.params["file"])

    assert purge_uploads(now=timezone.now() + dt.timedelta(days=6)) == 0
    assert purge_uploads(now=timezone.now() + dt.timedelta(days=8)) == 1

    assert stored_uploads() == []
