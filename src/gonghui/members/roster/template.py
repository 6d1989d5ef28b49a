"""The downloadable roster template: one data sheet with 下拉 lists, one 填写说明 sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gonghui.core.validators import credit_check_char, id_check_char
from gonghui.members.models import Education
from gonghui.members.roster.columns import COLUMNS, DATA_SHEET, HELP_SHEET, NO, YES

# Rows of the data sheet that carry the dropdowns and the text format.
TEMPLATE_ROWS = 20000
TEXT_COLUMNS = {"id_number", "phone", "credit_code", "card_number"}
EXAMPLE = {
    "name": "张三",
    "id_number": "11010519800101003" + id_check_char("11010519800101003"),
    "phone": "13800138000",
    "credit_code": "91110105MA01ABCD2" + credit_check_char("91110105MA01ABCD2"),
    "joined_on": "2020-05-01",
    "card_number": "C00000001",
    "is_migrant_worker": NO,
    "is_new_form": YES,
    "education": Education.BACHELOR.label,
}


def list_validation(options: list[str], title: str) -> DataValidation:
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
    return dv


def build_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    header_font = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FDECEC")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.alignment = Alignment(horizontal="center")
        if column.required:
            cell.fill = required_fill
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        if column.key in TEXT_COLUMNS:
            # Text format: an 18-digit 身份证号 typed as a number loses its last digits.
            ws.column_dimensions[letter].number_format = "@"
        if column.key == "joined_on":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    letters = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    yes_no = list_validation([YES, NO], "是/否")
    yes_no.add(f"{letters['is_migrant_worker']}2:{letters['is_migrant_worker']}{TEMPLATE_ROWS}")
    yes_no.add(f"{letters['is_new_form']}2:{letters['is_new_form']}{TEMPLATE_ROWS}")
    education = list_validation([label for _, label in Education.choices], "学历")
    # Common spellings (本科, 大专, 硕士 ...) are accepted on import, so typing one only warns.
    education.errorStyle = "warning"
    education.error += "；也可填写本科、大专、硕士、高中、中专等常用写法"
    education.add(f"{letters['education']}2:{letters['education']}{TEMPLATE_ROWS}")
    ws.add_data_validation(yes_no)
    ws.add_data_validation(education)

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["列名", "是否必填", "填写要求", "示例"])
    for cell in help_ws[1]:
        cell.font = header_font
    for column in COLUMNS:
        help_ws.append(
            [column.header, "必填" if column.required else "选填", column.help, EXAMPLE[column.key]]
        )
    help_ws.append([])
    for line in (
        "1. 请在“会员名册”工作表第2行起逐行填写，第1行表头请勿修改，空行会被跳过。",
        "2. 文件中任何一行有误，整个文件都不会导入；系统会列出每一个错误的行号、列名和原因。",
        "3. 按身份证号识别职工：再次导入同一人会更新其信息，不会重复登记。",
        "4. 已是其他工会在册会员的职工，请先办理会员关系接转，不能直接导入。",
        "5. 身份证号、手机号、会员证号请以文本格式填写，避免末尾数字丢失。",
    ):
        help_ws.append([line])
    help_ws.column_dimensions["A"].width = 26
    help_ws.column_dimensions["B"].width = 10
    help_ws.column_dimensions["C"].width = 70
    help_ws.column_dimensions["D"].width = 24

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
