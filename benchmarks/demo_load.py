"""Benchmark of the demo load (`gonghui demo`): seconds and peak memory per size.

    .venv/bin/python benchmarks/demo_load.py [--size district]

Each run migrates a fresh SQLite database in its own temporary GONGHUI_VAR_DIR (DATABASE_URL is
ignored). It loads the `small` demo as the same-run baseline, then the requested size, and prints
e.g. (peak_rss_mb is the largest child process so far, which is the larger load's):

    baseline size=small seconds=2.1
    size=district seconds=31.5 peak_rss_mb=610 members=40123

Speed is measured here, never asserted by a test: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load(size: str) -> tuple[float, float, dict]:
    var_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-demo-"))
    env = {**os.environ, "GONGHUI_VAR_DIR": str(var_dir), "GONGHUI_DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    gonghui = str(Path(sys.executable).with_name("gonghui"))
    try:
        subprocess.run([gonghui, "migrate", "--noinput", "-v0"], env=env, check=True)
        started = time.perf_counter()
        out = subprocess.run(
            [gonghui, "demo", "--size", size, "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
        return seconds, peak, json.loads(out)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="district")
    args = parser.parse_args()
    seconds, _, _ = load("small")
    print(f"baseline size=small seconds={seconds:.1f}")
    seconds, peak, data = load(args.size)
    print(
        f"size={args.size} seconds={seconds:.1f} peak_rss_mb={peak:.0f} "
        f"members={data.get('members', '?')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
