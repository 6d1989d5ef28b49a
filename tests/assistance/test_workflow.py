"""The steps of a hardship file: 初审 with the exclusion checklist, 入户调查 by two visitors,
审核 by the 帮扶中心 of a county-level federation, 公示 counted in working days across the
National Day holiday and its make-up Sunday, objections, 建档, 退回, review and exit."""

from __future__ import annotations

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import Category, ExitKind, FileStatus, StepKind
from gonghui.assistance.models import ExclusionItem
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.assistance.conftest import D, apply_for, filed_file

pytestmark = pytest.mark.django_db


def _surveyed(personas, tree):
    owner = personas["owner"].access
    file = apply_for(owner, tree)
    services.hardship_check(actor=owner, file=file, answers={})
    services.hardship_survey(
        actor=owner,
        file=file,
        visited_on=D(2025, 9, 10),
        visitors=["李四", "王五"],
        findings="属实",
    )
    return file


def _publicizing(personas, tree):
    file = _surveyed(personas, tree)
    services.hardship_verify(
        actor=personas["district_admin"].access, file=file, category=Category.DEEP
    )
    services.hardship_publicize(
        actor=personas["owner"].access, file=file, starts_on=D(2025, 9, 26), place="公示栏"
    )
    return file


def test_it_takes_a_file_through_every_step_to_in_force(dibao, tree, personas):
    file = filed_file(personas, tree)

    assert file.status == FileStatus.FILED
    assert (file.filed_on, file.review_due_on) == (D(2025, 10, 10), D(2026, 10, 10))
    kinds = list(file.steps.values_list("kind", flat=True))
    assert kinds == ["submit", "check", "survey", "verify", "publicize", "file"]
    assert AuditEntry.objects.filter(action__startswith="assistance.file.").count() == 6


def test_it_counts_the_publicity_in_working_days_across_national_day(dibao, tree, personas):
    file = _publicizing(personas, tree)

    # 5 working days from Fri 26 Sep 2025: 26, Sun 28 (make-up day), 29, 30, then Thu 9 Oct
    # after the 1–8 October holiday.
    assert file.publicity_ends_on == D(2025, 10, 9)
    with pytest.raises(DomainError, match="公示期至2025-10-09，期满后方可建档"):
        services.hardship_file(
            actor=personas["district_admin"].access, file=file, filed_on=D(2025, 10, 9)
        )


def test_it_refuses_a_first_check_when_an_exclusion_item_applies(dibao, tree, personas):
    owner = personas["owner"].access
    item = ExclusionItem.objects.create(org_unit=tree.district, text="家庭拥有两套以上住房")
    file = apply_for(owner, tree)

    with pytest.raises(DomainError, match="请逐项核查排除性条件：家庭拥有两套以上住房"):
        services.hardship_check(actor=owner, file=file, answers={})
    with pytest.raises(DomainError, match="符合排除性条件"):
        services.hardship_check(actor=owner, file=file, answers={item.pk: True})
    services.hardship_check(actor=owner, file=file, answers={item.pk: False})

    assert file.steps.get(kind=StepKind.CHECK).answers == {"家庭拥有两套以上住房": False}


def test_it_checks_a_file_once(dibao, tree, personas):
    owner = personas["owner"].access
    file = apply_for(owner, tree)
    stale = type(file).objects.get(pk=file.pk)
    services.hardship_check(actor=owner, file=file, answers={})

    with pytest.raises(DomainError, match="只有已提交的申请可以初审（当前状态：初审通过）"):
        services.hardship_check(actor=owner, file=stale, answers={})
    assert file.steps.filter(kind=StepKind.CHECK).count() == 1


def test_it_needs_two_visitors_for_the_home_visit(dibao, tree, personas):
    owner = personas["owner"].access
    file = apply_for(owner, tree)
    services.hardship_check(actor=owner, file=file, answers={})

    with pytest.raises(DomainError, match="两名以上调查人员"):
        services.hardship_survey(
            actor=owner,
            file=file,
            visited_on=D(2025, 9, 10),
            visitors=["李四", "李四"],
            findings="x",
        )


