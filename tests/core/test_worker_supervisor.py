"""`gonghui serve` keeps a background worker running: a worker that dies is started again."""

import sys
import time

from gonghui.core.worker import WorkerSupervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def wait_for(condition, *, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_it_restarts_a_worker_that_was_killed():
    messages: list[str] = []
    supervisor = WorkerSupervisor(command=SLEEPER, interval=0.1, report=messages.append)
    supervisor.start()
    try:
        first = supervisor.process
        first.kill()
        assert wait_for(lambda: supervisor.restarts == 1)
        assert supervisor.process is not first
        assert supervisor.process.poll() is None  # the new worker runs
        assert "已重新启动" in messages[0]
    finally:
        supervisor.stop()
    assert supervisor.process.poll() is not None


def test_it_leaves_a_running_worker_alone():
    supervisor = WorkerSupervisor(command=SLEEPER, interval=60, report=lambda _: None)
    supervisor.start()
    try:
        process = supervisor.process
        assert supervisor.check() is False
        assert supervisor.process is process
    finally:
        supervisor.stop()


def test_it_does_not_restart_the_worker_it_stopped():
    supervisor = WorkerSupervisor(command=SLEEPER, interval=0.1, report=lambda _: None)
    supervisor.start()
    supervisor.stop()
    assert supervisor.check() is False
    assert supervisor.restarts == 0
