"""Reading a plan file: .txt in any of the encodings Chinese offices produce, or .docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

# document.xml of a real plan is well under this; python-docx holds the whole tree in memory.
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024


class PlanFileError(ValueError):
    """A file that cannot be read as a plan; the message is for the user (Chinese)."""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanFileError("无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的文本文件")


def _check_docx(path: Path) -> None:
    """Bound the package before python-docx inflates it (a zip bomb would exhaust memory)."""
    from gonghui.core.imports.errors import ImportFileError
    from gonghui.core.imports.limits import check_zip

    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, max_uncompressed=DOCX_MAX_UNCOMPRESSED, kind="Word")
    except ImportFileError as exc:
        raise PlanFileError(exc.message) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise PlanFileError(f"无法打开 Word 文档 {path.name}：文件已损坏或不是 .docx 格式") from exc


def _docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise PlanFileError(f"无法打开 Word 文档 {path.name}：文件已损坏或不是 .docx 格式") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def read_plan_file(path: str | Path) -> str:
    """The plan's text. .txt: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.
    .docx: paragraphs and table rows in document order. Anything else: :class:`PlanFileError`."""
    path = Path(path)
    if not path.is_file():
        raise PlanFileError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".doc":
        raise PlanFileError("不支持旧版 .doc 文件，请在 Word 中另存为 .docx 后再导入")
    if suffix not in (".txt", ".text", ""):
        raise PlanFileError(f"不支持的文件类型“{suffix}”：请上传 .txt 或 .docx 文件")
    data = path.read_bytes()
    if b"\x00" in data[:1000] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFileError(f"{path.name} 不是文本文件")
    return _decode(data).replace("\r\n", "\n")
