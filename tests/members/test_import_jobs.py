"""The roster as a core import job: scope of the target union, small files in the request,
big ones in the worker, progress beats, every error kept on the job."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gonghui.core.imports.jobs import import_start, job_errors
from gonghui.core.jobs import Progress, job_run, jobs_for
from gonghui.core.models import Job, JobState
from gonghui.members import importer as roster_importer
from gonghui.members.importer import IMPORTER, importable_unions_for
from gonghui.members.models import Person
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Enqueued and left for a worker: the test then runs the job as the worker does.
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(tmp_path, rows, name="名册.xlsx"):
    path = write_roster(tmp_path / "upload.xlsx", rows)
    return SimpleUploadedFile(name, path.read_bytes())


def start(persona, union, file) -> Job:
    return import_start(
        access=persona.access, importer=IMPORTER, upload=file, options={"union": union.pk}
    )


def test_it_runs_a_small_file_in_the_request(personas, tree, tmp_path):
    owner = personas["owner"]

    job = start(owner, tree.union_a, upload(tmp_path, [good_row(身份证号=make_id_number())]))

    assert job.state == JobState.DONE
    assert (job.total, job.done, job.params["created"]) == (1, 1, 1)
    assert job.owner == owner.user
    assert job.finished_at is not None
    assert job.message == "导入成功：共1行，新增1人，更新0人（其中信息有变化0人，新入会0人）"


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=3, TASKS=DUMMY)
def test_it_leaves_a_large_file_to_the_worker(personas, tree, tmp_path):
    rows = [good_row(身份证号=make_id_number(), 会员证号=f"BG{i}") for i in range(7)]

    job = start(personas["owner"], tree.union_a, upload(tmp_path, rows))

    assert job.state == JobState.QUEUED  # the request only stored the file
    assert job.total == 7  # estimated before the run, from the sheet size
    assert Person.objects.filter(current_union=tree.union_a).count() == 1

    job = job_run(job.pk)  # what the worker's run_job does

    assert job.state == JobState.DONE
    assert job.done == job.total == 7
    assert job.percent == 100
    assert job.params["created"] == 7
    assert Person.objects.filter(current_union=tree.union_a).count() == 7 + 1


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=1, TASKS=IMMEDIATE)
def test_it_records_every_error_of_a_failed_background_job(personas, tree, tmp_path):
    rows = [good_row(身份证号=make_id_number()), good_row(手机号="1"), good_row(学历="X")]

    job = start(personas["owner"], tree.union_a, upload(tmp_path, rows))

    assert job.state == JobState.FAILED
    assert [(e.row, e.column) for e in job_errors(job)] == [(3, "手机号"), (4, "学历")]
    assert job.params["created"] == 0
    assert "整个文件未导入" in job.message
    assert job.result_name == "导入错误-名册.xlsx"
    assert Person.objects.filter(current_union=tree.union_a).count() == 1


def test_it_beats_progress_while_checking_rows(personas, tree, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_importer, "PROGRESS_EVERY", 2)
    seen = []
    original = Progress.beat

    def recording(self, done):
        original(self, done)
        seen.append(Job.objects.get(pk=self.job.pk).done)

    monkeypatch.setattr(Progress, "beat", recording)
    rows = [good_row(身份证号=make_id_number()) for _ in range(5)]

    job = start(personas["owner"], tree.union_a, upload(tmp_path, rows))

    assert seen == [2, 4]
    assert job.done == job.total == 5


def test_it_refuses_a_union_outside_the_actors_scope_and_saves_nothing(personas, tree, tmp_path):
    before = Person.objects.count()

    job = start(personas["owner"], tree.union_b, upload(tmp_path, [good_row()]))

    assert job.state == JobState.FAILED
    assert "管辖范围" in job.message
    assert Person.objects.count() == before


def test_it_refuses_a_role_without_the_import_permission(personas, tree, tmp_path):
    before = Person.objects.count()

    job = start(personas["worker"], tree.union_a, upload(tmp_path, [good_row()]))

    assert job.state == JobState.FAILED
    assert job.message == "您的角色不能导入会员名册"
    assert Person.objects.count() == before


def test_it_lets_a_federation_import_into_a_union_below_it(personas, tree, tmp_path):
    parent = personas["parent"]
    assert set(importable_unions_for(parent.access)) == {tree.union_a, tree.union_b}

    job = start(parent, tree.union_b, upload(tmp_path, [good_row(身份证号=make_id_number())]))

    assert job.state == JobState.DONE
    assert Person.objects.filter(current_union=tree.union_b).count() == 2
    # The job (its errors may hold personal data) is its owner's alone, not the union's.
    assert job in jobs_for(parent.access)
    assert job not in jobs_for(personas["sibling"].access)
    assert job not in jobs_for(personas["owner"].access)


def test_a_worker_process_finds_the_roster_importer_without_the_urlconf():
    """The worker runs a queued job by the importer's name; it never loads the URLconf."""
    code = (
        "import os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'gonghui.settings'\n"
        "django.setup()\n"
        "from gonghui.core.imports.jobs import importer_named\n"
        "print(importer_named('members').title, 'gonghui.urls' in sys.modules)\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGHUI_", "DJANGO_"))}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "GONGHUI_DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["名册导入", "False"]
