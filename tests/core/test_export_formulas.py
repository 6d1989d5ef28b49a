"""Text that looks like a formula (=, +, -, @ …) stays text in every .xlsx Gonghui writes: a
name typed into a form or an Excel row never becomes a live formula in someone's spreadsheet."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.core.exports import write_xlsx
from gonghui.core.imports.errors import RowError
from gonghui.core.imports.report import build_error_report
from tests.factories import EnterpriseFactory

NAMES = ['=HYPERLINK("http://evil.example","点此")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def _cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


def test_it_writes_formula_like_text_as_text_marked_with_an_apostrophe():
    cells = _cells(write_xlsx("导出", ["名称"], [[n] for n in [*NAMES, "正常名称", 42]]))

    assert [c.value for c in cells] == [*NAMES, "正常名称", 42]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[: len(NAMES)])
    assert not cells[len(NAMES)].quotePrefix and cells[-1].data_type == "n"


@pytest.mark.django_db
def test_it_keeps_a_formula_like_enterprise_name_as_text_in_the_list_export(tree, personas):
    EnterpriseFactory(name=NAMES[0], region=tree.street_a, union=tree.union_a)

    response = personas["owner"].client().get(reverse("orgs:enterprise_list"), {"export": "xlsx"})

    (cell,) = [c for c in _cells(response.content) if c.value == NAMES[0]]
    assert cell.data_type == "s" and cell.quotePrefix


def test_it_keeps_formula_like_cells_as_text_in_the_error_report():
    report = build_error_report(
        headers=["姓名"], errors=[RowError(2, "姓名", NAMES[3], "格式不正确")], rows={2: [NAMES[3]]}
    )

    (cell,) = [c for c in _cells(report) if c.value == NAMES[3]]
    assert cell.data_type == "s" and cell.quotePrefix