@pytest.mark.parametrize("who", ["owner", "parent"])
def test_it_leaves_verification_to_a_county_level_centre(dibao, tree, personas, who):
    file = _surveyed(personas, tree)

    with pytest.raises(DomainError, match="县级以上工会帮扶中心"):
        services.hardship_verify(actor=personas[who].access, file=file, category=Category.DEEP)


def test_it_wants_a_reason_for_a_category_other_than_the_assessment(dibao, tree, personas):
    file = _surveyed(personas, tree)
    district = personas["district_admin"].access

    with pytest.raises(DomainError, match="请在审核意见中说明理由"):
        services.hardship_verify(actor=district, file=file, category=Category.RELATIVE)
    services.hardship_verify(
        actor=district, file=file, category=Category.RELATIVE, note="低保金额已计入"
    )

    assert file.category == Category.RELATIVE


def test_it_files_only_once_every_objection_is_resolved_and_none_upheld(dibao, tree, personas):
    file = _publicizing(personas, tree)
    owner, district = personas["owner"].access, personas["district_admin"].access
    objection = services.objection_record(
        actor=owner, file=file, received_on=D(2025, 9, 29), content="其家属经营商铺"
    )

    with pytest.raises(DomainError, match="尚未处理完毕"):
        services.hardship_file(actor=district, file=file, filed_on=D(2025, 10, 10))
    services.objection_resolve(
        actor=owner,
        objection=objection,
        upheld=True,
        resolution="经核实属实",
        resolved_on=D(2025, 9, 30),
    )
    with pytest.raises(DomainError, match="公示异议成立，不能建档，请退回"):
        services.hardship_file(actor=district, file=file, filed_on=D(2025, 10, 10))

    services.hardship_return(actor=owner, file=file, reason="公示异议成立：家属经营商铺")
    assert file.status == FileStatus.RETURNED
    assert file.return_reason == "公示异议成立：家属经营商铺"


def test_it_wants_a_reason_to_return_a_file(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    with pytest.raises(DomainError, match="请填写退回原因"):
        services.hardship_return(actor=personas["owner"].access, file=file, reason=" ")
    assert file.status == FileStatus.SUBMITTED


def test_it_resubmits_a_returned_file_assessed_again(dibao, tree, personas):
    from tests.assistance.conftest import application, family

    owner = personas["owner"].access
    file = apply_for(owner, tree)
    services.hardship_return(actor=owner, file=file, reason="缺少收入证明")
    values = application(annual_income=36000, rigid_expenses=0, family=family("36000", "0", "0"))

    services.hardship_resubmit(actor=personas["worker"].access, file=file, **values)

    assert file.status == FileStatus.SUBMITTED and file.return_reason == ""
    assert str(file.monthly_per_capita) == "1000.00"
    assert file.proposed_category == Category.RELATIVE  # at the 低保 line, not below it


def test_it_reviews_a_file_yearly_and_changes_its_category_with_a_note(dibao, tree, personas):
    file = filed_file(personas, tree)
    owner = personas["owner"].access

    with pytest.raises(DomainError, match="请填写复核意见"):
        services.hardship_review(
            actor=owner, file=file, reviewed_on=D(2026, 9, 1), category=Category.RELATIVE
        )
    services.hardship_review(
        actor=owner,
        file=file,
        reviewed_on=D(2026, 9, 1),
        category=Category.RELATIVE,
        note="子女就业",
    )

    assert (file.last_reviewed_on, file.review_due_on) == (D(2026, 9, 1), D(2027, 9, 1))
    assert file.steps.last().note == "类别由深度困难职工调整为相对困难职工；子女就业"


def test_it_removes_a_file_with_its_reason(dibao, tree, personas):
    file = filed_file(personas, tree)

    services.hardship_exit(
        actor=personas["owner"].access,
        file=file,
        kind=ExitKind.RETIRED,
        exited_on=D(2026, 1, 5),
        reason="本人退休",
    )

    assert (file.status, file.exited_on) == (FileStatus.REMOVED, D(2026, 1, 5))
    assert file.steps.last().note == "退休：本人退休"


def test_it_refuses_an_outsider_every_step(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.hardship_check(actor=personas["sibling"].access, file=file, answers={})
    with pytest.raises(DomainError, match="无权办理"):
        services.hardship_return(actor=personas["worker"].access, file=file, reason="x")
