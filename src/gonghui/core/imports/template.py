"""The downloadable template of a spec: a header row, 下拉 lists for the dictionary columns,
text format for long digit strings, and a 说明 sheet (列名, 是否必填, 填写要求, 示例)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gonghui.core.imports.columns import Spec

HELP_SHEET = "填写说明"
TEMPLATE_ROWS = 20000  # rows of the data sheet that carry the dropdowns
REQUIRED_FILL = "FDECEC"


def list_validation(options: Sequence[str], title: str, *, warn: bool = False) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=f"请从下拉列表中选择：{'、'.join(options)}",
        promptTitle=title,
        prompt="请从下拉列表中选择",
        showInputMessage=True,
    )
    if warn:
        dv.errorStyle = "warning"
    return dv


def build_template(
    spec: Spec,
    *,
    date_keys: Sequence[str] = (),
    extra_error: Mapping[str, str] | None = None,
) -> bytes:
    """The template workbook as bytes. ``extra_error`` adds text to a dropdown's message."""
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    header_font = Font(bold=True)
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.alignment = Alignment(horizontal="center")
        if column.required:
            cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        if column.text_format:
            # Text format: an 18-digit 身份证号 typed as a number loses its last digits.
            ws.column_dimensions[letter].number_format = "@"
        if column.key in date_keys:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        options = column.options()
        if options:
            dv = list_validation(options, column.header, warn=column.dropdown_warns)
            if extra_error and column.key in extra_error:
                dv.error += extra_error[column.key]
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["列名", "是否必填", "填写要求", "示例"])
    for cell in help_ws[1]:
        cell.font = header_font
    for column in spec.columns:
        help_ws.append(
            [column.header, "必填" if column.required else "选填", column.help, column.example]
        )
    if spec.help_lines:
        help_ws.append([])
        for line in spec.help_lines:
            help_ws.append([line])
    for letter, width in (("A", 26), ("B", 10), ("C", 70), ("D", 24)):
        help_ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
