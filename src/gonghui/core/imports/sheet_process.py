"""The child process that parses an uploaded workbook: a crash or a runaway allocation in the
native reader ends this process, never the web server or the worker that started it.

Run as ``python -m gonghui.core.imports.sheet_process PATH SHEET MEMORY_MB CPU_SECONDS``. It
caps its own address space and CPU time first (so the cap applies before the reader is even
imported), then writes a stream of pickled messages to stdout:

``("sheet", start_row, start_col, height)`` once, then ``("rows", [row, ...])`` chunks and
``("end",)``; or ``("error", code)`` with code ``unreadable`` / ``no_sheet`` / ``empty``.

Only plain cell values travel: str, int, float, bool, date, datetime, time, timedelta, None.
The parent unpickles with a whitelist (``reader_protocol.load``), so even a reader subverted
by a crafted file cannot hand it anything else.
"""

from __future__ import annotations

import pickle
import resource
import sys

CHUNK_ROWS = 2000


def _cap(memory_mb: int, cpu_seconds: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def _send(out, message: tuple) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)


def main(path: str, wanted_sheet: str, memory_mb: int, cpu_seconds: int) -> int:
    _cap(memory_mb, cpu_seconds)
    out = sys.stdout.buffer
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
    except Exception:  # calamine raises several unrelated types for damaged files
        _send(out, ("error", "unreadable"))
        return 0
    names = workbook.sheet_names
    name = wanted_sheet if wanted_sheet in names else (names[0] if names else None)
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception:
        _send(out, ("error", "no_sheet"))
        return 0
    if sheet.start is None or sheet.height == 0:
        _send(out, ("error", "empty"))
        return 0
    _send(out, ("sheet", sheet.start[0], sheet.start[1], sheet.height))
    out.flush()
    chunk: list[list] = []
    for row in sheet.iter_rows():
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            _send(out, ("rows", chunk))
            chunk = []
    if chunk:
        _send(out, ("rows", chunk))
    _send(out, ("end",))
    out.flush()
    return 0


if __name__ == "__main__":
    path, wanted, memory, cpu = sys.argv[1:5]
    sys.exit(main(path, wanted, int(memory), int(cpu)))
