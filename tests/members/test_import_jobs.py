"""Import jobs: scope of the target union, small files in the request, big ones in a task."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gonghui.core.errors import DomainError
from gonghui.members.models import ImportJob, ImportStatus, Person
from gonghui.members.roster import jobs
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(tmp_path, rows, name="名册.xlsx"):
    path = write_roster(tmp_path / "upload.xlsx", rows)
    return SimpleUploadedFile(name, path.read_bytes())


def test_it_runs_a_small_file_in_the_request(personas, tree, tmp_path):
    owner = personas["owner"]
    job = jobs.import_job_create(
        access=owner.access,
        union=tree.union_a,
        upload=upload(tmp_path, [good_row(身份证号=make_id_number())]),
    )

    assert jobs.import_job_dispatch(job) is False
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.total_rows, job.processed_rows, job.created_count) == (1, 1, 1)
    assert job.created_by == owner.user
    assert job.finished_at is not None


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=3, TASKS=IMMEDIATE)
def test_it_runs_a_large_file_through_the_background_task(personas, tree, tmp_path):
    rows = [good_row(身份证号=make_id_number(), 会员证号=f"BG{i}") for i in range(7)]
    job = jobs.import_job_create(
        access=personas["owner"].access, union=tree.union_a, upload=upload(tmp_path, rows)
    )
    assert job.total_rows == 7  # estimated before the run, from the sheet size

    assert jobs.import_job_dispatch(job) is True

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 7
    assert job.percent == 100
    assert job.created_count == 7
    assert Person.objects.filter(current_union=tree.union_a).count() == 7 + 1


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=1, TASKS=IMMEDIATE)
def test_it_records_every_error_of_a_failed_background_job(personas, tree, tmp_path):
    rows = [good_row(身份证号=make_id_number()), good_row(手机号="1"), good_row(学历="X")]
    job = jobs.import_job_create(
        access=personas["owner"].access, union=tree.union_a, upload=upload(tmp_path, rows)
    )

    jobs.import_job_dispatch(job)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert [(e.row, e.column) for e in jobs.job_errors(job)] == [(3, "手机号"), (4, "学历")]
    assert job.created_count == 0
    assert "整个文件未导入" in job.message


def test_it_reports_progress_while_validating(personas, tree, tmp_path, monkeypatch):
    from gonghui.members.roster import importer, validate

    monkeypatch.setattr(validate, "PROGRESS_EVERY", 2)
    seen = []
    original = importer._Progress.rows

    def recording(self, processed):
        original(self, processed)
        seen.append(ImportJob.objects.get(pk=self.job.pk).processed_rows)

    monkeypatch.setattr(importer._Progress, "rows", recording)
    rows = [good_row(身份证号=make_id_number()) for _ in range(5)]
    job = jobs.import_job_create(
        access=personas["owner"].access, union=tree.union_a, upload=upload(tmp_path, rows)
    )

    jobs.import_job_dispatch(job)

    assert seen == [2, 4]
    job.refresh_from_db()
    assert job.processed_rows == job.total_rows == 5


def test_it_refuses_a_union_outside_the_actors_scope(personas, tree, tmp_path):
    with pytest.raises(DomainError, match="管辖范围"):
        jobs.import_job_create(
            access=personas["owner"].access,
            union=tree.union_b,
            upload=upload(tmp_path, [good_row()]),
        )
    assert not ImportJob.objects.exists()


def test_it_refuses_a_role_without_the_import_permission(personas, tree, tmp_path):
    with pytest.raises(DomainError):
        jobs.import_job_create(
            access=personas["worker"].access,
            union=tree.union_a,
            upload=upload(tmp_path, [good_row()]),
        )


def test_it_lets_a_federation_import_into_a_union_below_it(personas, tree, tmp_path):
    parent = personas["parent"]
    assert set(jobs.importable_unions_for(parent.access)) == {tree.union_a, tree.union_b}
    job = jobs.import_job_create(
        access=parent.access,
        union=tree.union_b,
        upload=upload(tmp_path, [good_row(身份证号=make_id_number())]),
    )
    jobs.import_job_dispatch(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job in jobs.import_jobs_for(personas["sibling"].access)
    assert job not in jobs.import_jobs_for(personas["owner"].access)
