"""core.imports.runner.read_sheet: the one way an importer opens and reads an upload."""

from __future__ import annotations

import io

import pytest

from gonghui.core.imports.errors import ImportFileError
from gonghui.core.imports.runner import EMPTY, Outcome, read_sheet
from tests.core.test_imports import SPEC, workbook_bytes


class CountedOutcome(Outcome):
    pass


def names(sheet, outcome):
    read = []
    for _number, values in sheet.records():
        outcome.total_rows += 1
        read.append(values["name"])
    return read


def test_it_returns_what_was_read_with_an_outcome_of_the_given_kind():
    data = workbook_bytes(["姓名"], [["张三"], ["李四"]])
    rows, outcome = read_sheet(SPEC, io.BytesIO(data), names, kind=CountedOutcome)
    assert rows == ["张三", "李四"]
    assert isinstance(outcome, CountedOutcome)
    assert (outcome.total_rows, outcome.problem, outcome.errors) == (2, "", [])


def test_it_answers_an_unreadable_file_with_its_problem():
    rows, outcome = read_sheet(SPEC, io.BytesIO(b"not a workbook"), names)
    assert rows is None
    assert outcome.problem
    assert not outcome.ok


def test_it_answers_a_wrong_header_with_the_header_errors_and_reads_no_row():
    data = workbook_bytes(["乱写"], [["张三"]])
    rows, outcome = read_sheet(SPEC, io.BytesIO(data), names)
    assert rows is None
    assert ("姓名", "缺少必填列「姓名」，请使用导入模板的表头") in [
        (e.column, e.message) for e in outcome.errors
    ]
    assert outcome.total_rows == 0


def test_it_answers_a_file_without_data_rows_as_empty():
    rows, outcome = read_sheet(SPEC, io.BytesIO(workbook_bytes(["姓名"])), names)
    assert rows is None
    assert outcome.problem == EMPTY


@pytest.mark.parametrize("kind", [Outcome, CountedOutcome])
def test_it_keeps_nothing_read_when_the_reading_dies_part_way(kind):
    def dies(sheet, outcome):
        outcome.total_rows += 1
        outcome.warnings.append("第2行：已读")
        raise ImportFileError("文件读取中断，请重新上传")

    data = workbook_bytes(["姓名"], [["张三"]])
    rows, outcome = read_sheet(SPEC, io.BytesIO(data), dies, kind=kind)
    assert rows is None
    assert type(outcome) is kind
    assert (outcome.problem, outcome.total_rows, outcome.warnings) == (
        "文件读取中断，请重新上传",
        0,
        [],
    )
