"""The background worker beside `gonghui serve`, restarted when it dies.

A worker can die under the web server (killed for memory, a crash in a native library); the
jobs it would run then wait forever while users watch a progress page. The supervisor checks
it every few seconds and starts a fresh one, so a dead worker costs one job (marked 失败 by
the stale-job sweep), not every job after it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Sequence

WORKER_COMMAND = (
    sys.executable,
    "-m",
    "gonghui.cli",
    "db_worker",
    "--interval",
    "1",
    "--no-reload",
)


class WorkerSupervisor:
    def __init__(
        self,
        *,
        command: Sequence[str] = WORKER_COMMAND,
        interval: float = 2.0,
        report: Callable[[str], None] = print,
    ):
        self.command = list(command)
        self.interval = interval
        self.report = report
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command)
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)
        self._thread.start()

    def check(self) -> bool:
        """Restart the worker if it has exited; True when it did."""
        if self._stopping.is_set() or self.process is None or self.process.poll() is None:
            return False
        code = self.process.returncode
        self.process = subprocess.Popen(self.command)
        self.restarts += 1
        self.report(f"后台任务进程已退出（返回码 {code}），已重新启动（PID {self.process.pid}）")
        return True

    def _watch(self) -> None:
        while not self._stopping.wait(self.interval):
            self.check()

    def stop(self, *, timeout: float = 10) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
