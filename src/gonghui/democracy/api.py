"""REST API of democratic management: congresses, sessions (with resolutions and 民主评议
read nested, written as lists) and 厂务公开. Scoped reads, writes through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from gonghui.core.api_fields import FixedOnUpdate, ProvisionalField, ScopedRelatedField, scoped_ref
from gonghui.core.api_views import RecordStep, WorkViewSet
from gonghui.democracy import services, services_sessions
from gonghui.democracy.choices import Channel, Frequency, SeatKind
from gonghui.democracy.models import (
    Board,
    BoardSeat,
    CadreEvaluation,
    Congress,
    Disclosure,
    DisclosureItem,
    Resolution,
    Session,
)
from gonghui.democracy.selectors import (
    board_seats_for,
    boards_for,
    congresses_for,
    disclosures_for,
    enterprise_choices,
    last_held_on,
    sessions_for,
    with_congress_stats,
)
from gonghui.democracy.services_boards import board_state
from gonghui.democracy.tables import not_met_recently
from gonghui.orgs.api import unit_field
from gonghui.orgs.models import Enterprise


def _enterprise_field(**kwargs) -> ScopedRelatedField:
    return scoped_ref(enterprise_choices, "用人单位", Enterprise, **kwargs)


class CongressSerializer(serializers.ModelSerializer):
    org_unit = unit_field("组织工会")
    enterprises = _enterprise_field(many=True)
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    scope_display = serializers.CharField(source="get_scope_display", read_only=True)
    warnings = serializers.SerializerMethodField(help_text="形式与规模、代表人数、代表构成的提示")
    staff_total = serializers.SerializerMethodField(help_text="覆盖单位职工人数合计")
    representatives_required = serializers.SerializerMethodField(
        help_text="按《企业民主管理规定》第二十一条应有的代表人数（职工大会为空）"
    )
    representatives_short = serializers.SerializerMethodField(
        help_text="职工代表大会代表人数少于应有人数"
    )
    last_held_on = serializers.SerializerMethodField(help_text="最近一次会议召开日期")
    not_met_recently = serializers.SerializerMethodField(
        help_text="运行中且规定月数（默认12个月）内未召开会议"
    )

    class Meta:
        model = Congress
        fields = [
            "id",
            "name",
            "org_unit",
            "scope",
            "scope_display",
            "enterprises",
            "form",
            "form_display",
            "established_on",
            "term_started_on",
            "term_years",
            "term_ends_on",
            "representatives_total",
            "frontline_count",
            "managers_count",
            "women_count",
            "status",
            "warnings",
            "staff_total",
            "representatives_required",
            "representatives_short",
            "last_held_on",
            "not_met_recently",
        ]
        read_only_fields = ["term_ends_on", "status"]
        extra_kwargs = {
            "name": {"required": False},
            "term_started_on": {"required": False},
            # The 3–5 rule is the service's; the serializer must not pre-empt its message.
            "term_years": {"validators": []},
        }
        validators: list = []

    def get_warnings(self, congress: Congress) -> list[str]:
        return services.congress_warnings(congress)

    def get_staff_total(self, congress: Congress) -> int:
        return services.congress_size(congress)["staff"]

    def get_representatives_required(self, congress: Congress) -> int | None:
        return services.congress_size(congress)["required"]

    def get_representatives_short(self, congress: Congress) -> bool:
        return services.congress_size(congress)["short"]

    def get_last_held_on(self, congress: Congress) -> dt.date | None:
        return last_held_on(congress)

    def get_not_met_recently(self, congress: Congress) -> bool:
        return not_met_recently(congress)


class CongressViewSet(WorkViewSet):
    """职代会：组织工会及覆盖单位属地范围内的职代会；写入经业务规则校验。"""

    serializer_class = CongressSerializer
    selector = congresses_for
    ordering = ["-established_on", "pk"]

    def decorate_queryset(self, queryset):
        queryset = queryset.select_related("org_unit").prefetch_related("enterprises")
        return with_congress_stats(queryset, year=timezone.localdate().year)

    create_service = services.congress_create
    update_service = (services.congress_update, "congress")


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["id", "title", "votes_for", "votes_against", "votes_abstain", "passed"]
        read_only_fields = ["passed"]


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = CadreEvaluation
        fields = ["id", "cadre_name", "position", "satisfied", "basically", "unsatisfied"]


class SessionSerializer(FixedOnUpdate, serializers.ModelSerializer):
    congress = scoped_ref(congresses_for, "职代会", Congress)
    resolutions = ResolutionSerializer(many=True, required=False)
    evaluations = EvaluationSerializer(many=True, required=False)
    report_state = serializers.SerializerMethodField(
        help_text="reported 已按期报告 / late 逾期后报告 / overdue 逾期未报告 / pending 待报告"
    )
    report_due_provisional = ProvisionalField(
        "held_on",
        "report_due",
        help_text="报告期限跨越尚未公布放假安排的年份（暂定，公布后重新计算）",
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "congress",
            "title",
            "held_on",
            "representatives_total",
            "present",
            "quorum_met",
            "agenda",
            "report_due",
            "report_limit_days",
            "report_due_provisional",
            "reported_on",
            "report_state",
            "after_term",
            "resolutions",
            "evaluations",
        ]
        read_only_fields = ["quorum_met", "report_due", "report_limit_days", "after_term"]
        extra_kwargs = {
            "title": {"required": False},
            "representatives_total": {"required": False},
        }
        validators: list = []

    fixed = {"congress": "会议所属职代会不能修改"}

    def get_report_state(self, session: Session) -> str:
        return services_sessions.report_state(session, timezone.localdate())


class SessionViewSet(WorkViewSet):
    """职代会会议：含决议（通过与否由系统按全体代表过半数判定）与民主评议干部结果。"""

    serializer_class = SessionSerializer
    selector = sessions_for
    ordering = ["-held_on", "pk"]

    prefetch = ("resolutions", "evaluations")

    create_service = services_sessions.session_create
    update_service = (services_sessions.session_update, "session")


class DisclosureItemSerializer(serializers.ModelSerializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)

    class Meta:
        model = DisclosureItem
        fields = ["content", "frequency", "channel"]


class DisclosureSerializer(FixedOnUpdate, serializers.ModelSerializer):
    enterprise = _enterprise_field()
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    items = DisclosureItemSerializer(many=True, required=False)

    class Meta:
        model = Disclosure
        fields = ["id", "enterprise", "enterprise_name", "established_on", "active", "items"]
        validators: list = []

    fixed = {"enterprise": "厂务公开所属单位不能修改"}


class DisclosureViewSet(WorkViewSet):
    """厂务公开：每家单位一条，含公开事项、频次与形式（修改时整体替换事项）。"""

    serializer_class = DisclosureSerializer
    selector = disclosures_for
    ordering = ["enterprise__name", "pk"]

    prefetch = ("items",)

    create_service = services.disclosure_save
    update_service = (services.disclosure_save, "disclosure")
    update_keeps = ("enterprise", "established_on", "active", "items")

    def kept_value(self, instance, name):
        if name == "items":  # the items as the service takes them (it replaces them all)
            return list(instance.items.values("content", "frequency", "channel"))
        return super().kept_value(instance, name)


class BoardSerializer(FixedOnUpdate, serializers.ModelSerializer):
    enterprise = _enterprise_field()
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    staff = serializers.IntegerField(
        source="enterprise.employees_total", read_only=True, help_text="用人单位职工人数"
    )
    staff_directors = serializers.SerializerMethodField(help_text="今日在任职工董事人数")
    staff_supervisors = serializers.SerializerMethodField(help_text="今日在任职工监事人数")
    quota_met = serializers.SerializerMethodField(
        help_text="职工董事、职工监事配额达标（《公司法》第六十八条、第七十六条）"
    )
    quota_warnings = serializers.SerializerMethodField(
        help_text="配额未达标的提示（引用《公司法》条文），达标时为空"
    )

    class Meta:
        model = Board
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "board_size",
            "supervisory_size",
            "staff",
            "staff_directors",
            "staff_supervisors",
            "quota_met",
            "quota_warnings",
        ]
        extra_kwargs = {
            # The count checks are the service's; it names the field in Chinese.
            "board_size": {"validators": [], "required": True},
            "supervisory_size": {"validators": [], "required": True},
        }
        validators: list = []

    fixed = {"enterprise": "董事会、监事会所属单位不能修改"}

    def _state(self, board: Board) -> dict:
        cache = self.context.setdefault("board_states", {})
        if board.pk not in cache:
            cache[board.pk] = board_state(board)
        return cache[board.pk]

    def get_staff_directors(self, board: Board) -> int:
        return self._state(board)["staff_directors"]

    def get_staff_supervisors(self, board: Board) -> int:
        return self._state(board)["staff_supervisors"]

    def get_quota_met(self, board: Board) -> bool:
        return self._state(board)["quota_met"]

    def get_quota_warnings(self, board: Board) -> list[str]:
        return self._state(board)["warnings"]


class BoardViewSet(WorkViewSet):
    """董事会、监事会：每家公司一条，记录成员数；职工董事、职工监事配额按《公司法》第六十八条、
    第七十六条检查（quota_met、quota_warnings）。"""

    serializer_class = BoardSerializer
    selector = boards_for
    ordering = ["enterprise__name", "pk"]
    create_service = services.board_save
    update_service = (services.board_save, "board")
    update_keeps = ("enterprise", "board_size", "supervisory_size")

    def fresh(self, obj):
        # Re-read after a write: the representation counts the seats as of now.
        return Board.objects.select_related("enterprise").get(pk=obj.pk)


class BoardSeatSerializer(serializers.ModelSerializer):
    enterprise = _enterprise_field()
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    kind = serializers.ChoiceField(choices=SeatKind.choices)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = BoardSeat
        fields = ["id", "enterprise", "enterprise_name", "kind", "kind_display", "name", "since"]
        fields += ["until"]
        read_only_fields = ["until"]
        validators: list = []


class SeatEndSerializer(serializers.Serializer):
    until = serializers.DateField(label="离任日期")


class BoardSeatViewSet(WorkViewSet):
    """职工董事、职工监事：登记任职，离任经 end/ 登记（任职记录保留，不能删除）。"""

    serializer_class = BoardSeatSerializer
    selector = board_seats_for
    ordering = ["enterprise__name", "kind", "-since", "pk"]
    create_service = services.board_seat_add

    end = RecordStep(services.board_seat_end, SeatEndSerializer, keyword="seat", summary="登记离任")


ROUTES = [
    ("congresses", CongressViewSet, "congress"),
    ("congress-sessions", SessionViewSet, "congress-session"),
    ("disclosures", DisclosureViewSet, "disclosure"),
    ("boards", BoardViewSet, "board"),
    ("board-seats", BoardSeatViewSet, "board-seat"),
]
