"""医疗互助参保名单导入: a grassroots union uploads the people it enrols in a scheme (姓名,
身份证号, 份数). Every row is checked (the person on the union's roster, the name matching the
身份证号, the shares within the scheme's limit, no one twice, no one enrolled already); only a
file without errors is written, through services.mutual_group_enrol, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404

from gonghui.assistance.models import MutualEnrolment, MutualScheme
from gonghui.assistance.selectors_mutual import get_scheme_for, schemes_for
from gonghui.assistance.services.mutual import mutual_group_enrol
from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.jobs import register_importer
from gonghui.core.imports.runner import Importer, Outcome, Row, run_import
from gonghui.core.imports.views import ImportForm
from gonghui.core.roles import Perm
from gonghui.core.validators import mask_id_number
from gonghui.members.models import Membership, MembershipStatus
from gonghui.members.selectors import find_person_by_id_number
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for


def _shares(value: Any) -> int | None:
    try:
        return cells.parse_int(value, minimum=1)
    except cells.CellError as exc:
        raise cells.CellError("份数应为不小于1的整数") from exc


def _id_text(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise cells.CellError("身份证号请以文本格式填写（数字格式会丢失末尾几位）")
    return cells.cell_text(value).upper()


SPEC = Spec(
    sheet="参保名单",
    columns=(
        Column("name", "姓名", True, "必填，与会员名册一致", example="张三"),
        Column(
            "id_number",
            "身份证号",
            True,
            "必填，须为本工会在册会员",
            synonyms=("公民身份号码",),
            parser=_id_text,
            example="110105199001011234",
            text_format=True,
            mask=mask_id_number,
        ),
        Column("shares", "份数", help="选填，默认1份", parser=_shares, example="1"),
    ),
    help_lines=("文件中任何一行有误，整个文件都不会导入；系统会列出每个错误的行号、列名和原因。",),
)


def enrolling_unions_for(access: Access):
    return orgunits_for(access).filter(kind=OrgKind.GRASSROOTS)


class EnrolmentImportForm(ImportForm):
    scheme = forms.ModelChoiceField(
        queryset=MutualScheme.objects.none(), label="互助方案", empty_label="请选择互助方案"
    )
    union = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), label="参保单位工会", empty_label="请选择工会"
    )
    field_order = ["scheme", "union", "file"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self.fields["scheme"].queryset = schemes_for(access)
        unions = enrolling_unions_for(access).order_by("path")
        self.fields["union"].queryset = unions
        if access.unit is not None and unions.filter(pk=access.unit.pk).exists():
            self.fields["union"].initial = access.unit.pk

    def options(self) -> dict:
        return {"scheme": self.cleaned_data["scheme"].pk, "union": self.cleaned_data["union"].pk}


class EnrolmentImporter(Importer):
    name = "assistance.mutual"
    title = "医疗互助参保名单导入"
    file_label = "参保名单文件"
    spec = SPEC
    template_filename = "医疗互助参保名单模板.xlsx"
    noun = "参保人员"
    perm = Perm.EDIT_WORK
    listing = ("团体参保", "assistance:group_list")
    form_class = EnrolmentImportForm
    intro = (
        "请先选择互助方案和参保单位工会，下载导入模板，在“参保名单”工作表中逐行填写后上传。",
        "系统逐行校验：身份证号须为该工会在册会员且姓名一致、份数不超过方案上限、文件内不重复、"
        "未参加过本方案；并按方案核对参加期和团体参保比例。",
    )

    @property
    def upload_url(self) -> str:
        return "assistance:enrolment_import"

    @property
    def template_url(self) -> str:
        return "assistance:enrolment_import_template"

    def success_message(self, job) -> str:
        return f"已导入 {job.params.get('created', 0)} 名参保人员"

    def run(
        self,
        *,
        access: Access,
        file: Any,
        options: dict[str, Any],
        progress: Callable[[int], None] | None = None,
        job: Any = None,
    ) -> Outcome:
        try:
            scheme = get_scheme_for(access, options.get("scheme"))
        except Http404:
            return Outcome(problem="未找到该互助方案，或不在您的管辖范围内")
        union = enrolling_unions_for(access).filter(pk=options.get("union")).first()
        if union is None:
            return Outcome(problem="只能为您管辖范围内的基层工会导入参保名单")
        bound = BoundImport(scheme, union, options.get("enrolled_on"))
        return run_import(bound, access=access, file=file, progress=progress)


class BoundImport(EnrolmentImporter):
    """One run of the import, for one scheme and one union."""

    def __init__(self, scheme: MutualScheme, union: OrgUnit, enrolled_on: Any = None):
        self.scheme, self.union, self.enrolled_on = scheme, union, enrolled_on
        self.roster = set(
            Membership.objects.filter(union=union, status=MembershipStatus.ACTIVE).values_list(
                "person_id", flat=True
            )
        )

    def parse(self, row: Row, *, access: Access) -> Any:
        name, number = row.get("name"), row.get("id_number")
        shares = row.get("shares") or 1
        if shares > self.scheme.max_shares:
            row.error("shares", f"超过本方案每人最多{self.scheme.max_shares}份")
        person = find_person_by_id_number(number) if number else None
        if number and (person is None or person.pk not in self.roster):
            row.error("id_number", f"不是{self.union.name}的在册会员")
        elif person is not None and name and person.name != name:
            row.error("name", f"与身份证号登记的姓名“{person.name}”不一致")
        return None if row.errors else (person, shares)

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        first_row: dict[int, int] = {}
        taken = set(
            MutualEnrolment.objects.filter(
                scheme=self.scheme, person__in=[data[0] for _row, data in parsed]
            ).values_list("person_id", flat=True)
        )
        for row, (person, _shares) in parsed:
            if person.pk in first_row:
                row.error("id_number", f"与第{first_row[person.pk]}行重复")
            elif person.pk in taken:
                row.error("id_number", "已参加本互助方案")
            first_row.setdefault(person.pk, row.number)

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        try:
            mutual_group_enrol(
                actor=access,
                scheme=self.scheme,
                org_unit=self.union,
                people=[data for _row, data in parsed],
                enrolled_on=self.enrolled_on,
            )
        except DomainError as exc:
            outcome.problem = f"整个文件未导入：{exc.message}"
            return
        outcome.created = len(parsed)


IMPORTER = register_importer(EnrolmentImporter())
