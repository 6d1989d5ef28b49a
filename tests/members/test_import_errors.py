"""Every bad input is reported by Excel row, column, value and a Chinese reason; nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.access import SYSTEM
from gonghui.members.importer import IMPORTER
from gonghui.members.models import Membership, Person
from gonghui.members.roster.columns import HEADERS
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster


def counts():
    return Person.objects.count(), Membership.objects.count()


def run(tree, tmp_path, rows, headers=None):
    path = write_roster(tmp_path / "roster.xlsx", rows, headers)
    return IMPORTER.run(access=SYSTEM, file=path, options={"union": tree.union_a.pk})


def _valid_with_wrong_check_digit() -> str:
    number = make_id_number()
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

BAD_CELLS = [
    ("姓名", "", "姓名不能为空"),
    ("姓名", "张" * 51, "姓名不能超过50个字"),
    ("身份证号", "", "身份证号不能为空"),
    ("身份证号", "11010519800101", "身份证号应为18位"),
    ("身份证号", _valid_with_wrong_check_digit(), "身份证号校验位错误"),
    ("身份证号", "110105198002300013", "出生日期不存在"),
    ("身份证号", 110105198001010013, "身份证号请以文本格式填写"),
    ("手机号", "12345", "手机号应为11位大陆手机号码"),
    ("手机号", "23800138000", "手机号应为11位大陆手机号码"),
    ("入会日期", "", "入会日期不能为空"),
    ("入会日期", "明年五月", "日期无法识别"),
    ("入会日期", "2020-02-30", "日期不存在"),
    ("入会日期", TOMORROW, "入会日期不能晚于今天"),
    ("入会日期", "1984-12-31", "入会日期不能早于出生日期"),
    ("农民工(是/否)", "Y", "只能填写“是”或“否”"),
    ("新就业形态(是/否)", "不是", "只能填写“是”或“否”"),
    ("学历", "文盲", "学历只能选择：研究生、大学本科"),
    ("会员证号", "C" * 41, "会员证号不能超过40个字符"),
    (
        "工作单位统一社会信用代码",
        "91110000100000000X",
        "未找到统一社会信用代码为91110000100000000X的用人单位，请先登记用人单位",
    ),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_it_reports_the_bad_cell_and_saves_nothing(tree, tmp_path, column, value, message):
    before = counts()
    rows = [good_row(身份证号=make_id_number(birth=dt.date(1985, 3, 14 + i))) for i in range(3)]
    rows[1][column] = value  # Excel row 3

    result = run(tree, tmp_path, rows)

    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message
    assert counts() == before


def test_it_shows_the_number_as_typed_when_it_lost_precision(tree, tmp_path):
    result = run(tree, tmp_path, [good_row(身份证号=110105198001010013)])

    (error,) = result.errors
    assert error.value.startswith("11010519800101")  # the digits Excel kept, no "e+17"


def test_it_reports_every_bad_row_at_once(tree, tmp_path):
    before = counts()
    rows = [
        good_row(身份证号=make_id_number()),
        good_row(身份证号=make_id_number(), 手机号="123"),
        good_row(身份证号=make_id_number()),
        good_row(身份证号="", 姓名="", 学历="幼儿园"),
        good_row(身份证号=make_id_number(), 工作单位统一社会信用代码="91110000100000000X"),
    ]

    result = run(tree, tmp_path, rows)

    assert [(e.row, e.column) for e in result.errors] == [
        (3, "手机号"),
        (5, "姓名"),
        (5, "身份证号"),
        (5, "学历"),
        (6, "工作单位统一社会信用代码"),
    ]
    assert counts() == before
    assert "共3行有误" in result.summary()


def test_it_rejects_a_duplicate_id_number_in_the_file(tree, tmp_path):
    number = make_id_number()
    rows = [
        good_row(身份证号=number),
        good_row(身份证号=make_id_number()),
        good_row(身份证号=number.lower()),
    ]

    result = run(tree, tmp_path, rows)

    (error,) = result.errors
    assert (error.row, error.column) == (4, "身份证号")
    assert error.message == "与第2行的身份证号重复"


def test_it_rejects_a_duplicate_card_number_in_the_file(tree, tmp_path):
    rows = [good_row(身份证号=make_id_number(), 会员证号="D-1") for _ in range(2)]

    result = run(tree, tmp_path, rows)

    (error,) = result.errors
    assert (error.row, error.column, error.value) == (3, "会员证号", "D-1")
    assert error.message == "与第2行的会员证号重复"


def test_it_rejects_a_card_number_used_by_another_member_of_the_union(tree, tmp_path):
    before = counts()
    taken = tree.member_a.card_number

    result = run(tree, tmp_path, [good_row(身份证号=make_id_number(), 会员证号=taken)])

    (error,) = result.errors
    assert (error.row, error.column, error.value) == (2, "会员证号", taken)
    assert "已被其他会员使用" in error.message
    assert counts() == before


def test_it_rejects_an_active_member_of_another_union(tree, tmp_path):
    before = counts()
    number = tree.member_b.person.id_number

    result = run(tree, tmp_path, [good_row(身份证号=make_id_number()), good_row(身份证号=number)])

    (error,) = result.errors
    assert (error.row, error.column) == (3, "身份证号")
    assert error.message == "该职工已是「乙公司工会」在册会员，请先办理会员关系接转"
    assert counts() == before


def test_it_skips_blank_rows_and_keeps_excel_row_numbers(tree, tmp_path):
    rows = [good_row(身份证号=make_id_number()), None, None, good_row(身份证号="x")]

    result = run(tree, tmp_path, rows)

    assert result.total_rows == 2
    assert [(e.row, e.column) for e in result.errors] == [(5, "身份证号")]


def test_it_names_a_missing_required_column(tree, tmp_path):
    headers = [h for h in HEADERS if h != "身份证号"]

    result = run(tree, tmp_path, [good_row()], headers=headers)

    (error,) = result.errors
    assert error.row == 1
    assert error.message == "缺少必填列「身份证号」，请使用导入模板的表头"


def test_it_rejects_an_unknown_column_but_ignores_a_serial_number(tree, tmp_path):
    headers = ["序号", *HEADERS, "籍贯"]

    result = run(tree, tmp_path, [good_row(序号=1, 籍贯="北京")], headers=headers)

    (error,) = result.errors
    assert (error.row, error.column, error.value) == (1, "K列", "籍贯")
    assert "无法识别的列名" in error.message


def test_it_accepts_optional_columns_missing_and_headers_with_marks(tree, tmp_path):
    headers = ["*姓名", "身份证号 ", "入会日期（必填）".replace("（必填）", "")]
    row = {"*姓名": "钱多多", "身份证号 ": make_id_number(), "入会日期": "2021-01-01"}

    result = run(tree, tmp_path, [row], headers=headers)

    assert result.ok, result.errors
    assert Person.objects.get(name="钱多多").memberships.count() == 1


def test_it_explains_an_empty_file(tree, tmp_path):
    result = run(tree, tmp_path, [None])

    assert not result.ok
    assert "没有可导入的数据行" in result.problem


def test_it_explains_a_file_that_is_not_a_spreadsheet(tree, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"not a spreadsheet")

    result = IMPORTER.run(access=SYSTEM, file=path, options={"union": tree.union_a.pk})

    assert not result.ok
    assert "无法读取该文件" in result.problem
