"""Parse an upload in a child process with a memory and CPU cap (core.imports.sheet_process).

The native reader (python-calamine) can abort its whole process on a crafted file; bounds
(core.imports.limits) refuse every shape we know of before it runs, and this keeps the
unknown ones away from the web server and the job worker: the child dies, the user is told
the file could not be read, and everyone else carries on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings

from gonghui.core.imports.errors import ImportFileError
from gonghui.core.imports.limits import check_upload

UNREADABLE = "无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）"
ERRORS = {
    "unreadable": UNREADABLE,
    "no_sheet": "无法读取工作表，请使用导入模板",
}
CRASHED = (
    "无法读取该文件：读取时超出了内存或时间限制（文件可能已损坏或被特意构造），"
    "请用导入模板重新填写后上传"
)
# What a cell value may be: the reader's own types, nothing that runs code when unpickled.
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time")}
_ALLOWED |= {("datetime", "timedelta")}


class _CellUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


class SheetReader:
    """One child process reading one sheet; ``close`` always ends it and removes the copy."""

    def __init__(self, process: subprocess.Popen, copy: str | None):
        self.process = process
        self.copy = copy
        self.sheet_name = ""

    @classmethod
    def start(cls, path_or_file: Any, *, sheet: str) -> SheetReader:
        path, copy = _on_disk(path_or_file)
        command = [
            sys.executable,
            "-m",
            "gonghui.core.imports.sheet_process",
            path,
            sheet,
            str(settings.GONGHUI_IMPORT_READER_MEMORY_MB),
            str(settings.GONGHUI_IMPORT_READER_CPU_SECONDS),
        ]
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        reader = cls(process, copy)
        reader.sheet_name = sheet
        return reader

    def _next(self) -> tuple:
        try:
            # One unpickler per message: each message is pickled with a fresh memo.
            return _CellUnpickler(self.process.stdout).load()
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as exc:
            raise ImportFileError(CRASHED) from exc

    def open(self) -> tuple[int, int, int]:
        """(first row, first column, height) of the sheet's data (0-based, as calamine)."""
        message = self._next()
        if message[0] == "error":
            code = message[1]
            if code == "empty":
                raise ImportFileError(
                    f"文件中没有数据，请在“{self.sheet_name}”工作表中填写后再上传"
                )
            raise ImportFileError(ERRORS.get(code, UNREADABLE))
        _, first_row, first_col, height = message
        return first_row, first_col, height

    def rows(self) -> Iterator[list[Any]]:
        while True:
            message = self._next()
            if message[0] == "end":
                return
            yield from message[1]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        if self.copy is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.copy)
            self.copy = None


def _on_disk(path_or_file: Any) -> tuple[str, str | None]:
    """The upload as a file the child can open: checked against the limits first; a copy in
    a temporary file (removed by ``close``) unless it is already a file on disk."""
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "rb") as handle:
            check_upload(handle)
        return os.fspath(path_or_file), None
    check_upload(path_or_file)
    path_or_file.seek(0)
    temporary = getattr(path_or_file, "temporary_file_path", None)
    if temporary is not None:
        return temporary(), None
    handle: IO[bytes]
    with tempfile.NamedTemporaryFile("wb", suffix=".xlsx", delete=False) as handle:
        source = path_or_file.file if hasattr(path_or_file, "file") else path_or_file
        if isinstance(source, io.BytesIO):
            handle.write(source.getbuffer())
        else:
            shutil.copyfileobj(source, handle, 1024 * 1024)
    path_or_file.seek(0)
    return handle.name, handle.name
