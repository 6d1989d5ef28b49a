"""List pages of 就业服务 (core.tables machinery): job seekers, placements, trainings and job
fairs; the same columns make the .xlsx."""

from __future__ import annotations

import django_filters

from gonghui.assistance.models import JobSeeker
from gonghui.assistance.models.employment import SeekerStatus, TrainingKind
from gonghui.core.tables import (
    YES_NO,
    Column,
    Table,
    UnitFilter,
    choice_filter,
    date_column,
    number_column,
    status_column,
    unit_column,
)

STATUS_CLASS = {SeekerStatus.SEEKING: "warn", SeekerStatus.PLACED: "ok", SeekerStatus.LEFT: ""}


def _source(seeker: JobSeeker) -> str:
    if seeker.file_id:
        return "困难家庭"
    return "会员" if seeker.person_id else "其他"


class SeekerFilter(django_filters.FilterSet):
    status = choice_filter("状态", SeekerStatus.choices)
    household = choice_filter("困难家庭", YES_NO, method="filter_household")
    org_unit = UnitFilter("登记工会")

    def filter_household(self, queryset, name, value):
        return queryset.filter(file__isnull=value != "1")


class SeekerTable(Table):
    title = "求职登记"
    columns = [
        Column("name", "姓名", sort="name", link=True),
        Column(
            "id_masked", "身份证号", value=lambda s: s.person.id_masked if s.person else s.id_masked
        ),
        Column("source", "类别", value=_source),
        unit_column("登记工会"),
        date_column("registered_on", "登记日期"),
        Column("wanted_job", "求职意向"),
        status_column(STATUS_CLASS),
    ]
    filterset_class = SeekerFilter
    search_fields = ["name", "wanted_job"]
    search_placeholder = "姓名、求职意向或完整身份证号"
    default_sort = "-registered_on"


class PlacementTable(Table):
    title = "就业安置"
    columns = [
        Column("seeker.name", "姓名", sort="seeker__name", link=True),
        Column("employer_name", "用人单位", sort="employer_name"),
        Column("job", "岗位"),
        date_column("placed_on", "就业日期"),
        number_column("monthly_wage", "月工资（元）"),
        Column("fair.title", "招聘会"),
        unit_column("登记工会"),
    ]
    filters = {"org_unit": UnitFilter("登记工会")}
    search_fields = ["seeker__name", "employer_name", "job"]
    search_placeholder = "姓名、用人单位、岗位"
    default_sort = "-placed_on"


class TrainingTable(Table):
    title = "就业培训"
    columns = [
        Column("title", "培训名称", sort="title", link=True),
        Column("kind", "培训类型", sort="kind"),
        unit_column("举办工会"),
        date_column("starts_on", "开始日期"),
        date_column("ends_on", "结束日期"),
        number_column("hours", "课时"),
        number_column("enrolled", "报名人数"),
        number_column("completed", "结业人数"),
    ]
    filters = {
        "kind": choice_filter("培训类型", TrainingKind.choices),
        "org_unit": UnitFilter("举办工会"),
    }
    search_fields = ["title", "provider", "place"]
    search_placeholder = "培训名称、机构、地点"
    default_sort = "-starts_on"


class FairTable(Table):
    title = "招聘会"
    columns = [
        Column("title", "招聘会名称", sort="title", link=True),
        date_column("held_on", "举办日期"),
        Column("place", "举办地点"),
        unit_column("举办工会"),
        number_column("employers", "参会企业数"),
        number_column("positions", "提供岗位数"),
        number_column("attendance", "入场人数"),
        number_column("registered", "登记求职者"),
        number_column("placed", "达成就业"),
    ]
    filters = {"org_unit": UnitFilter("举办工会")}
    search_fields = ["title", "place"]
    search_placeholder = "招聘会名称、地点"
    default_sort = "-held_on"
