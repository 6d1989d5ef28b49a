"""The member list (会员名册): columns, filters, pinyin/ID/phone search, masked export."""

from __future__ import annotations

import django_filters
from django.db.models import OuterRef, QuerySet, Subquery

from gonghui.core.audit import register_action_labels
from gonghui.core.encrypted import shown
from gonghui.core.tables import Column, Table, UnitFilter, choice_filter, flag_filter, unit_column
from gonghui.members.models import Education, Gender, Membership, MembershipStatus, Person
from gonghui.members.selectors import search_people

UNMASKED = "unmasked"

register_action_labels({"members.person.exported_unmasked": "导出会员名册（含完整身份证号）"})


def with_membership_status(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """The status of each person's latest membership, as one correlated subquery."""
    latest = Membership.objects.filter(person=OuterRef("pk")).order_by("-joined_on", "-pk")
    return queryset.annotate(membership_status=Subquery(latest.values("status")[:1]))


def _status_label(person: Person) -> str:
    value = getattr(person, "membership_status", None)
    return MembershipStatus(value).label if value else "未入会"


class PersonFilter(django_filters.FilterSet):
    union = UnitFilter("所在工会", field_name="current_union")
    status = choice_filter("会籍状态", MembershipStatus.choices, field_name="membership_status")
    migrant = flag_filter("农民工", "is_migrant_worker")
    new_form = flag_filter("新就业形态", "is_new_form")
    gender = choice_filter("性别", Gender.choices)
    education = choice_filter("学历", Education.choices)


class PersonTable(Table):
    title = "会员名册"
    row_url_name = "members:person_detail"
    filterset_class = PersonFilter
    search_placeholder = "姓名、拼音首字母（如 zs）、手机号或完整身份证号"
    default_sort = "name_initials"
    empty_text = "暂无会员"

    def __init__(self, queryset, params, *, access=None):
        # Plain for roles with VIEW_PII (or a worker's own row), masked for read-only roles.
        phone = Column("phone", "手机号", value=lambda p: shown(access, p, "phone"))
        self.columns = [
            Column("name", "姓名", sort="name_initials", link=True),
            Column("gender", "性别", sort="gender"),
            Column("id_masked", "身份证号"),
            phone,
            Column("employer.name", "工作单位", sort="employer__name"),
            unit_column("所在工会", key="current_union"),
            Column("membership_status", "会籍状态", sort="membership_status", value=_status_label),
            Column("is_migrant_worker", "农民工", sort="is_migrant_worker"),
            Column("is_new_form", "新就业形态", sort="is_new_form"),
        ]
        super().__init__(with_membership_status(queryset), params, access=access)

    def search(self, queryset, query):
        return search_people(queryset, query)

    def export_columns(self, variant: str = "") -> list[Column]:
        columns = super().export_columns(variant)
        if variant != UNMASKED:
            return columns
        full = Column("id_number", "身份证号", value=lambda p: p.id_number)
        return [full if c.key == "id_masked" else c for c in columns]
