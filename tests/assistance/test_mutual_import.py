"""医疗互助参保名单导入: every bad row named by row and column, nothing half-saved."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from gonghui.assistance.models import MutualEnrolment, MutualGroup
from gonghui.assistance.mutual_import import IMPORTER
from gonghui.members.models import Person
from tests.assistance.mutual_support import make_scheme
from tests.factories import MembershipFactory

HEADERS = ["姓名", "身份证号", "份数"]


def xlsx(rows, headers=HEADERS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "参保名单"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def number(person: Person) -> str:
    return Person.id_number.__get__(person)


@pytest.fixture
def open_scheme(tree, personas):
    """A scheme whose enrolment window is open today (cover from next January)."""
    today = dt.date.today()
    return make_scheme(
        personas,
        tree,
        enrol_from=today - dt.timedelta(days=10),
        enrol_to=today + dt.timedelta(days=10),
        cover_from=dt.date(today.year + 1, 1, 1),
        cover_to=dt.date(today.year + 1, 12, 31),
        all_staff_below=0,
    )


def run(personas, open_scheme, tree, rows, **options):
    return IMPORTER.run(
        access=personas["owner"].access,
        file=xlsx(rows),
        options={"scheme": open_scheme.pk, "union": tree.union_a.pk, **options},
    )


def test_it_imports_a_group_from_the_roster(tree, personas, open_scheme):
    other = MembershipFactory(union=tree.union_a, person__name="王五").person
    zhang = tree.member_a.person
    outcome = run(
        personas, open_scheme, tree, [["张三", number(zhang), 2], ["王五", number(other), ""]]
    )
    assert outcome.ok, outcome.errors or outcome.problem
    assert outcome.created == 2
    group = MutualGroup.objects.get()
    assert (group.people, group.shares, str(group.premium_due)) == (2, 3, "108.00")


def test_it_names_every_bad_row_and_column_and_saves_nothing(tree, personas, open_scheme):
    other = MembershipFactory(union=tree.union_a, person__name="王五").person
    zhang = tree.member_a.person
    outcome = run(
        personas,
        open_scheme,
        tree,
        [
            ["张三", number(zhang), 1],
            ["李四", number(tree.member_b.person), 1],  # union_b's member
            ["王六", number(other), 1],  # the name of another
            ["张三", number(zhang), 1],  # twice
            ["王五", number(other), 5],  # above 2 shares
            ["王五", number(other), "两份"],
        ],
    )
    found = {(e.row, e.column, e.message) for e in outcome.errors}
    assert found == {
        (3, "身份证号", "不是甲公司工会的在册会员"),
        (4, "姓名", "与身份证号登记的姓名“王五”不一致"),
        (5, "身份证号", "与第2行重复"),
        (6, "份数", "超过本方案每人最多2份"),
        (7, "份数", "份数应为不小于1的整数"),
    }
    assert not MutualGroup.objects.exists() and not MutualEnrolment.objects.exists()


def test_it_refuses_the_whole_file_below_the_floor(tree, personas, open_scheme):
    for _ in range(4):
        MembershipFactory(union=tree.union_a)
    outcome = run(personas, open_scheme, tree, [["张三", number(tree.member_a.person), 1]])
    assert (
        outcome.problem
        == "整个文件未导入：参保人数未达团体参保比例：在册会员5人，须至少3人（60%），现1人"
    )
    assert not MutualGroup.objects.exists()


def test_it_refuses_a_scheme_or_union_out_of_reach(tree, personas, open_scheme):
    rows = [["张三", number(tree.member_a.person), 1]]
    outcome = IMPORTER.run(
        access=personas["sibling"].access,
        file=xlsx(rows),
        options={"scheme": open_scheme.pk, "union": tree.union_a.pk},
    )
    assert outcome.problem == "只能为您管辖范围内的基层工会导入参保名单"
    outcome = run(personas, open_scheme, tree, rows, scheme=987654)
    assert outcome.problem == "未找到该互助方案，或不在您的管辖范围内"
