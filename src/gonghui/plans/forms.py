"""Forms of the plan pages. Plain forms: parse input; the services validate and save.

Select boxes offer only units in the actor's scope; metric parameters are generated from the
metric's declared ``Param``s (choice → select, bool → 是/否/不限, int → number).
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django import forms
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.attachment_views import files_field
from gonghui.core.errors import DomainError
from gonghui.core.forms import DateInput, Form
from gonghui.core.metrics import Metric, all_metrics
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.plans.attachments import PROGRESS_EVIDENCE
from gonghui.plans.charts import fmt_number
from gonghui.plans.models import Comparator, PlanSection, Target, WorkPlan
from gonghui.plans.selectors import federation_units_for, report_units_for

PLAN_FILE_TYPES = (".txt", ".docx")
PLAN_FILE_MAX = 10 * 1024 * 1024

# Constraint messages that concern one field.
TARGET_MESSAGE_FIELDS = {
    "目标值不能为负数": "value",
    "目标上限不能小于目标值": "value_max",
}
PROGRESS_MESSAGE_FIELDS = {"完成值不能为负数": "value"}
# The upload errors of core.attachment_services, on the progress form's file input.
PROGRESS_FIELD_MAP = {"file": "files"}


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class PlanCreateForm(Form):
    org_unit = UnitChoiceField(label="制定单位", queryset=OrgUnit.objects.none())
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="可不填：系统从原文中识别（如“2025年工作要点”）",
    )
    title = forms.CharField(
        label="标题", max_length=200, required=False, help_text="可不填：默认为“单位+年度+工作要点”"
    )
    text = forms.CharField(
        label="粘贴原文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "将工作要点全文粘贴到这里"}),
        strip=False,
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        help_text="支持 .txt（UTF-8 或 GBK 编码）和 .docx，不超过 10 MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        units = federation_units_for(access)
        self.fields["org_unit"].queryset = units
        if access.unit is not None and units.filter(pk=access.unit.pk).exists():
            self.fields["org_unit"].initial = access.unit.pk
        self.fields["year"].error_messages["max_value"] = "年度应在2000至2100之间"
        self.fields["year"].error_messages["min_value"] = "年度应在2000至2100之间"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        suffix = Path(upload.name).suffix.lower()
        if suffix not in PLAN_FILE_TYPES:
            raise forms.ValidationError(
                f"文件“{upload.name}”的类型不支持，请上传 .txt 或 .docx 文件"
                "（.doc 请先在 Word 中另存为 .docx）"
            )
        if upload.size > PLAN_FILE_MAX:
            raise forms.ValidationError(
                f"文件“{upload.name}”大小为 {_mb(upload.size)}，超过 10 MB 的上限"
            )
        return upload

    def clean(self):
        data = super().clean()
        text, upload = (data.get("text") or "").strip(), data.get("file")
        if "file" in self.errors:
            return data
        if text and upload:
            self.add_error("text", "请只选择一种方式：粘贴原文或上传文件")
        elif not text and not upload:
            self.add_error("text", "请粘贴工作要点原文，或上传 .txt / .docx 文件")
        elif upload:
            try:
                data["text"] = read_upload(upload)
            except DomainError as exc:
                self.add_error("file", exc.message)
        return data

    @property
    def text_field(self) -> str:
        """The field a text problem is shown on: the upload when the text came from a file."""
        return "file" if self.cleaned_data.get("file") else "text"


def read_upload(upload) -> str:
    """Write the uploaded plan to a temporary file (under its own name, so the reader's
    messages name the user's file) and read it with the extractor's reader."""
    from gonghui.plans.extract import PlanFileError, read_plan_file

    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="plan-") as folder:
        path = Path(folder) / (Path(upload.name).name or f"plan{suffix}")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            return read_plan_file(path)
        except PlanFileError as exc:
            raise DomainError(str(exc), field="file") from exc
        except Exception as exc:  # a corrupt or mislabelled file: python-docx/zip/codec errors
            kind = "Word 文档（.docx）" if suffix == ".docx" else "文本文件"
            raise DomainError(
                f"无法读取文件“{upload.name}”：不是有效的{kind}，请检查文件后重新上传",
                field="file",
            ) from exc


def section_label(section: PlanSection) -> str:
    """一、总则 / 1、组织建设 / （一）… as the outline shows it (numbers are stored bare)."""
    number = section.number or ""
    if not number or number[-1] in "）)、.．":
        return f"{number}{section.title}"
    return f"{number}、{section.title}"


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanSection) -> str:
        label = section_label(obj)
        return label if len(label) <= 26 else label[:26] + "…"


class TargetForm(Form):
    section = SectionChoiceField(
        label="所属章节", queryset=PlanSection.objects.none(), required=False, empty_label="（无）"
    )
    indicator = forms.CharField(label="指标", max_length=100)
    scope_text = forms.CharField(label="适用范围", max_length=100, required=False)
    comparator = forms.ChoiceField(label="比较方式", choices=Comparator.choices)
    value = forms.DecimalField(label="目标值", max_digits=16, decimal_places=2)
    value_max = forms.DecimalField(
        label="目标上限", max_digits=16, decimal_places=2, required=False, help_text="区间目标才填"
    )
    unit = forms.CharField(label="单位", max_length=20, required=False)
    quote = forms.CharField(label="原文", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    FIELDS = ("section", "indicator", "scope_text", "comparator", "value", "value_max", "unit")

    def __init__(self, *args, plan: WorkPlan, target: Target | None = None, **kwargs):
        if target is not None:
            initial = {f: getattr(target, f) for f in (*self.FIELDS, "quote")}
            for name in ("value", "value_max"):  # 3000.00 → 3000
                if initial[name] is not None:
                    initial[name] = fmt_number(initial[name])
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.order_by("order")
        for name in ("value", "value_max"):
            self.fields[name].error_messages["invalid"] = f"{self.fields[name].label}应为数字"
            self.fields[name].error_messages["max_digits"] = f"{self.fields[name].label}过大"
            self.fields[name].error_messages["max_decimal_places"] = (
                f"{self.fields[name].label}最多保留两位小数"
            )
        if target is not None and target.quote_start is not None:
            # The quote of an extracted target points into the source text; keep it fixed.
            del self.fields["quote"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {f: data[f] for f in self.FIELDS}
        kwargs["scope_text"] = kwargs["scope_text"].strip()
        kwargs["indicator"] = kwargs["indicator"].strip()
        if "quote" in self.fields:
            kwargs["quote"] = data["quote"].strip()
        return kwargs


class MilestoneForm(Form):
    section = SectionChoiceField(
        label="所属章节", queryset=PlanSection.objects.none(), required=False, empty_label="（无）"
    )
    task = forms.CharField(label="任务", max_length=200)
    due = forms.DateField(label="完成时限", widget=DateInput())
    quote = forms.CharField(label="原文", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, plan: WorkPlan, milestone=None, **kwargs):
        if milestone is not None:
            kwargs.setdefault(
                "initial", {f: getattr(milestone, f) for f in ("section", "task", "due", "quote")}
            )
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.order_by("order")
        if milestone is not None and milestone.quote_start is not None:
            del self.fields["quote"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"section": data["section"], "task": data["task"].strip(), "due": data["due"]}
        if "quote" in self.fields:
            kwargs["quote"] = data["quote"].strip()
        return kwargs


class MilestoneDoneForm(Form):
    done_on = forms.DateField(label="完成日期", widget=DateInput())
    note = forms.CharField(label="完成情况", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


MANUAL = ""
BOOL_CHOICES = (("", "不限"), ("1", "是"), ("0", "否"))


def param_field_name(name: str) -> str:
    return f"p_{name}"


class BindForm(Form):
    """Metric and its parameters. The parameter fields are those of the chosen metric."""

    metric = forms.ChoiceField(label="统计指标", required=False)

    def __init__(self, *args, metric: Metric | None, target: Target | None = None, **kwargs):
        if target is not None and metric is not None and target.metric_key == metric.key:
            initial = {"metric": metric.key}
            for p in metric.params:
                value = target.metric_params.get(p.name)
                if p.kind == "bool" and value is not None:
                    value = "1" if value else "0"
                initial[param_field_name(p.name)] = value
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.metric_obj = metric
        self.fields["metric"].choices = [(MANUAL, "手工填报（不绑定指标）")] + [
            (m.key, f"{m.name}（{m.unit}）") for m in all_metrics()
        ]
        self.fields["metric"].initial = metric.key if metric else MANUAL
        self.fields["metric"].widget = forms.HiddenInput()
        for p in metric.params if metric else ():
            name = param_field_name(p.name)
            if p.kind == "bool":
                field = forms.ChoiceField(label=p.label, choices=BOOL_CHOICES, required=False)
            elif p.kind == "int":
                field = forms.IntegerField(label=p.label, required=False, min_value=0)
                field.help_text = "不少于该数值；不限请留空"
            else:
                field = forms.ChoiceField(
                    label=p.label, choices=[("", "不限"), *p.choices], required=False
                )
            field.error_messages["invalid_choice"] = f"所选{p.label}不在可选范围内"
            field.error_messages["invalid"] = f"{p.label}应为整数"
            self.fields[name] = field

    def params(self) -> dict:
        out = {}
        for p in self.metric_obj.params if self.metric_obj else ():
            value = self.cleaned_data.get(param_field_name(p.name))
            if value not in (None, ""):
                out[p.name] = value
        return out


class ProgressForm(Form):
    org_unit = UnitChoiceField(label="填报单位", queryset=OrgUnit.objects.none())
    value = forms.DecimalField(label="完成值", max_digits=16, decimal_places=2, min_value=0)
    as_of = forms.DateField(label="截至日期", widget=DateInput())
    note = forms.CharField(
        label="说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = files_field(PROGRESS_EVIDENCE, required=False)

    def __init__(self, *args, access: Access, target: Target, **kwargs):
        kwargs.setdefault("initial", {"as_of": timezone.localdate()})
        super().__init__(*args, **kwargs)
        units = report_units_for(access, target)
        self.fields["org_unit"].queryset = units
        if access.unit is not None and units.filter(pk=access.unit.pk).exists():
            self.fields["org_unit"].initial = access.unit.pk
        self.fields["value"].error_messages.update(
            {"invalid": "完成值应为数字", "min_value": "完成值不能为负数"}
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        value: Decimal = data["value"]
        return {
            "org_unit": data["org_unit"],
            "value": value,
            "as_of": data["as_of"],
            "note": data["note"].strip(),
            "files": data["files"],
        }
