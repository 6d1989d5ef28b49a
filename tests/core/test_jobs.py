"""Background jobs: large exports run as a job with progress, owner-only download, stale jobs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.core.jobs import STALE_MESSAGE, jobs_mark_stale
from gonghui.core.models import AuditEntry, Job, JobState
from tests.factories import MembershipFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LIST = "members:person_list"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def roster(tree):
    for i in range(6):
        MembershipFactory(union=tree.union_a, person__name=f"甲{i}", person__is_migrant_worker=True)


def start_export(persona, **params):
    return persona.client().get(reverse(LIST), {**params, "export": "xlsx"})


@override_settings(GONGHUI_EXPORT_INLINE_MAX_ROWS=3, TASKS=IMMEDIATE)
def test_it_runs_a_large_export_as_a_job_and_the_owner_downloads_it(tree, personas, roster):
    owner = personas["owner"]
    response = start_export(owner, migrant="1")

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.owner == owner.user
    assert job.state == JobState.DONE
    assert job.done == job.total == 6
    page = owner.client().get(response["Location"]).content.decode()
    assert reverse("core:job_download", args=[job.pk]) in page
    download = owner.client().get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.values)
    assert sorted(r[0] for r in rows[1:]) == [f"甲{i}" for i in range(6)]


@override_settings(GONGHUI_EXPORT_INLINE_MAX_ROWS=3, TASKS=IMMEDIATE)
def test_it_audits_the_export_job_and_its_download(tree, personas, roster):
    owner = personas["owner"]
    start_export(owner, migrant="1")
    job = Job.objects.get()
    owner.client().get(reverse("core:job_download", args=[job.pk]))

    export = AuditEntry.objects.get(action="core.export")
    assert export.actor == owner.user
    assert export.changes["job"] == job.pk
    assert export.changes["rows"] == 6
    assert "migrant=1" in export.changes["query"]
    assert AuditEntry.objects.filter(action="core.job.downloaded", object_id=str(job.pk)).exists()


@override_settings(GONGHUI_EXPORT_INLINE_MAX_ROWS=3, TASKS=IMMEDIATE)
@pytest.mark.parametrize("who", ["sibling", "parent", "district_admin", "auditor", "worker"])
def test_it_hides_a_job_and_its_file_from_everyone_but_the_owner(tree, personas, roster, who):
    start_export(personas["owner"])
    job = Job.objects.get()
    client = personas[who].client()
    for name in ("core:job_detail", "core:job_progress", "core:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("core:job_list")).content.decode()


@override_settings(GONGHUI_EXPORT_INLINE_MAX_ROWS=100, TASKS=IMMEDIATE)
def test_it_streams_a_small_export_in_the_request(tree, personas, roster):
    response = start_export(personas["owner"])
    assert response.status_code == 200
    assert not Job.objects.exists()


@override_settings(GONGHUI_EXPORT_INLINE_MAX_ROWS=3, TASKS=IMMEDIATE)
def test_it_exports_in_the_job_only_what_the_outsider_may_see(tree, personas, roster):
    MembershipFactory.create_batch(4, union=tree.union_b)
    sibling = personas["sibling"]
    start_export(sibling, union=tree.union_a.pk)  # a forged filter of another branch
    job = Job.objects.get()
    download = sibling.client().get(reverse("core:job_download", args=[job.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.values)
    assert job.state == JobState.DONE
    assert all(not str(r[0]).startswith("甲") for r in rows[1:])


def _running_job(personas, *, beat_minutes_ago: int) -> Job:
    owner = personas["owner"]
    return Job.objects.create(
        kind="export",
        title="导出会员名册",
        owner=owner.user,
        org_unit=owner.access.unit,
        state=JobState.RUNNING,
        total=100,
        done=40,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=beat_minutes_ago),
    )


@override_settings(GONGHUI_JOB_STALE_MINUTES=10)
def test_it_marks_a_job_whose_worker_died_as_failed_when_viewed(tree, personas):
    dead = _running_job(personas, beat_minutes_ago=30)
    alive = _running_job(personas, beat_minutes_ago=1)

    page = personas["owner"].client().get(reverse("core:job_detail", args=[dead.pk]))

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == JobState.FAILED
    assert dead.message == STALE_MESSAGE
    assert STALE_MESSAGE in page.content.decode()
    assert alive.state == JobState.RUNNING
    assert AuditEntry.objects.filter(action="core.job.stale", object_id=str(dead.pk)).exists()


@override_settings(GONGHUI_JOB_STALE_MINUTES=10)
def test_it_marks_stale_jobs_from_the_job_list_and_the_command(tree, personas):
    first = _running_job(personas, beat_minutes_ago=30)
    personas["owner"].client().get(reverse("core:job_list"))
    first.refresh_from_db()
    assert first.state == JobState.FAILED

    second = _running_job(personas, beat_minutes_ago=30)
    call_command("mark_stale_jobs", stdout=io.StringIO())
    second.refresh_from_db()
    assert second.state == JobState.FAILED
    assert jobs_mark_stale() == 0


def test_it_polls_a_running_job_and_stops_when_it_ends(tree, personas):
    job = _running_job(personas, beat_minutes_ago=0)
    client = personas["owner"].client()
    progress = reverse("core:job_progress", args=[job.pk])
    running = client.get(progress).content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert 'value="40"' in running
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, message="失败原因")
    assert "hx-trigger" not in client.get(progress).content.decode()
