"""REST API for people (会员/职工) and memberships (会籍): scoped reads, writes via services."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django_filters import rest_framework as filters

from gonghui.core.api_views import (
    PersonalSearchMixin,
    RecordStep,
    ScopedViewSet,
    reveal_action,
)
from gonghui.core.audit import client_ip
from gonghui.core.roles import Perm
from gonghui.members import services
from gonghui.members.api_serializers import (
    IdNumberSerializer,
    LeaveSerializer,
    MembershipSerializer,
    MembershipUpdateSerializer,
    PersonCreateSerializer,
    PersonSerializer,
    TransferSerializer,
)
from gonghui.members.models import Education, Gender, Membership, MembershipStatus, Person
from gonghui.members.selectors import (
    memberships_for,
    people_for,
    reveal_id_number,
    search_people,
)

NO_MEMBERSHIP = "none"


def latest_membership_status():
    return Subquery(
        Membership.objects.filter(person=OuterRef("pk"))
        .order_by("-joined_on", "-pk")
        .values("status")[:1]
    )


# --- people ----------------------------------------------------------------------------------


class PersonFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        label="搜索（姓名、拼音首字母如 zs；完整手机号或身份证号请用 POST search/）",
    )
    union = filters.NumberFilter(field_name="current_union_id", label="所在工会 ID")
    employer = filters.NumberFilter(field_name="employer_id", label="工作单位 ID")
    gender = filters.ChoiceFilter(choices=Gender.choices, label="性别")
    education = filters.ChoiceFilter(choices=Education.choices, label="学历")
    is_migrant_worker = filters.BooleanFilter(label="农民工")
    is_new_form = filters.BooleanFilter(label="新就业形态")
    membership_status = filters.ChoiceFilter(
        choices=[*MembershipStatus.choices, (NO_MEMBERSHIP, "未入会")],
        method="filter_membership_status",
        label="会籍状态（最近一次会籍）",
    )

    class Meta:
        model = Person
        fields = [
            "search",
            "union",
            "employer",
            "gender",
            "education",
            "is_migrant_worker",
            "is_new_form",
            "membership_status",
        ]

    def filter_search(self, queryset, name, value):
        return search_people(queryset, value)

    def filter_membership_status(self, queryset, name, value):
        if value == NO_MEMBERSHIP:
            return queryset.filter(membership_status__isnull=True)
        return queryset.filter(membership_status=value)


class MembersViewSet(PersonalSearchMixin, ScopedViewSet):
    """People and memberships: read with ``VIEW_MEMBERS`` (a worker their own rows), written
    with ``EDIT_MEMBERS``."""

    read_perm = Perm.VIEW_MEMBERS
    write_perm = Perm.EDIT_MEMBERS
    self_perm = Perm.SELF_SERVICE


class PersonViewSet(MembersViewSet):
    """会员（职工）：身份证号只以脱敏形式返回；完整号码须单独查看并留痕。"""

    serializer_class = PersonSerializer
    create_serializer_class = PersonCreateSerializer
    filterset_class = PersonFilter
    selector = people_for
    create_service = services.member_register
    update_service = (services.person_update, "person")
    ordering_fields = ["name", "name_initials", "birth_date", "created_at"]
    ordering = ["name_initials", "pk"]

    def decorate_queryset(self, queryset):
        return queryset.annotate(membership_status=latest_membership_status())

    @reveal_action(
        IdNumberSerializer,
        summary="查看完整身份证号",
        description="返回未脱敏的身份证号；每次查看都记入操作日志。无权查看的角色返回 403。",
        forbidden="角色无权查看完整身份证号",
    )
    def id_number(self, request, person):
        ip = client_ip(request)
        return {"id_number": reveal_id_number(access=request.access, person=person, ip=ip)}


# --- memberships -----------------------------------------------------------------------------


class MembershipFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        label="搜索会员（姓名、拼音首字母；完整手机号或身份证号请用 POST search/）",
    )
    person = filters.NumberFilter(field_name="person_id", label="会员 ID")
    union = filters.NumberFilter(field_name="union_id", label="工会 ID")
    status = filters.ChoiceFilter(choices=MembershipStatus.choices, label="状态")
    joined_after = filters.DateFilter(field_name="joined_on", lookup_expr="gte", label="入会日期起")
    joined_before = filters.DateFilter(
        field_name="joined_on", lookup_expr="lte", label="入会日期止"
    )

    class Meta:
        model = Membership
        fields = ["search", "person", "union", "status", "joined_after", "joined_before"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(person__in=search_people(Person.objects.all(), value))


class MembershipViewSet(MembersViewSet):
    """会籍：入会、修改会员证号、会员关系接转、退会；历史会籍永久保留。"""

    serializer_class = MembershipSerializer
    update_serializer_class = MembershipUpdateSerializer
    filterset_class = MembershipFilter
    selector = memberships_for
    create_service = services.member_join
    update_service = (services.membership_update, "membership")
    ordering_fields = ["joined_on", "ended_on", "created_at"]
    ordering = ["-joined_on", "-pk"]

    transfer = RecordStep(
        services.member_transfer,
        TransferSerializer,
        created=True,
        summary="会员关系接转",
        description="原会籍记为“已转出”，在转入工会新建在册会籍；转入工会可以是任一正常状态的"
        "基层工会或联合基层工会（不限于本单位管辖范围）。返回新会籍。",
    )
    leave = RecordStep(services.member_leave, LeaveSerializer, summary="退会")


ROUTES = [
    ("members", PersonViewSet, "member"),
    ("memberships", MembershipViewSet, "membership"),
]
