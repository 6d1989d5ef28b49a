"""`gonghui serve [ADDR]`: the web server plus the background worker, for local use."""

from __future__ import annotations

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网页服务和后台任务（名册导入等）"

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        worker = subprocess.Popen(
            [sys.executable, "-m", "gonghui.cli", "db_worker", "--interval", "1", "--no-reload"],
        )

        def stop(signum, frame):  # SIGTERM must not orphan the worker
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"后台任务进程已启动（PID {worker.pid}）；网页地址 http://{addrport}/")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
