"""The roster importer's run: validation row by row, all-or-nothing save, upsert by 身份证号."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.access import SYSTEM
from gonghui.core.crypto import blind_index
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.members.importer import IMPORTER
from gonghui.members.models import Education, Membership, MembershipStatus, Person
from tests.factories import MembershipFactory, make_id_number
from tests.members.import_helpers import good_row, write_roster


def counts():
    return Person.objects.count(), Membership.objects.count()


def run(tree, tmp_path, rows, union=None, headers=None, name="roster.xlsx"):
    path = write_roster(tmp_path / name, rows, headers)
    union = union or tree.union_a
    return IMPORTER.run(access=SYSTEM, file=path, options={"union": union.pk})


def test_it_imports_a_good_file_with_memberships_and_current_union(tree, tmp_path):
    before = counts()
    numbers = [make_id_number(birth=dt.date(1990, 1, 2), female=True), make_id_number()]
    rows = [
        good_row(
            姓名="刘晓燕",
            身份证号=numbers[0],
            手机号="13912345678",
            工作单位统一社会信用代码=tree.enterprise_a.credit_code,
            会员证号="A-001",
            **{"农民工(是/否)": "是", "新就业形态(是/否)": "否", "学历": "大学专科"},
        ),
        good_row(姓名="赵大勇", 身份证号=numbers[1], 入会日期="2019/3/8"),
    ]

    result = run(tree, tmp_path, rows)

    assert result.ok, result.errors
    assert (result.total_rows, result.created, result.updated) == (2, 2, 0)
    assert counts() == (before[0] + 2, before[1] + 2)
    person = Person.objects.get(name="刘晓燕")
    assert person.id_number == numbers[0]
    assert (person.gender, person.birth_date) == ("F", dt.date(1990, 1, 2))
    assert person.phone == "13912345678"
    assert person.employer == tree.enterprise_a
    assert person.education == Education.COLLEGE
    assert (person.is_migrant_worker, person.is_new_form) == (True, False)
    assert person.name_initials == "lxy"
    assert person.current_union == tree.union_a
    membership = person.memberships.get()
    assert (membership.union, membership.card_number) == (tree.union_a, "A-001")
    assert membership.joined_on == dt.date(2020, 5, 1)
    assert membership.status == MembershipStatus.ACTIVE
    other = Person.objects.get(name="赵大勇").memberships.get()
    assert other.joined_on == dt.date(2019, 3, 8)


def test_it_writes_one_audit_entry_with_counts(tree, tmp_path):
    run(tree, tmp_path, [good_row(), good_row(身份证号=make_id_number())])

    entries = AuditEntry.objects.filter(action="members.roster.imported")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.org_unit == tree.union_a
    assert (entry.changes["created"], entry.changes["updated"]) == (2, 0)
    assert entry.actor is None and entry.actor_name == "系统"


def test_it_stores_a_lowercase_x_as_upper_case(tree, tmp_path):
    number = next(n for n in iter(make_id_number, None) if n.endswith("X"))
    # The tree's own people may have an X number too: look only at the imported one.
    before = list(Person.objects.values_list("pk", flat=True))

    result = run(tree, tmp_path, [good_row(身份证号=number.lower())])

    assert result.ok, result.errors
    person = Person.objects.exclude(pk__in=before).get(id_masked__endswith="X")
    assert person.id_number == number


def test_it_tolerates_full_width_digits_and_date_spellings(tree, tmp_path):
    full_width = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    spellings = ["2020/5/1", "20200501", "2020年5月1日", dt.date(2020, 5, 1), "2020.05.01"]
    rows = [good_row(身份证号=make_id_number(), 入会日期=value) for value in spellings]
    rows[0]["身份证号"] = rows[0]["身份证号"].translate(full_width)
    rows[1]["手机号"] = "１３８ ００１３ ８０００"

    result = run(tree, tmp_path, rows)

    assert result.ok, result.errors
    joined = set(
        Membership.objects.filter(union=tree.union_a, card_number="").values_list(
            "joined_on", flat=True
        )
    )
    assert joined == {dt.date(2020, 5, 1)}
    assert Person.objects.filter(**Person.phone.lookup("13800138000")).exists()


def test_it_updates_on_reimport_and_never_duplicates(tree, tmp_path):
    rows = [good_row(身份证号=make_id_number(), 会员证号=f"R{i}") for i in range(3)]
    first = run(tree, tmp_path, rows)
    assert first.ok and first.created == 3
    after_first = counts()

    rows[1]["手机号"] = "13700001111"
    rows[2]["入会日期"] = "2021-06-30"
    second = run(tree, tmp_path, rows, name="again.xlsx")

    assert second.ok, second.errors
    assert (second.created, second.updated, second.extra["changed"]) == (0, 3, 2)
    assert second.summary() == ("导入成功：共3行，新增0人，更新3人（其中信息有变化2人，新入会0人）")
    assert counts() == after_first
    assert Person.objects.filter(**Person.phone.lookup("13700001111")).count() == 1
    assert Membership.objects.get(card_number="R2").joined_on == dt.date(2021, 6, 30)


def test_it_keeps_stored_values_for_blank_cells_on_reimport(tree, tmp_path):
    row = good_row(身份证号=make_id_number(), 手机号="13600001111", 会员证号="K1")
    run(tree, tmp_path, [row])

    row.update({"手机号": "", "会员证号": "", "学历": "", "农民工(是/否)": ""})
    result = run(tree, tmp_path, [row], name="blank.xlsx")

    assert result.ok, result.errors
    person = Person.objects.get(**Person.phone.lookup("13600001111"))
    assert person.education == Education.BACHELOR
    assert person.memberships.get().card_number == "K1"


def test_it_updates_a_registered_member_of_this_union(tree, tmp_path):
    person = tree.member_a.person
    before = counts()

    result = run(
        tree,
        tmp_path,
        [good_row(姓名="张三丰", 身份证号=person.id_number, 会员证号="NEW-1")],
    )

    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 1)
    assert counts() == before
    person.refresh_from_db()
    assert (person.name, person.name_initials) == ("张三丰", "zsf")
    tree.member_a.refresh_from_db()
    assert tree.member_a.card_number == "NEW-1"


def test_it_enrols_a_registered_person_without_active_membership(tree, tmp_path):
    left = MembershipFactory(
        union=tree.union_b,
        status=MembershipStatus.LEFT,
        ended_on=dt.date(2022, 1, 1),
        card_number="OLD",
    )

    result = run(tree, tmp_path, [good_row(身份证号=left.person.id_number)])

    assert result.ok, result.errors
    left.person.refresh_from_db()
    assert left.person.current_union == tree.union_a
    assert left.person.memberships.get(status=MembershipStatus.ACTIVE).union == tree.union_a


def test_it_lets_two_members_swap_card_numbers(tree, tmp_path):
    a = MembershipFactory(union=tree.union_a, card_number="S1")
    b = MembershipFactory(union=tree.union_a, card_number="S2")
    rows = [
        good_row(身份证号=a.person.id_number, 会员证号="S2"),
        good_row(身份证号=b.person.id_number, 会员证号="S1"),
    ]

    result = run(tree, tmp_path, rows)

    assert result.ok, result.errors
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.card_number, b.card_number) == ("S2", "S1")


def test_it_refuses_a_union_that_cannot_hold_members(tree, tmp_path):
    with pytest.raises(DomainError, match="基层工会"):
        run(tree, tmp_path, [good_row()], union=tree.street_a)
    tree.union_b.status = "inactive"
    tree.union_b.save()
    with pytest.raises(DomainError, match="已撤销"):
        run(tree, tmp_path, [good_row()], union=tree.union_b)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("本科", "bachelor"),
        ("大专", "college"),
        ("硕士", "postgraduate"),
        ("博士", "postgraduate"),
        ("高中", "secondary"),
        ("中专", "secondary"),
        ("技校", "secondary"),
        ("初中", "junior"),
        ("小学", "junior"),
        ("大学本科", "bachelor"),
        (" 大专 ", "college"),
    ],
)
def test_it_stores_the_canonical_education_for_what_cadres_write(tree, tmp_path, written, stored):
    number = make_id_number()
    result = run(tree, tmp_path, [good_row(身份证号=number, 学历=written)])

    assert result.ok, result.errors
    assert Person.objects.get(id_index=blind_index(number)).education == stored
