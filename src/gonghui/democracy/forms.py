"""Forms of democratic management. Plain forms: the services check the rules and save.

Select boxes offer only units and enterprises inside the actor's scope.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q

from gonghui.core.access import Access
from gonghui.core.forms import DateInput, Form
from gonghui.core.rules import rule
from gonghui.democracy import services, services_sessions
from gonghui.democracy.choices import (
    Channel,
    CongressForm,
    CongressScope,
    Frequency,
    RepCategory,
    SeatKind,
)
from gonghui.democracy.models import Board, Congress, Representative, Session
from gonghui.democracy.rules import fraction_label
from gonghui.democracy.selectors import enterprise_choices
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import orgunits_for

CONGRESS_MESSAGE_FIELDS = {
    "职代会每届任期应为3至5年": "term_years",
    "一线职工、管理人员、女代表人数均不能超过代表总数": "representatives_total",
    "本届开始日期不能早于建立日期": "term_started_on",
}
SESSION_MESSAGE_FIELDS = {"实到代表数不能超过应到代表数": "present"}


class EnterpriseMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Enterprise) -> str:
        return f"{obj.name}（职工{obj.employees_total}人）"


class EnterpriseField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enterprise) -> str:
        return obj.name


def _int(label: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, **kwargs)


class CongressEditForm(Form):
    org_unit = UnitChoiceField(
        label="组织工会",
        queryset=OrgUnit.objects.none(),
        empty_label="请选择",
        help_text="负责召集职代会的基层工会；联合职代会可由联合工会或街道总工会组织",
    )
    scope = forms.ChoiceField(label="覆盖范围", choices=CongressScope.choices)
    enterprises = EnterpriseMultipleField(
        label="覆盖单位",
        queryset=Enterprise.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="单一企业选一家；区域性、行业性联合职代会选两家及以上（按住 Ctrl 多选）",
    )
    name = forms.CharField(label="名称", max_length=200, required=False, help_text="留空自动生成")
    form = forms.ChoiceField(
        label="形式",
        choices=CongressForm.choices,
        help_text="",  # the configured threshold, set in __init__
    )
    established_on = forms.DateField(label="建立日期", widget=DateInput())
    term_started_on = forms.DateField(
        label="本届开始日期", widget=DateInput(), required=False, help_text="留空则同建立日期"
    )
    term_years = forms.IntegerField(label="每届年限", initial=3, help_text="3至5年")
    representatives_total = _int("代表总数", initial=0)
    frontline_count = _int("一线职工代表数", initial=0)
    managers_count = _int(
        "管理人员及领导人员代表数", initial=0, help_text="一般不超过代表总数的20%"
    )
    women_count = _int("女代表数", initial=0)

    COUNT_FIELDS = ("representatives_total", "frontline_count", "managers_count", "women_count")

    def __init__(self, *args, access: Access, congress: Congress | None = None, **kwargs):
        if congress is not None:
            kwargs.setdefault("initial", self.initial_of(congress))
        super().__init__(*args, **kwargs)
        unit = congress.org_unit if congress else None
        threshold = rule("congress_staff_threshold", unit=unit)
        minimum = rule("congress_rep_minimum", unit=unit)
        share = rule("congress_rep_share", unit=unit).normalize()
        self.fields[
            "form"
        ].help_text = f"职工{threshold}人以上一般建立职工代表大会，不足{threshold}人召开职工大会"
        self.fields[
            "representatives_total"
        ].help_text = f"职工代表大会代表不少于全体职工的{share:f}%，且不少于{minimum}人"
        keep_units = Q(pk=congress.org_unit_id) if congress else Q(pk__in=[])
        self.fields["org_unit"].queryset = (
            OrgUnit.objects.filter(
                Q(pk__in=orgunits_for(access).values("pk"), status=OrgStatus.ACTIVE) | keep_units
            )
            .exclude(kind=OrgKind.GROUP)
            .order_by("path")
        )
        keep = Q(pk__in=congress.enterprises.values("pk")) if congress else Q(pk__in=[])
        self.fields["enterprises"].queryset = Enterprise.objects.filter(
            Q(pk__in=enterprise_choices(access).values("pk")) | keep
        ).order_by("name")
        if congress is not None and congress.representatives.filter(active=True).exists():
            for name in self.COUNT_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "已登记代表名单，按名单自动统计"

    service_fields = (*sorted(services.CONGRESS_FIELDS), "enterprises")

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["name"] = data["name"].strip()
        for name in self.COUNT_FIELDS:
            if self.fields[name].disabled:
                data.pop(name)
        return data


class RepresentativeForm(Form):
    name = forms.CharField(label="姓名", max_length=50)
    category = forms.ChoiceField(label="代表类别", choices=RepCategory.choices)
    is_woman = forms.BooleanField(label="女代表", required=False)
    department = forms.CharField(label="所在单位/部门", max_length=100, required=False)
    active = forms.BooleanField(label="在任", required=False, initial=True)

    def __init__(self, *args, representative: Representative | None = None, **kwargs):
        if representative is not None:
            kwargs.setdefault("initial", {f: getattr(representative, f) for f in self.base_fields})
        super().__init__(*args, **kwargs)
        if representative is None:
            del self.fields["active"]


class SessionForm(Form):
    title = forms.CharField(
        label="会议名称", max_length=200, required=False, help_text="留空自动生成"
    )
    held_on = forms.DateField(label="召开日期", widget=DateInput())
    representatives_total = forms.IntegerField(
        label="应到代表数", min_value=1, help_text="默认取职代会当前代表总数"
    )
    present = _int("实到代表数", help_text="须达到应到代表的三分之二，会议方为有效")
    agenda = forms.CharField(label="议程", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reported_on = forms.DateField(
        label="报告上级日期",
        widget=DateInput(),
        required=False,
        help_text="",  # the configured limit, set in __init__
    )

    FIELDS = ("title", "held_on", "representatives_total", "present", "agenda", "reported_on")

    def __init__(self, *args, congress: Congress, session: Session | None = None, **kwargs):
        if session is not None:
            kwargs.setdefault("initial", {f: getattr(session, f) for f in self.FIELDS})
        else:
            kwargs.setdefault(
                "initial",
                {"representatives_total": services_sessions.expected_attendance(congress)},
            )
        super().__init__(*args, **kwargs)
        days = rule("congress_report_workdays", unit=congress.org_unit)
        self.fields["reported_on"].help_text = f"会后{days}个工作日内报告上级工会"
        if congress.form == CongressForm.GENERAL:
            self.fields["representatives_total"].label = "应到人数"
            self.fields["representatives_total"].help_text = "职工大会以全体职工为应到人数"


class ResolutionForm(Form):
    title = forms.CharField(
        label="决议事项", max_length=200, widget=forms.TextInput(attrs={"size": 40})
    )
    votes_for = _int("赞成", initial=0)
    votes_against = _int("反对", initial=0)
    votes_abstain = _int("弃权", initial=0)


class EvaluationForm(Form):
    cadre_name = forms.CharField(label="被评议干部", max_length=50)
    position = forms.CharField(label="职务", max_length=100, required=False)
    satisfied = _int("满意", initial=0)
    basically = _int("基本满意", initial=0)
    unsatisfied = _int("不满意", initial=0)


ResolutionFormSet = forms.formset_factory(ResolutionForm, extra=2)
EvaluationFormSet = forms.formset_factory(EvaluationForm, extra=1)


def formset_rows(formset) -> list[dict]:
    """The filled rows of a formset (blank extra rows and deleted ones skipped)."""
    return [f.cleaned_data for f in formset.forms if f.has_changed() and f.cleaned_data]


class ReportForm(Form):
    reported_on = forms.DateField(label="报告上级日期", widget=DateInput())


class DisclosureForm(Form):
    enterprise = EnterpriseField(
        label="用人单位", queryset=Enterprise.objects.none(), empty_label="请选择"
    )
    established_on = forms.DateField(label="建立日期", widget=DateInput())
    active = forms.BooleanField(label="运行中", required=False, initial=True)

    def __init__(self, *args, access: Access, disclosure=None, **kwargs):
        if disclosure is not None:
            kwargs.setdefault(
                "initial",
                {"established_on": disclosure.established_on, "active": disclosure.active},
            )
        super().__init__(*args, **kwargs)
        if disclosure is not None:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprise_choices(access)


class DisclosureItemForm(Form):
    content = forms.CharField(label="公开内容", max_length=200)
    frequency = forms.ChoiceField(label="公开频次", choices=Frequency.choices)
    channel = forms.ChoiceField(label="公开形式", choices=Channel.choices)


DisclosureItemFormSet = forms.formset_factory(DisclosureItemForm, extra=3)


class BoardSeatForm(Form):
    enterprise = EnterpriseField(
        label="用人单位", queryset=Enterprise.objects.none(), empty_label="请选择"
    )
    kind = forms.ChoiceField(label="类别", choices=SeatKind.choices)
    name = forms.CharField(label="姓名", max_length=50)
    since = forms.DateField(label="任职日期", widget=DateInput())

    def __init__(self, *args, access: Access, fixed_enterprise: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_enterprise:  # added from a company's board page: the company is given
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprise_choices(access)


def _size(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, initial=0, help_text=help_text)


class BoardForm(Form):
    """A company's 董事会 and 监事会 sizes (board_save); the company is fixed once recorded."""

    enterprise = EnterpriseField(
        label="用人单位", queryset=Enterprise.objects.none(), empty_label="请选择"
    )
    board_size = _size("董事会成员数", "未设董事会的填0")
    supervisory_size = _size("监事会成员数", "")  # the rule, set in __init__

    service_fields = ("board_size", "supervisory_size")

    def __init__(self, *args, access: Access, board: Board | None = None, **kwargs):
        if board is not None:
            kwargs.setdefault("initial", self.initial_of(board))
        super().__init__(*args, **kwargs)
        self.board = board
        unit = (board.enterprise.union or board.enterprise.region) if board else None
        threshold = rule("board_staff_director_threshold", unit=unit)
        denominator = rule("supervisor_staff_share_denominator", unit=unit)
        self.fields["board_size"].help_text = (
            f"未设董事会的填0；职工{threshold}人以上的公司，董事会中应当有职工代表"
            "（《公司法》第六十八条）"
        )
        self.fields["supervisory_size"].help_text = (
            f"未设监事会的填0；监事会成员不少于3人，其中职工代表不少于"
            f"{fraction_label(denominator)}（《公司法》第七十六条）"
        )
        if board is not None:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprise_choices(access)

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["enterprise"] = (
            self.board.enterprise if self.board is not None else self.cleaned_data["enterprise"]
        )
        return data


class SeatEndForm(Form):
    until = forms.DateField(label="离任日期", widget=DateInput())
