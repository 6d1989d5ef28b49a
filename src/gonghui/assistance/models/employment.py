"""就业服务: job seekers registered by name (实名制) — a member (members.Person), a member of a
household on file (FamilyMember) or anyone else with their 身份证号 encrypted —, trainings
with their enrolments and completions, job fairs with their attendance and the seekers who
came, and placements. The rules live in assistance.services.employment and .training."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from gonghui.core.constraints import check, not_before, unique
from gonghui.core.encrypted import EncryptedField
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.core.validators import mask_id_number, mask_phone, normalize_id_number


class SeekerStatus(models.TextChoices):
    SEEKING = "seeking", "求职中"
    PLACED = "placed", "已就业"
    LEFT = "left", "已退出"


class TrainingKind(models.TextChoices):
    SKILL = "skill", "职业技能培训"
    STARTUP = "startup", "创业培训"
    UPGRADE = "upgrade", "岗位技能提升"
    OTHER = "other", "其他培训"


class JobSeeker(OwnedRecord):
    """A person looking for work, registered by name with the union that serves them."""

    owner_unit = "org_unit"
    owner_user = "person__user"

    org_unit = link("orgs.OrgUnit", "登记工会")
    person = link("members.Person", "会员", optional=True, related_name="job_seekers")
    family_member = link(
        "assistance.FamilyMember",
        "困难家庭成员",
        optional=True,
        on_delete=models.SET_NULL,
        related_name="job_seekers",
    )
    file = link("assistance.HardshipFile", "困难职工档案", optional=True, related_name="+")
    name = models.CharField("姓名", max_length=50)
    # The 身份证号 of a seeker who is not a members.Person (the person's own is kept there).
    id_number = EncryptedField(
        "身份证号",
        prefix="id",
        index=True,
        blank=True,
        mask=mask_id_number,
        mask_length=18,
        normalize=normalize_id_number,
    )
    phone = EncryptedField("联系电话", blank=True, mask=mask_phone, mask_length=11)
    registered_on = models.DateField("登记日期")
    wanted_job = models.CharField("求职意向", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=SeekerStatus.choices, default=SeekerStatus.SEEKING
    )
    left_reason = models.TextField("退出原因", blank=True, editable=False)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "求职登记"
        ordering = ["-registered_on", "-pk"]
        constraints = [
            unique(
                ["person"],
                "seeker_once_per_person",
                "该会员已有求职登记",
                condition=Q(person__isnull=False),
            ),
            unique(
                ["id_index"],
                "seeker_once_per_id_number",
                "该身份证号已有求职登记",
                condition=~Q(id_index=""),
            ),
            check(
                Q(person__isnull=False) | ~Q(id_index=""),
                "seeker_person_or_id_number",
                "求职人员须关联会员或填写身份证号（实名制）",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = detail_url("assistance:seeker_detail")


class Training(OwnedRecord):
    """One training course a union runs or arranges for job seekers."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "举办工会")
    title = models.CharField("培训名称", max_length=200)
    kind = models.CharField("培训类型", max_length=16, choices=TrainingKind.choices)
    provider = models.CharField("培训机构", max_length=200, blank=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    hours = models.PositiveSmallIntegerField("课时")
    place = models.CharField("培训地点", max_length=200, blank=True)

    class Meta:
        verbose_name = "就业培训"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            not_before(
                "ends_on",
                "starts_on",
                "training_ends_after_start",
                "结束日期不能早于开始日期",
                optional=False,
            ),
            check(Q(hours__gt=0), "training_hours_positive", "课时须大于0"),
        ]

    def __str__(self) -> str:
        return self.title

    get_absolute_url = detail_url("assistance:training_detail")


class TrainingEnrolment(models.Model):
    """A seeker on a training; ``completed_on`` once they finished it (结业)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="enrolments")
    seeker = link(JobSeeker, "求职人员", related_name="enrolments")
    enrolled_on = models.DateField("报名日期")
    completed_on = stored_date("结业日期")
    certificate = models.CharField("证书", max_length=200, blank=True, editable=False)
    created_by = user_link("登记人")

    scope_rule = ScopeRule(units=("training__org_unit", "seeker__org_unit"))

    class Meta:
        verbose_name = "培训报名"
        ordering = ["pk"]
        constraints = [
            unique(["training", "seeker"], "enrolment_once", "该人员已报名本次培训"),
            not_before(
                "completed_on",
                "enrolled_on",
                "enrolment_completed_after",
                "结业日期不能早于报名日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker.name} · {self.training.title}"


class JobFair(OwnedRecord):
    """A 招聘会 a union holds: how many employers, positions and people came."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "举办工会")
    title = models.CharField("招聘会名称", max_length=200)
    held_on = models.DateField("举办日期")
    place = models.CharField("举办地点", max_length=200)
    employers = models.PositiveIntegerField("参会企业数", default=0)
    positions = models.PositiveIntegerField("提供岗位数", default=0)
    attendance = models.PositiveIntegerField("入场人数", default=0)

    class Meta:
        verbose_name = "招聘会"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    get_absolute_url = detail_url("assistance:fair_detail")


class FairAttendance(models.Model):
    """A registered seeker who came to a fair (part of its 入场人数)."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="attendees")
    seeker = link(JobSeeker, "求职人员", related_name="fairs")
    created_by = user_link("登记人")

    scope_rule = ScopeRule(units=("fair__org_unit", "seeker__org_unit"))

    class Meta:
        verbose_name = "招聘会参会人员"
        ordering = ["pk"]
        constraints = [
            unique(["fair", "seeker"], "fair_attendance_once", "该人员已登记参加本次招聘会"),
        ]

    def __str__(self) -> str:
        return f"{self.seeker.name} · {self.fair.title}"


class Placement(OwnedRecord):
    """A seeker placed in a job (实现就业): employer, job, date, and the fair that led to it."""

    owner_unit = "org_unit"
    owner_user = "seeker__person__user"

    org_unit = link("orgs.OrgUnit", "登记工会")
    seeker = link(JobSeeker, "求职人员", related_name="placements")
    employer_name = models.CharField("用人单位", max_length=200)
    enterprise = link("orgs.Enterprise", "在册用人单位", optional=True)
    job = models.CharField("岗位", max_length=100)
    placed_on = models.DateField("就业日期")
    monthly_wage = MoneyField("月工资（元）", null=True, blank=True)
    fair = link(JobFair, "招聘会", optional=True, related_name="placements")
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "就业安置"
        ordering = ["-placed_on", "-pk"]
        constraints = [
            unique(
                ["seeker", "employer_name", "placed_on"],
                "placement_once",
                "该人员在该单位同日已有就业记录",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker.name} · {self.employer_name}"

    get_absolute_url = detail_url("assistance:placement_detail")
