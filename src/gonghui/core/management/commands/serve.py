"""`gonghui serve [ADDR]`: the web server plus the background worker, for local use."""

from __future__ import annotations

import signal

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gonghui.core.worker import WorkerSupervisor


class Command(BaseCommand):
    help = "启动网页服务和后台任务（名册导入等）；后台任务进程退出时自动重启"

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        worker = WorkerSupervisor(report=self.stderr.write)
        worker.start()

        def stop(signum, frame):  # SIGTERM must not orphan the worker
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(
            f"后台任务进程已启动（PID {worker.process.pid}）；网页地址 http://{addrport}/"
        )
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.stop()
