"""Uploaded import files live only as long as their import: a roster holds every member's
身份证号 and phone, so the file is deleted when its job ends (success or failure), unless
``GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS`` asks to keep uploads for a number of days."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from gonghui.core.models import Job, JobState

FOLDER = "imports"
# A file younger than this is never taken for an orphan: import_start stores the file a
# moment before it creates the job that names it.
ORPHAN_GRACE = dt.timedelta(hours=1)


def store_upload(name: str, upload: Any) -> str:
    return default_storage.save(f"{FOLDER}/{name}-{uuid.uuid4().hex}.xlsx", upload)


def discard_upload(stored: str, *, now: dt.datetime | None = None) -> None:
    """Called when the import of ``stored`` ends: delete it (retention 0, the default), then
    delete what earlier imports left behind (a crashed worker, kept files now expired)."""
    if settings.GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS == 0 and stored:
        default_storage.delete(stored)
    purge_uploads(now=now)


def purge_uploads(*, now: dt.datetime | None = None) -> int:
    """Delete stored uploads past the retention period that no queued or running import
    still needs; returns how many were deleted."""
    now = now or timezone.now()
    keep_for = dt.timedelta(days=settings.GONGHUI_IMPORT_UPLOAD_RETENTION_DAYS)
    cutoff = now - max(keep_for, ORPHAN_GRACE)
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    active = {
        job.params.get("file")
        for job in Job.objects.filter(state__in=[JobState.QUEUED, JobState.RUNNING]).only("params")
    }
    deleted = 0
    for name in files:
        stored = f"{FOLDER}/{name}"
        if stored in active or default_storage.get_modified_time(stored) > cutoff:
            continue
        default_storage.delete(stored)
        deleted += 1
    return deleted
