"""`gonghui mark_stale_jobs`: mark jobs whose worker died as 失败 (e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gonghui.core.jobs import jobs_mark_stale


class Command(BaseCommand):
    help = "将心跳超时的后台任务标记为失败"

    def handle(self, *args, **options):
        count = jobs_mark_stale()
        self.stdout.write(f"已将 {count} 个中断的后台任务标记为失败")
